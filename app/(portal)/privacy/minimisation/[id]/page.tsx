import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, RadioGroup, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { answerMinimisationAction } from '@/lib/privacy/actions';
import { getMinimisationReview } from '@/lib/privacy/retention/queries';
import { MINIMISATION_REASON_LABELS } from '@/lib/privacy/schema';

export const metadata: Metadata = { title: 'Data-minimisation review' };

export default async function MinimisationReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const r = await loadPage(getMinimisationReview(actor, id));
  return (
    <>
      <PageHeader title={`Data-minimisation review ${r.quarter}`} description={`${r.owner ?? ''}’s datasets · due ${r.dueAt.slice(0, 10)}`} />
      <p className="mb-4 text-sm"><Link href="/privacy/minimisation">← Data-minimisation reviews</Link></p>
      <div className="mb-4 flex gap-2">
        {r.completedAt ? <Badge tone="good">Complete</Badge> : r.overdue ? <Badge tone="bad">Overdue</Badge> : <Badge tone="warn">In progress</Badge>}
        <span className="text-sm">Due <LocalTime iso={r.dueAt} dateOnly /></span>
      </div>
      <div className="space-y-4">
        {r.items.map((i) => (
          <Card key={i.id} title={i.dataset}>
            <p className="text-sm">{i.classification} · {i.storageLocation || 'no location'} · {i.categories.join('; ')}</p>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {i.reasons.map((reason) => <li key={reason}>{MINIMISATION_REASON_LABELS[reason]}</li>)}
            </ul>
            {i.decision ? (
              <p className="mt-3 text-sm" data-testid="minimisation-answer">
                <Badge tone={i.decision === 'DELETE' ? 'good' : 'neutral'}>{i.decision === 'DELETE' ? 'Deleted' : 'Kept'}</Badge>{' '}
                by {i.decidedBy} <LocalTime iso={i.decidedAt} />: {i.decision === 'DELETE' ? `evidence ${i.evidence}` : i.note}
              </p>
            ) : i.capabilities.answer ? (
              <ActionForm action={answerMinimisationAction} fields={{ reviewId: r.id, itemId: i.id }} label={`Answer for ${i.dataset}`} submit="Record the answer" className="mt-3 grid gap-2">
                <RadioGroup label="Decision" name="decision" id={`decision-${i.id}`} options={[{ value: 'KEEP', label: 'Keep' }, { value: 'DELETE', label: 'Delete' }]} />
                <TextField label="Reason for keeping" name="note" id={`note-${i.id}`} hint="Required to keep it." />
                <TextField label="Deletion evidence" name="evidence" id={`evidence-${i.id}`} hint="Required to delete it: job id, ticket or query log." />
              </ActionForm>
            ) : (
              <p className="mt-3 text-sm">Not answered yet.</p>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
