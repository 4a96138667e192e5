import Link from 'next/link';

/** Server-side pagination links that keep the current filters. */
export function Pagination({ page, pageSize, total, params, basePath }: { page: number; pageSize: number; total: number; params: Record<string, string | undefined>; basePath: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const sp = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `${basePath}?${sp}`;
  };
  return (
    <nav aria-label="Pagination" className="no-print mt-4 flex items-center justify-between text-sm text-slate-700">
      <span>
        {total === 0 ? 'No results' : `${(page - 1) * pageSize + 1}–${Math.min(page * pageSize, total)} of ${total}`}
      </span>
      <span className="flex gap-3">
        {page > 1 ? <Link href={href(page - 1)}>Previous</Link> : null}
        <span aria-current="page">
          Page {page} of {pages}
        </span>
        {page < pages ? <Link href={href(page + 1)}>Next</Link> : null}
      </span>
    </nav>
  );
}
