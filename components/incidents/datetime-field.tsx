'use client';

import { useState } from 'react';
import { inputClass } from '@/components/ui/field';

function toLocalInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The reader types a time in their own time zone; the form sends it as UTC
 * ISO 8601 in a hidden field, so the server never guesses a zone.
 */
export function DateTimeField({ name, label, idPrefix = '', defaultNow = false, required = false, dateOnly = false, hint }: { name: string; label: string; idPrefix?: string; defaultNow?: boolean; required?: boolean; dateOnly?: boolean; hint?: string }) {
  const [local, setLocal] = useState(() => (defaultNow ? toLocalInput(new Date()).slice(0, dateOnly ? 10 : 16) : ''));
  const iso = local ? new Date(dateOnly ? `${local}T00:00` : local).toISOString() : '';
  const id = `${idPrefix}${name}-local`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type={dateOnly ? 'date' : 'datetime-local'}
        className={inputClass}
        value={local}
        required={required}
        onChange={(e) => setLocal(e.target.value)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <input type="hidden" name={name} value={iso} />
    </div>
  );
}
