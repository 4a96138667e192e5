import { inputClass } from '@/components/ui/field';

/** A labelled multi-select (Ctrl/Cmd or Shift to pick several); sends name[] values. */
export function MultiSelect({ label, name, options, hint, size = 4 }: { label: string; name: string; options: { id: string; label: string }[]; hint?: string; size?: number }) {
  const id = `${name}-select`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} name={`${name}[]`} multiple size={Math.min(size, Math.max(2, options.length))} className={inputClass} aria-describedby={hint ? `${id}-hint` : undefined} disabled={!options.length}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {options.length ? (hint ?? 'Hold Ctrl (Cmd on a Mac) to choose several.') : 'Nothing to link yet.'}
      </p>
    </div>
  );
}

type Base = { label: string; name: string; id: string; className?: string };

/** Fields for pages with several forms: the id is given, so labels never collide. */
export function Input({ label, name, id, className, ...rest }: Base & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={`space-y-1 ${className ?? ''}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <input id={id} name={name} className={inputClass} {...rest} />
    </div>
  );
}

export function TextArea({ label, name, id, className, ...rest }: Base & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div className={`space-y-1 ${className ?? ''}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <textarea id={id} name={name} className={inputClass} {...rest} />
    </div>
  );
}

export function Select({ label, name, id, className, options, ...rest }: Base & React.SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  return (
    <div className={`space-y-1 ${className ?? ''}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">{label}</label>
      <select id={id} name={name} className={inputClass} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
