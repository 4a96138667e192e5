// Only the sign-in and accept-invite forms (components/auth/) still use this; every other form is components/ui/form.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from './cn';

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-600';

// `id` defaults to `name`; give one when a page has several forms with the same field names.
type FieldProps = { label: string; name: string; id?: string; hint?: ReactNode; errors?: string[]; className?: string };

function FieldShell({ label, name, id, hint, errors, className, children }: FieldProps & { children: ReactNode }) {
  const fid = id ?? name;
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={fid} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length ? (
        <p id={`${fid}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${fid}-error`} className="text-xs font-medium text-red-700" role="alert">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(name: string, hint?: ReactNode, errors?: string[]) {
  return errors?.length ? `${name}-error` : hint ? `${name}-hint` : undefined;
}

export function TextField({ label, name, id, hint, errors, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} name={name} id={id} hint={hint} errors={errors} className={className}>
      <input id={id ?? name} name={name} className={inputClass} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id ?? name, hint, errors)} {...input} />
    </FieldShell>
  );
}

export function TextAreaField({ label, name, id, hint, errors, className, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} name={name} id={id} hint={hint} errors={errors} className={className}>
      <textarea id={id ?? name} name={name} className={inputClass} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id ?? name, hint, errors)} {...input} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  id,
  hint,
  errors,
  className,
  options,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly { value: string; label: string }[] }) {
  return (
    <FieldShell label={label} name={name} id={id} hint={hint} errors={errors} className={className}>
      <select id={id ?? name} name={name} className={inputClass} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id ?? name, hint, errors)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
