import type { ReactNode } from 'react';
import { cn } from './cn';

export function Card({ title, actions, children, className }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={cn('min-w-0 rounded-lg border border-slate-200 bg-white shadow-sm', className)}>
      {title || actions ? (
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
          {title ? <h2 className="text-base font-semibold">{title}</h2> : <span />}
          {actions}
        </header>
      ) : null}
      <div className="p-4">{children}</div>
    </section>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1>{title}</h1>
        {description ? <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="no-print flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}

export function Stat({ label, value, href, tone = 'default' }: { label: string; value: ReactNode; href?: string; tone?: 'default' | 'good' | 'bad' | 'warn' }) {
  const tones = { default: 'text-slate-900', good: 'text-green-800', bad: 'text-red-700', warn: 'text-amber-800' };
  const body = (
    <>
      <div className="text-sm text-slate-600">{label}</div>
      <div className={cn('mt-1 text-2xl font-semibold', tones[tone])}>{value}</div>
    </>
  );
  return href ? (
    <a href={href} className="block rounded-lg border border-slate-200 bg-white p-4 no-underline shadow-sm hover:border-brand-600">
      {body}
    </a>
  ) : (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">{body}</div>
  );
}
