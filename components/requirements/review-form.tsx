import { ActionForm } from '@/components/requirements/action-form';
import { inputClass } from '@/components/ui/field';
import { recordReviewAction } from '@/lib/requirements/actions';
import { REVIEW_OUTCOME_LABELS, REVIEW_OUTCOMES } from '@/lib/requirements/schema';

/** The owner's attestation: outcome, notes, date (defaults to today). Ids are prefixed so a list can hold many. */
export function ReviewForm({ requirementId, idPrefix = 'review', label = 'Record a review' }: { requirementId: string; idPrefix?: string; label?: string }) {
  return (
    <ActionForm action={recordReviewAction} submit="Record review" label={label} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="requirementId" value={requirementId} />
      <div>
        <label htmlFor={`${idPrefix}-outcome`} className="block text-xs font-medium">Outcome</label>
        <select id={`${idPrefix}-outcome`} name="outcome" className={inputClass}>
          {REVIEW_OUTCOMES.map((o) => (
            <option key={o} value={o}>{REVIEW_OUTCOME_LABELS[o]}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-date`} className="block text-xs font-medium">Reviewed on (empty: today)</label>
        <input id={`${idPrefix}-date`} name="reviewedOn" type="date" className={inputClass} />
      </div>
      <div className="min-w-56 flex-1">
        <label htmlFor={`${idPrefix}-notes`} className="block text-xs font-medium">Notes</label>
        <input id={`${idPrefix}-notes`} name="notes" className={inputClass} />
      </div>
    </ActionForm>
  );
}
