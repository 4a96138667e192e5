import Link from 'next/link';

/**
 * Server-side pagination by cursor (keyset) for tables too large to count:
 * "Next" carries the cursor of the last row shown, "First page" drops it.
 * Filters are kept.
 */
export function KeysetPagination({ next, first, params, basePath, shown }: { next: string | null; first: boolean; params: Record<string, string | undefined>; basePath: string; shown: number }) {
  const href = (cursor?: string) => {
    const sp = new URLSearchParams(Object.entries({ ...params, cursor }).filter((e): e is [string, string] => Boolean(e[1])));
    const qs = sp.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  return (
    <nav aria-label="Pagination" className="no-print mt-4 flex items-center justify-between text-sm text-slate-700">
      <span>{shown === 0 ? 'No results' : `${shown} shown${first ? '' : ' (a later page)'}`}</span>
      <span className="flex gap-3">
        {!first ? <Link href={href()}>First page</Link> : null}
        {next ? <Link href={href(next)}>Next page</Link> : null}
      </span>
    </nav>
  );
}
