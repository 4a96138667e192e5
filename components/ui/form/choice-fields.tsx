'use client';

import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { FieldMessages, inputClass, useField, type FieldBase } from './field';

type ChoiceOption = { value: string; label: ReactNode; description?: ReactNode };

/**
 * Several checkboxes under one legend; sends `name[]` for each ticked one.
 * Controlled when `value`/`onChange` are given (presets), else uncontrolled.
 */
export function CheckboxGroup({ label, name, id: idProp, hint, className, options, defaultValue = [], value, onChange, columns = 'sm:grid-cols-2 lg:grid-cols-3' }: FieldBase & { options: readonly ChoiceOption[]; defaultValue?: readonly string[]; value?: readonly string[]; onChange?: (value: string) => void; columns?: string }) {
  const f = useField(name, label, idProp);
  const field = name.endsWith('[]') ? name : `${name}[]`;
  return (
    <fieldset className={cn('space-y-1', className)} aria-describedby={f.describedBy(Boolean(hint))} aria-invalid={f.invalid}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className={cn('grid gap-1', columns)}>
        {options.map((o, i) => (
          <label key={o.value} className="flex items-start gap-2 text-sm">
            <input
              id={i === 0 ? f.id : `${f.id}-${i}`}
              type="checkbox"
              name={field}
              value={o.value}
              className="mt-1"
              aria-invalid={i === 0 ? f.invalid : undefined}
              {...(value ? { checked: value.includes(o.value), onChange: () => onChange?.(o.value) } : { defaultChecked: defaultValue.includes(o.value) })}
            />
            <span>
              {o.label}
              {o.description ? <span className="block text-xs text-slate-600">{o.description}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <FieldMessages hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} />
    </fieldset>
  );
}

/** One choice of a few, all visible. */
export function RadioGroup({ label, name, id: idProp, hint, className, options, defaultValue, value, onChange }: FieldBase & { options: readonly ChoiceOption[]; defaultValue?: string; value?: string; onChange?: (value: string) => void }) {
  const f = useField(name, label, idProp);
  return (
    <fieldset className={cn('space-y-1', className)} aria-describedby={f.describedBy(Boolean(hint))}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {options.map((o, i) => (
        <label key={o.value} className="flex items-center gap-2 text-sm">
          <input
            id={i === 0 ? f.id : `${f.id}-${i}`}
            type="radio"
            name={name}
            value={o.value}
            aria-invalid={i === 0 ? f.invalid : undefined}
            {...(value !== undefined ? { checked: value === o.value, onChange: () => onChange?.(o.value) } : { defaultChecked: defaultValue === o.value })}
          />
          {o.label}
        </label>
      ))}
      <FieldMessages hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} />
    </fieldset>
  );
}

/** A file input; the form shows upload progress when it posts to an endpoint. */
export function FileField({ label, name, id: idProp, hint, className, accept, required, multiple }: FieldBase & { accept?: string; required?: boolean; multiple?: boolean }) {
  const f = useField(name, label, idProp);
  const isRequired = required ?? f.hint.required;
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={f.id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={f.id} name={name} type="file" accept={accept} multiple={multiple} required={isRequired} className={inputClass} aria-invalid={f.invalid} aria-describedby={f.describedBy(Boolean(hint))} />
      <FieldMessages hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} />
    </div>
  );
}
