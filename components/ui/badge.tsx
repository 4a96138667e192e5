import type { ReactNode } from 'react';
import { cn } from './cn';

export type Tone = 'neutral' | 'good' | 'bad' | 'warn' | 'info';

const tones: Record<Tone, string> = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
  good: 'bg-green-50 text-green-800 ring-green-300',
  bad: 'bg-red-50 text-red-800 ring-red-300',
  warn: 'bg-amber-50 text-amber-900 ring-amber-300',
  info: 'bg-brand-50 text-brand-800 ring-brand-100',
};

export function Badge({ tone = 'neutral', children, className }: { tone?: Tone; children: ReactNode; className?: string }) {
  return <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone], className)}>{children}</span>;
}
