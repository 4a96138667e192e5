'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/api/action';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any action result shape; only ok/message/fieldErrors are read
type Action = (prev: any, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * A form bound to a Server Action: hidden fields travel with it, the result
 * message is announced, and every field error is listed by field name.
 */
export function ActionForm({
  action,
  fields = {},
  submit,
  pendingText,
  variant = 'primary',
  label,
  children,
  className = 'space-y-3',
}: {
  action: Action;
  fields?: Record<string, string>;
  submit: string;
  pendingText?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  label: string;
  children?: ReactNode;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}) : [];
  return (
    <form action={formAction} className={className} aria-label={label}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
      <FormMessage state={state} />
      {errors.length ? (
        <ul className="list-disc pl-5 text-xs text-red-800" role="alert">
          {errors.map(([field, msgs]) => (
            <li key={field}>
              <span className="font-medium">{field}</span>: {msgs.join(' ')}
            </li>
          ))}
        </ul>
      ) : null}
      <SubmitButton variant={variant} pendingText={pendingText}>
        {submit}
      </SubmitButton>
    </form>
  );
}
