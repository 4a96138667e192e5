'use client';

import { createContext, useContext } from 'react';
import type { FieldErrors } from '@/lib/errors';
import type { FieldHint } from './hints';
import { describeSubPath } from './labels';

export type FieldEntry = { name: string; label: string; id: string };

export type FormContextValue = {
  /** Page-unique prefix for the ids of this form's fields. */
  id: string;
  pending: boolean;
  /** Upload progress in percent while a file form is sending, else null. */
  progress: number | null;
  errors: FieldErrors;
  hint: (name: string) => FieldHint | undefined;
  register: (entry: FieldEntry) => () => void;
  /** Called when the form is reset (after a success), for fields that hold state. */
  onReset: (listener: () => void) => () => void;
};

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext() {
  return useContext(FormContext);
}

/** The name a field sends, without the `[]` that marks a list. */
export function baseName(name: string) {
  return name.endsWith('[]') ? name.slice(0, -2) : name;
}

/** Error messages for a field: its own key and nested keys below it ("metrics.0.value"). */
export function errorsFor(errors: FieldErrors, name: string): string[] {
  const base = baseName(name);
  const out: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    if (key === base || key.startsWith(`${base}.`)) out.push(...messages.map((m) => (key === base ? m : `${describeSubPath(key.slice(base.length + 1))}: ${m}`)));
  }
  return out;
}

