// Server components: the forms take their schemas here, so zod stays on the server (lib/client-bundle.test.ts).

import { ActionForm, ConfirmAction, DateField, PersonPicker, SubmitButton, TextAreaField, TextField } from '@/components/ui/form';
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
import { actionItemSchema, attendeeSchema, decisionSchema, minutesSchema } from '@/lib/reviews/schema';

export function StartReviewButton({ quarter, label = 'Start the review' }: { quarter: string; label?: string }) {
  return <ActionForm action={startReviewAction} fields={{ quarter }} label={label} submit={label} pendingText="Starting…" announce="toast" className="inline-flex flex-col gap-1" />;
}

export function MinutesForm({ reviewId, minutes }: { reviewId: string; minutes: string }) {
  return (
    <ActionForm action={saveMinutesAction} schema={minutesSchema} fields={{ reviewId }} label="Notes of the meeting" submit="Save minutes" pendingText="Saving…" variant="secondary" resetOnSuccess={false} className="space-y-2">
      <TextAreaField label="Minutes" name="minutes" rows={8} defaultValue={minutes} />
    </ActionForm>
  );
}

export function AttendeeForm({ reviewId }: { reviewId: string }) {
  return (
    <ActionForm action={addAttendeeAction} schema={attendeeSchema} fields={{ reviewId }} label="Add an attendee" submit="Add attendee" pendingText="Adding…" variant="secondary" className="flex flex-wrap items-end gap-2">
      <PersonPicker label="Portal user" name="userId" className="min-w-56" />
      <TextField label="Or name" name="name" placeholder="External attendee" />
      <TextField label="Role" name="role" placeholder="e.g. DPO" />
    </ActionForm>
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
      success={`${name} removed.`}
      variant="secondary"
    />
  );
}

export function DecisionForm({ reviewId }: { reviewId: string }) {
  return (
    <ActionForm action={addDecisionAction} schema={decisionSchema} fields={{ reviewId }} label="Record a decision" submit="Record decision" pendingText="Recording…" variant="secondary" className="space-y-2">
      <TextAreaField label="Decision" name="text" rows={2} />
    </ActionForm>
  );
}

export function ActionItemForm({ reviewId }: { reviewId: string }) {
  return (
    <ActionForm action={addActionItemAction} schema={actionItemSchema} fields={{ reviewId }} label="Add an action item" submit="Add action item" pendingText="Adding…" variant="secondary" className="grid gap-2 md:grid-cols-4 md:items-end">
      <TextField label="Action" name="title" className="md:col-span-2" />
      <PersonPicker label="Owner" name="ownerId" />
      <DateField label="Due date" name="dueDate" />
    </ActionForm>
  );
}

export function ActionItemStatusButton({ id, status, title }: { id: string; status: 'OPEN' | 'DONE'; title: string }) {
  const next = status === 'OPEN' ? 'DONE' : 'OPEN';
  return (
    <ActionForm
      action={setActionItemStatusAction}
      fields={{ id, status: next }}
      label={`${title}: ${status === 'OPEN' ? 'mark done' : 'reopen'}`}
      submit={null}
      announce="toast"
      success={next === 'DONE' ? `${title}: done.` : `${title}: reopened.`}
      className="inline-flex items-center gap-2"
    >
      <SubmitInline>
        <span className="sr-only">{title}: </span>
        {status === 'OPEN' ? 'Mark done' : 'Reopen'}
      </SubmitInline>
    </ActionForm>
  );
}

function SubmitInline({ children }: { children: React.ReactNode }) {
  return (
    <SubmitButton variant="secondary" className="px-2 py-1 text-xs" pendingText="Saving…">
      {children}
    </SubmitButton>
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
      success={`The ${quarter} review is closed.`}
      variant="danger"
      buttonClassName=""
    />
  );
}
