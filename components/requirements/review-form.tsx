import { ActionForm, DateField, SelectField, TextField } from '@/components/ui/form';
import { recordReviewAction } from '@/lib/requirements/actions';
import { REVIEW_OUTCOME_LABELS, REVIEW_OUTCOMES, recordReviewSchema } from '@/lib/requirements/schema';

/** The owner's attestation: outcome, notes, date (defaults to today). Ids are generated, so a list can hold many. */
export function ReviewForm({ requirementId, label = 'Record a review' }: { requirementId: string; label?: string }) {
  return (
    <ActionForm action={recordReviewAction} schema={recordReviewSchema} fields={{ requirementId }} submit="Record review" label={label} className="flex flex-wrap items-end gap-3">
      <SelectField label="Outcome" name="outcome" options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: REVIEW_OUTCOME_LABELS[o] }))} />
      <DateField label="Reviewed on (empty: today)" name="reviewedOn" />
      <TextField label="Notes" name="notes" className="min-w-56 flex-1" />
    </ActionForm>
  );
}
