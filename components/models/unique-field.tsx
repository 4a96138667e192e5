import type { InputHTMLAttributes } from 'react';
import { inputClass } from '@/components/ui/field';

/** A labelled field whose id is unique on the page (several forms repeat the same field name). */
export function UniqueField({ id, label, name, textarea, ...input }: { id: string; label: string; name: string; textarea?: boolean } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      {textarea ? (
        <textarea id={id} name={name} className={inputClass} rows={3} required={input.required} defaultValue={input.defaultValue as string | undefined} />
      ) : (
        <input id={id} name={name} className={inputClass} {...input} />
      )}
    </div>
  );
}
