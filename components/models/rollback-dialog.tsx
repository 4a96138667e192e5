'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { ActionResult } from '@/lib/api/action';
import { rollbackAction } from '@/lib/models/actions';

/** Roll back behind a confirmation dialog that asks for the reason. */
export function RollbackDialog({ modelId, from }: { modelId: string; from: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: ActionResult<unknown> | null, form: FormData) => {
    const result = await rollbackAction(prev as never, form);
    if (result.ok) setOpen(false);
    return result as ActionResult<unknown>;
  }, null);
  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Roll back
      </Button>
      {state && !open ? <FormMessage state={state} /> : null}
      <dialog ref={dialog} onClose={() => setOpen(false)} aria-labelledby="rollback-title" className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <form action={formAction} className="space-y-4 p-6">
          <h2 id="rollback-title">Roll back {from}?</h2>
          <p className="text-sm text-slate-700">Production returns to the previous approved version at once. {from} goes back to validation and must pass every gate again.</p>
          <input type="hidden" name="modelId" value={modelId} />
          <TextAreaField label="Reason" name="reason" required rows={3} errors={errors?.reason} />
          <TextField label="Incident id (optional)" name="incidentId" errors={errors?.incidentId} />
          <FormMessage state={state && !state.ok ? state : null} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending} aria-busy={pending}>
              {pending ? 'Rolling back…' : 'Roll back now'}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
