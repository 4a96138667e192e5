'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionForm } from '@/components/ui/use-action-form';
import {
  addActionItemAction,
  addAttendeeAction,
  addDecisionAction,
  closeReviewAction,
  removeAttendeeAction,
  saveMinutesAction,
  setActionItemStatusAction,
  startReviewAction,
} from '@/lib/reviews/actions';

type UserOption = { id: string; name: string };

export function StartReviewButton({ quarter, label = 'Start the review' }: { quarter: string; label?: string }) {
  const [state, action] = useActionState(startReviewAction, null);
  return (
    <form action={action} className="inline-flex flex-col gap-1">
      <input type="hidden" name="quarter" value={quarter} />
      <SubmitButton pendingText="Starting…">{label}</SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function MinutesForm({ reviewId, minutes }: { reviewId: string; minutes: string }) {
  const { state, pending, formProps } = useActionForm(saveMinutesAction, { resetOnSuccess: false });
  return (
    <form {...formProps} className="space-y-2">
      <input type="hidden" name="reviewId" value={reviewId} />
      <TextAreaField label="Minutes" name="minutes" rows={8} defaultValue={minutes} errors={state && !state.ok ? state.fieldErrors?.minutes : undefined} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pending={pending} pendingText="Saving…">Save minutes</SubmitButton>
    </form>
  );
}

export function AttendeeForm({ reviewId, users }: { reviewId: string; users: UserOption[] }) {
  const { state, pending, formProps } = useActionForm(addAttendeeAction);
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-2" aria-label="Add an attendee">
      <input type="hidden" name="reviewId" value={reviewId} />
      <SelectField label="Portal user" name="userId" options={[{ value: '', label: 'Someone else…' }, ...users.map((u) => ({ value: u.id, label: u.name }))]} />
      <TextField label="Or name" name="name" placeholder="External attendee" errors={state && !state.ok ? state.fieldErrors?.name : undefined} />
      <TextField label="Role" name="role" placeholder="e.g. DPO" />
      <SubmitButton variant="secondary" pending={pending} pendingText="Adding…">Add attendee</SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function RemoveAttendeeButton({ reviewId, attendeeId, name }: { reviewId: string; attendeeId: string; name: string }) {
  return (
    <ConfirmAction
      action={removeAttendeeAction}
      fields={{ reviewId, attendeeId }}
      label={`Remove ${name}`}
      title={`Remove ${name} from the attendees?`}
      body="The removal is recorded in the audit trail."
      confirmLabel="Remove"
      variant="secondary"
    />
  );
}

export function DecisionForm({ reviewId }: { reviewId: string }) {
  const { state, pending, formProps } = useActionForm(addDecisionAction);
  return (
    <form {...formProps} className="space-y-2" aria-label="Record a decision">
      <input type="hidden" name="reviewId" value={reviewId} />
      <TextAreaField label="Decision" name="text" rows={2} required errors={state && !state.ok ? state.fieldErrors?.text : undefined} />
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pending={pending} pendingText="Recording…">Record decision</SubmitButton>
    </form>
  );
}

export function ActionItemForm({ reviewId, users }: { reviewId: string; users: UserOption[] }) {
  const { state, pending, formProps } = useActionForm(addActionItemAction);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form {...formProps} className="grid gap-2 md:grid-cols-4 md:items-end" aria-label="Add an action item">
      <input type="hidden" name="reviewId" value={reviewId} />
      <TextField label="Action" name="title" required className="md:col-span-2" errors={errors?.title} />
      <SelectField label="Owner" name="ownerId" options={users.map((u) => ({ value: u.id, label: u.name }))} errors={errors?.ownerId} />
      <TextField label="Due date" name="dueDate" type="date" required errors={errors?.dueDate} />
      <div className="md:col-span-4 space-y-2">
        <FormMessage state={state} />
        <SubmitButton variant="secondary" pending={pending} pendingText="Adding…">Add action item</SubmitButton>
      </div>
    </form>
  );
}

export function ActionItemStatusButton({ id, status, title }: { id: string; status: 'OPEN' | 'DONE'; title: string }) {
  const [state, action] = useActionState(setActionItemStatusAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="status" value={status === 'OPEN' ? 'DONE' : 'OPEN'} />
      <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingText="Saving…">
        <span className="sr-only">{title}: </span>
        {status === 'OPEN' ? 'Mark done' : 'Reopen'}
      </SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function CloseReviewButton({ reviewId, quarter }: { reviewId: string; quarter: string }) {
  return (
    <ConfirmAction
      action={closeReviewAction}
      fields={{ reviewId }}
      label="Close the review"
      title={`Close the ${quarter} review?`}
      body="The figures, minutes, decisions and action items are frozen and their SHA-256 goes into the audit trail. Nothing in this review can change afterwards; action items stay trackable."
      confirmLabel="Close and freeze"
      variant="danger"
    />
  );
}

export function PrintButton() {
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      Print
    </Button>
  );
}
