import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cn } from './cn';

/**
 * A table that scrolls inside its own box when wider than the screen. Given
 * `columns`, it writes the header row and wraps the children (the rows) in the
 * body; without, the children are the whole table (a header of several rows).
 */
export function Table({ caption, columns, children, className }: { caption: string; columns?: readonly ReactNode[]; children: ReactNode; className?: string }) {
  return (
    // Focusable so a keyboard can scroll a table wider than the screen.
    <div role="region" aria-label={caption} tabIndex={0} className={cn('overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm', className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {columns ? (
          <>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <Th key={i}>{c}</Th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">{children}</tbody>
          </>
        ) : (
          children
        )}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn('bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700', className)} {...props} />;
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('px-3 py-2 align-top text-slate-800', className)} {...props} />;
}
