'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/api/action';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any action result shape; only ok/message/fieldErrors are read
type Action = (prev: any, form: FormData) => Promise<ActionResult<unknown>>;

/** A form bound to a server action: fields come from the (server) parent; the result and field problems show below. */
export function ActionForm({ action, children, submit, pendingText, className, label, variant }: { action: Action; children: ReactNode; submit: string; pendingText?: string; className?: string; label: string; variant?: 'primary' | 'secondary' | 'danger' }) {
  const [state, formAction] = useActionState(action, null);
  const problems = state && !state.ok && state.fieldErrors ? Object.entries(state.fieldErrors) : [];
  return (
    <form action={formAction} className={className} aria-label={label}>
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingText={pendingText} variant={variant}>{submit}</SubmitButton>
        <FormMessage state={state} />
      </div>
      {problems.length ? (
        <ul className="mt-2 list-disc pl-5 text-xs text-red-700">
          {problems.map(([field, msgs]) => (
            <li key={field}>
              <strong>{field}</strong>: {msgs.join(' ')}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
