'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/api/action';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { cn } from '@/components/ui/cn';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any action result shape; only ok/message/fieldErrors are read
type Action = (prev: any, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * A form bound to a Server Action: shows the result and, on a validation
 * error, each field's problem by name so nothing is left to guess. React
 * resets the fields to their defaults after each submission.
 */
export function ActionForm({
  action,
  children,
  submitLabel,
  pendingText = 'Saving…',
  label,
  className,
  variant = 'primary',
}: {
  action: Action;
  children: ReactNode;
  submitLabel: string;
  pendingText?: string;
  label: string;
  className?: string;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const [state, formAction] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} aria-label={label} className={cn('space-y-3', className)}>
      {children}
      <FormMessage state={state} />
      {errors && Object.keys(errors).length ? (
        <ul className="list-inside list-disc text-sm text-red-800" role="alert">
          {Object.entries(errors).map(([field, msgs]) => (
            <li key={field}>
              <span className="font-medium">{field}</span>: {msgs.join(' ')}
            </li>
          ))}
        </ul>
      ) : null}
      <SubmitButton variant={variant} pendingText={pendingText}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
