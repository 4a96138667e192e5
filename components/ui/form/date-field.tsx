'use client';

import { useEffect, useRef } from 'react';
import { useTimePrefs } from '@/components/ui/time-prefs';
import { FieldShell, inputClass, useField, type FieldBase } from './field';

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the value of a datetime-local input, in the browser's time zone. */
export function toLocalInput(d: Date) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// The zone the server rendered with (the browser's own, once it has said so), so the hint never changes on hydration.
function useZone() {
  return `your time (${useTimePrefs().timeZone})`;
}

/**
 * Date and time typed in the reader's own time zone and sent as UTC ISO 8601
 * in a hidden field, so the server never guesses a zone. The local value is
 * filled in after hydration: the input converts with the browser's own clock.
 */
export function DateTimeField({ label, name, id: idProp, hint, className, required, defaultValue, defaultNow = false }: FieldBase & { required?: boolean; defaultValue?: string | null; defaultNow?: boolean }) {
  const f = useField(name, label, idProp);
  const visible = useRef<HTMLInputElement>(null);
  const hidden = useRef<HTMLInputElement>(null);
  const zone = useZone();
  const isRequired = required ?? f.hint.required;
  const { onReset } = f;

  useEffect(() => {
    const fill = () => {
      const start = defaultValue ? new Date(defaultValue) : defaultNow ? new Date() : null;
      if (visible.current) visible.current.value = start ? toLocalInput(start) : '';
      if (hidden.current) hidden.current.value = start ? start.toISOString() : '';
    };
    fill();
    // After form.reset() the inputs return to their (empty) defaults: fill again.
    return onReset?.(() => setTimeout(fill, 0));
  }, [defaultValue, defaultNow, onReset]);

  const sync = () => {
    const local = visible.current?.value ?? '';
    const d = local ? new Date(local) : null;
    if (hidden.current) hidden.current.value = d && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
  };

  return (
    <FieldShell id={f.id} label={label} hint={hint ?? `In ${zone}; stored in UTC.`} hintId={f.hintId} errors={f.errors} errorId={f.errorId} required={isRequired} className={className}>
      <input ref={visible} id={f.id} type="datetime-local" className={inputClass} required={isRequired} onChange={sync} aria-invalid={f.invalid} aria-describedby={f.describedBy(true)} />
      {/* No value prop: React would write it back over the converted value on every render. */}
      <input ref={hidden} type="hidden" name={name} />
    </FieldShell>
  );
}

/** A calendar date (YYYY-MM-DD; a date has no time zone). `defaultToday` fills in the reader's today. */
export function DateField({ label, name, id: idProp, hint, className, required, defaultValue, defaultToday = false, min, max }: FieldBase & { required?: boolean; defaultValue?: string | null; defaultToday?: boolean; min?: string; max?: string }) {
  const f = useField(name, label, idProp);
  const ref = useRef<HTMLInputElement>(null);
  const isRequired = required ?? f.hint.required;
  const { onReset } = f;
  useEffect(() => {
    if (!defaultToday) return;
    const fill = () => {
      const d = new Date();
      if (ref.current && !ref.current.value) ref.current.value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    };
    fill();
    return onReset?.(() => setTimeout(fill, 0));
  }, [defaultToday, onReset]);
  return (
    <FieldShell id={f.id} label={label} hint={hint} hintId={f.hintId} errors={f.errors} errorId={f.errorId} required={isRequired} className={className}>
      <input ref={ref} id={f.id} name={name} type="date" className={inputClass} required={isRequired} defaultValue={defaultValue?.slice(0, 10) ?? undefined} min={min} max={max} aria-invalid={f.invalid} aria-describedby={f.describedBy(Boolean(hint))} />
    </FieldShell>
  );
}
