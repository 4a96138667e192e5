// Server components: the form takes its schema here, so zod stays on the server (lib/client-bundle.test.ts).

import { ActionForm, ConfirmAction, SelectField, TextAreaField } from '@/components/ui/form';
import { approveSoaAction, setSoaEntryAction } from '@/lib/reports/actions';
import { soaEntrySchema } from '@/lib/reports/soa-schema';

/** A manager's decision on one Annex A control: included or excluded, and why. */
export function SoaEntryForm({ requirementId, refLabel, included, justification }: { requirementId: string; refLabel: string; included: boolean; justification: string }) {
  return (
    <details>
      <summary className="cursor-pointer text-sm">Edit {refLabel}</summary>
      <ActionForm action={setSoaEntryAction} schema={soaEntrySchema} label={`Applicability of ${refLabel}`} submit="Save" pendingText="Saving…" fields={{ requirementId }} resetOnSuccess={false} idPrefix={`soa-${requirementId}`} className="mt-2 grid gap-2">
        <SelectField
          label="Applicability"
          name="included"
          defaultValue={included ? 'included' : 'excluded'}
          options={[
            { value: 'included', label: 'Included' },
            { value: 'excluded', label: 'Excluded' },
          ]}
        />
        <TextAreaField label="Justification" name="justification" defaultValue={justification} rows={3} />
      </ActionForm>
    </details>
  );
}

export function ApproveSoa({ framework, title }: { framework: string; title: string }) {
  return (
    <ConfirmAction
      action={approveSoaAction}
      fields={{ framework }}
      label="Approve this version"
      title={`Approve the ${title}?`}
      body="The statement as it stands now is frozen as the next version, with its content hash recorded in the audit trail. Later edits start a new working draft."
      confirmLabel="Approve and freeze"
      pendingText="Approving…"
      variant="secondary"
      buttonClassName="px-3 py-1.5 text-sm"
    />
  );
}
