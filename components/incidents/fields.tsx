import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { inputClass } from '@/components/ui/field';

// Several forms share one incident page and the same field names; these
// take an explicit id so every label points at its own control.

type Base = { id: string; label: string; className?: string };

export function Text({ id, label, className, ...input }: Base & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={className ?? 'space-y-1'}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <input id={id} className={inputClass} {...input} />
    </div>
  );
}

export function TextArea({ id, label, className, ...input }: Base & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className={className ?? 'space-y-1'}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <textarea id={id} className={inputClass} {...input} />
    </div>
  );
}

export function Select({ id, label, className, options, ...select }: Base & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  return (
    <div className={className ?? 'space-y-1'}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <select id={id} className={inputClass} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
