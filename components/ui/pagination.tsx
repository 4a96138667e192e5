import Link from 'next/link';

/**
 * Server-side pagination links that keep the current filters. A page with two
 * pagers gives each its own `param` (default `page`), `label` (the
 * navigation's name) and `hash` (where the link lands).
 */
export function Pagination({ page, pageSize, total, params, basePath, param = 'page', label = 'Pagination', hash }: { page: number; pageSize: number; total: number; params: Record<string, string | undefined>; basePath: string; param?: string; label?: string; hash?: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const sp = new URLSearchParams(Object.entries({ ...params, [param]: String(p) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `${basePath}?${sp}${hash ? `#${hash}` : ''}`;
  };
  return (
    <nav aria-label={label} className="no-print mt-4 flex items-center justify-between text-sm text-slate-700">
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
