import type { Metadata } from 'next';
import Link from 'next/link';
import { RiskStatusBadge, ScoreBadge } from '@/components/risks/badges';
import { RiskFields } from '@/components/risks/risk-fields';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, DateField, PersonPicker, TextAreaField, TextField } from '@/components/ui/form';
import { Table, Td } from '@/components/ui/table';
import { LocalTime } from '@/components/ui/local-time';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { acceptRiskAction, addRiskTaskAction, closeRiskAction, reviewRiskAction, setRiskTaskStatusAction, updateRiskAction } from '@/lib/risks/actions';
import { getRisk, riskScale } from '@/lib/risks/queries';
import { addRiskTaskSchema, TREATMENT_LABELS } from '@/lib/risks/schema';

export const metadata: Metadata = { title: 'Risk' };

function Links({ title, items }: { title: string; items: { id: string; label: string }[] }) {
  return (
    <div>
      <dt className="font-medium">{title}</dt>
      <dd>{items.length ? items.map((i) => i.label).join('; ') : '—'}</dd>
    </div>
  );
}

const opts = (items: { id: string; label: string }[]) => items.map((i) => ({ value: i.id, label: i.label }));

export default async function RiskPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const [r, scale] = await loadPage(Promise.all([getRisk(actor, id), riskScale(actor)]));
  const may = r.capabilities;

  return (
    <>
      <PageHeader title={`${r.ref} ${r.title}`} description={r.categoryLabel} />
      <p className="mb-4 text-sm"><Link href="/risks">← Risk register</Link></p>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <RiskStatusBadge status={r.status} />
        {r.acceptanceExpired ? <Badge tone="bad">Acceptance expired: reopens at the next scheduled run</Badge> : null}
        <span className="text-sm">Inherent <ScoreBadge likelihood={r.inherentLikelihood} impact={r.inherentImpact} /></span>
        <span className="text-sm">Residual <ScoreBadge likelihood={r.residualLikelihood} impact={r.residualImpact} /></span>
        {r.reviewOverdue ? <Badge tone="bad">Review overdue</Badge> : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-2">
          <p className="whitespace-pre-wrap text-sm">{r.description}</p>
          <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2">
            <div><dt className="font-medium">Owner</dt><dd>{r.ownerName}</dd></div>
            <div><dt className="font-medium">Treatment</dt><dd>{TREATMENT_LABELS[r.treatment]}</dd></div>
            <div><dt className="font-medium">Inherent likelihood × impact</dt><dd>{r.inherentLikelihood} × {r.inherentImpact}</dd></div>
            <div><dt className="font-medium">Residual likelihood × impact</dt><dd>{r.residualLikelihood != null ? `${r.residualLikelihood} × ${r.residualImpact}` : 'Not scored yet'}</dd></div>
            <div className="sm:col-span-2"><dt className="font-medium">Treatment plan</dt><dd className="whitespace-pre-wrap">{r.treatmentPlan ?? '—'}</dd></div>
            <div><dt className="font-medium">Review</dt><dd>Every {r.reviewCadenceDays} days; next <LocalTime iso={r.nextReviewAt} dateOnly />{r.lastReviewedAt ? <>, last <LocalTime iso={r.lastReviewedAt} dateOnly /></> : null}</dd></div>
            <Links title="AI systems" items={r.systems} />
            <Links title="Models" items={r.models} />
            <Links title="Datasets" items={r.datasets} />
            <Links title="Requirements" items={r.requirements} />
            <Links title="Controls" items={r.controls} />
            {r.status === 'ACCEPTED' ? (
              <div className="sm:col-span-2">
                <dt className="font-medium">Accepted</dt>
                <dd>By {r.acceptedByName} until <LocalTime iso={r.acceptanceExpiresAt} dateOnly />: {r.acceptanceRationale}</dd>
              </div>
            ) : null}
          </dl>
        </Card>
        <Card title="Decisions">
          <div className="space-y-4">
            {may.review ? (
              <ActionForm action={reviewRiskAction} label="Record a review" submit="Record review" variant="secondary">
                <input type="hidden" name="id" value={r.id} />
                <TextAreaField label="What the review found" name="note" id="review-note" rows={2} required />
              </ActionForm>
            ) : null}
            {may.accept ? (
              <details>
                <summary className="cursor-pointer text-sm font-medium">Accept the risk…</summary>
                <ActionForm action={acceptRiskAction} label="Accept the risk" submit="Accept risk" variant="danger" className="mt-3">
                  <input type="hidden" name="id" value={r.id} />
                  <TextAreaField label="Rationale" name="rationale" id="accept-rationale" rows={3} required />
                  <TextField label="Acceptance expires on" name="expiresAt" id="accept-expires" type="date" required />
                </ActionForm>
              </details>
            ) : r.acceptRefusal && r.status === 'OPEN' ? (
              <p className="text-sm text-slate-700">{r.acceptRefusal}</p>
            ) : null}
            {may.close ? (
              <details>
                <summary className="cursor-pointer text-sm font-medium">Close the risk…</summary>
                <ActionForm action={closeRiskAction} label="Close the risk" submit="Close risk" variant="danger" className="mt-3">
                  <input type="hidden" name="id" value={r.id} />
                  <TextAreaField label="Why it no longer applies" name="reason" id="close-reason" rows={2} required />
                </ActionForm>
              </details>
            ) : null}
            {!may.review && !may.accept && !may.close ? <p className="text-sm text-slate-700">You can read this risk; its owner and compliance change it.</p> : null}
          </div>
        </Card>
      </div>
      <Card title="Treatment tasks" className="mt-6">
        {r.tasks.length ? (
          <Table caption="Treatment tasks" columns={['Task', 'Owner', 'Due', 'Status', '']}>
            {r.tasks.map((t) => (
              <tr key={t.id}>
                <Td>{t.title}</Td>
                <Td>{t.ownerName}</Td>
                <Td><LocalTime iso={t.dueDate} dateOnly /></Td>
                <Td>{t.status === 'DONE' ? <Badge tone="good">Done</Badge> : t.overdue ? <Badge tone="bad">Overdue</Badge> : <Badge tone="warn">Open</Badge>}</Td>
                <Td>
                  {t.canUpdate ? (
                    <ActionForm action={setRiskTaskStatusAction} label={`${t.status === 'DONE' ? 'Reopen' : 'Complete'} ${t.title}`} submit={t.status === 'DONE' ? 'Reopen' : 'Mark done'} fields={{ id: t.id, status: t.status === 'DONE' ? 'OPEN' : 'DONE' }} variant="secondary" submitClassName="px-2 py-1 text-xs" announce="toast" />
                  ) : null}
                </Td>
              </tr>
            ))}
          </Table>
        ) : (
          <p className="text-sm text-slate-700">No treatment tasks.</p>
        )}
        {may.addTask ? (
          <ActionForm action={addRiskTaskAction} schema={addRiskTaskSchema} label="Add a treatment task" submit="Add task" fields={{ riskId: r.id }} className="mt-4 grid gap-4 md:grid-cols-3">
            <TextField label="Task" name="title" id="task-title" />
            <PersonPicker label="Task owner" name="ownerId" id="task-owner" />
            <DateField label="Due on" name="dueDate" id="task-due" />
          </ActionForm>
        ) : null}
      </Card>
      {may.edit ? (
        <Card title="Edit" className="mt-6">
          <ActionForm action={updateRiskAction} label="Edit the risk" submit="Save changes">
            <input type="hidden" name="id" value={r.id} />
            <RiskFields
              scale={scale}
              idPrefix="edit"
              values={{
                ...r,
                owner: { value: r.ownerId, label: r.ownerName },
                systems: opts(r.systems),
                models: opts(r.models),
                datasets: opts(r.datasets),
                requirements: opts(r.requirements),
                controls: opts(r.controls),
              }}
            />
          </ActionForm>
        </Card>
      ) : null}
      <Card title="Score history" className="mt-6">
        {r.scoreHistory.length === 0 ? (
          <p className="text-sm">No score changes recorded.</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {r.scoreHistory.map((h, i) => (
              <li key={i}>
                <LocalTime iso={h.at} /> · <span className="font-medium">{h.actor}</span> · {h.action.replace('risk.', '').replace(/_/g, ' ')}
                {h.inherent ? <> · inherent {h.inherent}</> : null}
                {h.residual ? <> · residual {h.residual}</> : null}
                {h.reason ? <span className="text-slate-700"> — {h.reason}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
