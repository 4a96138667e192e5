import type { Completion } from '@/lib/requirements/queries';

/** A labelled progress bar: share of applicable cells assessed, and of those compliant. */
export function CompletionBar({ item, href }: { item: Completion; href?: string }) {
  const pct = (n: number) => (item.cells ? Math.round((n / item.cells) * 100) : 0);
  const assessed = pct(item.assessed);
  const compliant = pct(item.compliant);
  const label = href ? <a href={href}>{item.label}</a> : item.label;
  return (
    <div className="text-sm">
      <div className="flex justify-between gap-2">
        <span className="truncate font-medium">{label}</span>
        <span className="shrink-0 tabular-nums text-slate-700">
          {item.assessed}/{item.cells} assessed · {compliant}% compliant
        </span>
      </div>
      <div className="relative mt-1 h-2 overflow-hidden rounded-full bg-slate-200" role="img" aria-label={`${item.label}: ${assessed}% assessed, ${compliant}% compliant or not applicable, ${item.nonCompliant} non-compliant`}>
        <div className="absolute inset-y-0 left-0 bg-slate-500" style={{ width: `${assessed}%` }} />
        <div className="absolute inset-y-0 left-0 bg-green-700" style={{ width: `${compliant}%` }} />
      </div>
    </div>
  );
}

export function CompletionList({ title, items, hrefFor, empty }: { title: string; items: Completion[]; hrefFor?: (c: Completion) => string; empty: string }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-800">{title}</h3>
      {items.length ? (
        <ul className="space-y-3">
          {items.map((c) => (
            <li key={c.id}>
              <CompletionBar item={c} href={hrefFor?.(c)} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{empty}</p>
      )}
    </div>
  );
}
