'use client';

import { useActionState, useEffect, useRef } from 'react';
import type { ActionResult } from '@/lib/api/action';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any action result shape; only ok/message/fieldErrors are read
type Action = (prev: any, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * A small form around one server action: the fields come from the server
 * page, the result (and every field error, named) is announced here.
 */
export function ActionForm({
  action,
  submitLabel,
  label,
  children,
  variant = 'primary',
  className,
}: {
  action: Action;
  submitLabel: string;
  label: string;
  children: React.ReactNode;
  variant?: 'primary' | 'secondary' | 'danger';
  className?: string;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const [state, formAction] = useActionState(action, null);
  useEffect(() => {
    if (state?.ok) ref.current?.reset();
  }, [state]);
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}) : [];
  return (
    <form ref={ref} action={formAction} aria-label={label} className={className ?? 'space-y-3'}>
      {children}
      <FormMessage state={state} />
      {fieldErrors.length ? (
        <ul className="list-disc pl-5 text-xs font-medium text-red-700" data-testid="field-errors">
          {fieldErrors.map(([field, messages]) => (
            <li key={field}>
              {field}: {messages.join(' ')}
            </li>
          ))}
        </ul>
      ) : null}
      <SubmitButton variant={variant}>{submitLabel}</SubmitButton>
    </form>
  );
}
