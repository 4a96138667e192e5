'use client';

import { useEffect, useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cn } from '@/components/ui/cn';
import { baseName, errorsFor, useFormContext } from './context';
import type { FieldHint } from './hints';

export const inputClass =
  'block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30 aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-600/40';

export type FieldBase = {
  /** What the person reads; also how the field is named in every message. */
  label: string;
  name: string;
  /** Only to keep an id a test or link relies on; otherwise generated, unique on the page. */
  id?: string;
  hint?: ReactNode;
  className?: string;
  /** Hide the label visually (it stays the accessible name). */
  srOnlyLabel?: boolean;
};

/**
 * Wires one field into its form: a page-unique id, its errors from the last
 * refusal, aria-invalid/aria-describedby, and the schema's hints.
 */
export function useField(name: string, label: string, idProp?: string) {
  const ctx = useFormContext();
  const own = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const id = idProp ?? (ctx ? `${ctx.id}-${baseName(name).replace(/[^a-zA-Z0-9_-]/g, '-')}` : `f${own}`);
  const errors = ctx ? errorsFor(ctx.errors, name) : [];
  const hint: FieldHint = ctx?.hint(name) ?? {};
  const register = ctx?.register;
  useEffect(() => register?.({ name, label, id }), [register, name, label, id]);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return {
    id,
    errors,
    hint,
    errorId,
    hintId,
    onReset: ctx?.onReset,
    describedBy: (hasHint: boolean) => [errors.length ? errorId : null, hasHint ? hintId : null].filter(Boolean).join(' ') || undefined,
    invalid: errors.length ? true : undefined,
  };
}

export function FieldShell({ id, label, hint, hintId, errors, errorId, required, className, srOnlyLabel, children }: { id: string; label: string; hint?: ReactNode; hintId: string; errors: string[]; errorId: string; required?: boolean; className?: string; srOnlyLabel?: boolean; children: ReactNode }) {
  return (
    <div className={cn('space-y-1', className)}>
      <FieldLabel htmlFor={id} label={label} required={required} srOnly={srOnlyLabel} />
      {children}
      <FieldMessages hint={hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}

/** The label; "required" sits beside it, outside the accessible name (the input says required itself). */
export function FieldLabel({ htmlFor, label, required, srOnly }: { htmlFor: string; label: string; required?: boolean; srOnly?: boolean }) {
  return (
    <div className={cn('flex flex-wrap items-baseline gap-1', srOnly && 'sr-only')}>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {required ? (
        <span aria-hidden="true" className="text-xs text-slate-600">
          (required)
        </span>
      ) : null}
    </div>
  );
}

export function FieldMessages({ hint, hintId, errors, errorId }: { hint?: ReactNode; hintId: string; errors: string[]; errorId: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={errorId} role="alert" className="text-xs font-medium text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </>
  );
}

type TextProps = FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>;

export function TextField({ label, name, id: idProp, hint, className, srOnlyLabel, required, maxLength, min, max, type = 'text', ...input }: TextProps) {
  const f = useField(name, label, idProp);
  const isRequired = required ?? f.hint.required;
  return (
    <FieldShell id={f.id} label={label} hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} required={isRequired} className={className} srOnlyLabel={srOnlyLabel}>
      <input
        id={f.id}
        name={name}
        type={type}
        className={inputClass}
        required={isRequired}
        maxLength={maxLength ?? (type === 'number' ? undefined : f.hint.maxLength)}
        min={min ?? (type === 'number' ? f.hint.min : undefined)}
        max={max ?? (type === 'number' ? f.hint.max : undefined)}
        aria-invalid={f.invalid}
        aria-describedby={f.describedBy(Boolean(hint))}
        {...input}
      />
    </FieldShell>
  );
}

type TextAreaProps = FieldBase & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id'>;

export function TextAreaField({ label, name, id: idProp, hint, className, srOnlyLabel, required, maxLength, rows = 3, ...input }: TextAreaProps) {
  const f = useField(name, label, idProp);
  const isRequired = required ?? f.hint.required;
  return (
    <FieldShell id={f.id} label={label} hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} required={isRequired} className={className} srOnlyLabel={srOnlyLabel}>
      <textarea id={f.id} name={name} rows={rows} className={inputClass} required={isRequired} maxLength={maxLength ?? f.hint.maxLength} aria-invalid={f.invalid} aria-describedby={f.describedBy(Boolean(hint))} {...input} />
    </FieldShell>
  );
}

export type Option = { value: string; label: string };

type SelectProps = FieldBase & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'> & { options: readonly Option[]; placeholder?: string };

/** A native select, for short fixed lists (a status, a severity). Large sets use a Combobox. */
export function SelectField({ label, name, id: idProp, hint, className, srOnlyLabel, required, options, placeholder, ...select }: SelectProps) {
  const f = useField(name, label, idProp);
  const isRequired = required ?? f.hint.required;
  return (
    <FieldShell id={f.id} label={label} hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} required={isRequired} className={className} srOnlyLabel={srOnlyLabel}>
      <select id={f.id} name={name} className={inputClass} required={isRequired} aria-invalid={f.invalid} aria-describedby={f.describedBy(Boolean(hint))} {...select}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** One yes/no checkbox (sends "true" when ticked). */
export function CheckboxField({ label, name, id: idProp, hint, className, value = 'true', ...input }: FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'type'>) {
  const f = useField(name, label, idProp);
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={f.id} className="flex items-start gap-2 text-sm text-slate-800">
        <input id={f.id} type="checkbox" name={name} value={value} className="mt-1" aria-invalid={f.invalid} aria-describedby={f.describedBy(Boolean(hint))} {...input} />
        <span>{label}</span>
      </label>
      <FieldMessages hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} />
    </div>
  );
}
