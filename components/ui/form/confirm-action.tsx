'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FormRoot, type FormAction } from './form-root';
import type { FormHints } from './hints';
import { SubmitButton, type Variant } from './submit-button';

/**
 * A consequential action behind a confirmation dialog (native <dialog>:
 * focus stays inside, Esc cancels). Fields in the body keep their input on
 * a refusal; a success closes the dialog and is announced as a toast.
 */
export function ConfirmAction<T>({
  action,
  fields,
  label,
  title,
  body,
  confirmLabel,
  pendingText = 'Working…',
  success,
  variant = 'danger',
  buttonClassName = 'px-2 py-1 text-xs',
  hints,
}: {
  action: FormAction<T>;
  fields: Record<string, string>;
  label: string;
  title: string;
  body: ReactNode;
  confirmLabel?: string;
  pendingText?: string;
  success?: string;
  variant?: 'danger' | 'secondary';
  buttonClassName?: string;
  hints?: FormHints;
}) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);
  const submitVariant: Variant = variant === 'danger' ? 'danger' : 'primary';
  return (
    <>
      <Button variant={variant} className={buttonClassName} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <dialog ref={dialog} onClose={() => setOpen(false)} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <div className="p-6">
          <h2 id={titleId}>{title}</h2>
          <FormRoot
            action={action}
            hints={hints}
            label={title}
            fields={fields}
            submit={null}
            announce="toast"
            success={success ?? `${confirmLabel ?? label}: done.`}
            className="mt-4 space-y-4"
            onResult={(result) => {
              if (result.ok) setOpen(false);
            }}
          >
            <div className="text-sm text-slate-700">{body}</div>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
                Cancel
              </Button>
              <SubmitButton variant={submitVariant} pendingText={pendingText}>
                {confirmLabel ?? label}
              </SubmitButton>
            </div>
          </FormRoot>
        </div>
      </dialog>
    </>
  );
}
