'use client';

import { useActionState, useEffect, useId, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/api/action';
import { Button } from './button';
import { FormMessage } from './form-message';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any action result shape; only ok/message are read
type Action = (prev: any, form: FormData) => Promise<ActionResult<unknown>>;

/**
 * A destructive action behind a confirmation dialog (native <dialog>: focus
 * is trapped and Esc cancels). Hidden fields travel with the submission.
 */
export function ConfirmAction({
  action,
  fields,
  label,
  title,
  body,
  confirmLabel,
  variant = 'danger',
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  title: string;
  body: React.ReactNode;
  confirmLabel?: string;
  variant?: 'danger' | 'secondary';
}) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: ActionResult<unknown> | null, form: FormData) => {
    const result = await action(prev, form);
    if (result.ok) setOpen(false);
    return result;
  }, null);

  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);

  return (
    <>
      <Button variant={variant} className="px-2 py-1 text-xs" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {state && !state.ok && !open ? <FormMessage state={state} /> : null}
      <dialog
        ref={dialog}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form action={formAction} className="space-y-4 p-6">
          <h2 id={titleId}>{title}</h2>
          <div className="text-sm text-slate-700">{body}</div>
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <FormMessage state={state} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant={variant === 'danger' ? 'danger' : 'primary'} disabled={pending} aria-busy={pending}>
              {pending ? 'Working…' : (confirmLabel ?? label)}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
