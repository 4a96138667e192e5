import type { Metadata } from 'next';
import Link from 'next/link';
import { Countdown } from '@/components/incidents/countdown';
import { DaysLeftBadge, RequestStatusBadge } from '@/components/privacy/badges';
import { Badge } from '@/components/ui/badge';
import { DownloadLink } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/card';
import { ActionForm, ConfirmAction, RadioGroup, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import {
  completeRequestAction,
  completeTaskAction,
  confirmReceiptAction,
  extendRequestAction,
  refuseRequestAction,
  startVerificationAction,
  verifyIdentityAction,
} from '@/lib/privacy/actions';
import { DECISION_REVIEW_RESULT_LABELS, DECISION_REVIEW_RESULTS } from '@/lib/decisions/schema';
import { getSubjectRequest } from '@/lib/privacy/requests/queries';
import { completeTaskFormSchema, ERASURE_TYPES, reasonFormSchema, REQUEST_TYPE_LABELS } from '@/lib/privacy/schema';

export const metadata: Metadata = { title: 'Data-subject request' };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const r = await loadPage(getSubjectRequest(actor, id));
  const may = r.capabilities;
  const erasure = ERASURE_TYPES.includes(r.type);
  return (
    <>
      <PageHeader title={`${r.reference}: ${REQUEST_TYPE_LABELS[r.type]}`} description={`${r.regime} request from ${r.subjectName}`} />
      <p className="mb-4 text-sm"><Link href="/privacy/requests">← Data-subject requests</Link></p>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <RequestStatusBadge status={r.status} />
        <DaysLeftBadge daysLeft={r.daysLeft} overdue={r.overdue} />
        {r.extendedAt ? <Badge tone="warn">Extended</Badge> : null}
        {r.channel === 'PUBLIC' ? <Badge tone="neutral">Filed on the public form</Badge> : null}
        {r.answeredLate ? <Badge tone="bad">Answered late</Badge> : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Request" className="lg:col-span-2">
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div><dt className="font-medium">Subject</dt><dd>{r.subjectName}{r.subjectEmail ? ` (${r.subjectEmail})` : ''}</dd></div>
            <div><dt className="font-medium">Decision-log reference</dt><dd>{r.subjectRef || '—'}</dd></div>
            <div><dt className="font-medium">Received</dt><dd><LocalTime iso={r.receivedAt} /></dd></div>
            <div><dt className="font-medium">Identity verified</dt><dd>{r.verifiedAt ? <LocalTime iso={r.verifiedAt} /> : 'Not yet'}</dd></div>
            <div><dt className="font-medium">Data categories</dt><dd>{r.dataCategories.join('; ') || 'All'}</dd></div>
            <div><dt className="font-medium">AI system</dt><dd>{r.system?.name ?? '—'}</dd></div>
            <div><dt className="font-medium">Handler</dt><dd>{r.handler ?? '—'}</dd></div>
            {r.extensionReason ? <div className="sm:col-span-2"><dt className="font-medium">Extension</dt><dd>From <LocalTime iso={r.originalDueAt} /> to <LocalTime iso={r.dueAt} />: {r.extensionReason}</dd></div> : null}
            {r.closedAt ? <div className="sm:col-span-2"><dt className="font-medium">Closed</dt><dd><LocalTime iso={r.closedAt} />{r.closeReason ? `: ${r.closeReason}` : ''}</dd></div> : null}
            {r.details ? <div className="sm:col-span-2"><dt className="font-medium">Details</dt><dd className="whitespace-pre-wrap">{r.details}</dd></div> : null}
          </dl>
        </Card>
        <Card title="Clocks">
          <ul className="space-y-3 text-sm">
            {r.clocks.map((c) => (
              <li key={c.key}>
                <div className="font-medium">{c.label}</div>
                <div>Due <LocalTime iso={c.dueAt} /></div>
                <Countdown dueAt={c.dueAt} doneAt={c.doneAt} />
              </li>
            ))}
          </ul>
        </Card>
      </div>

      <Card title="Steps" className="mt-6">
        <div className="space-y-4">
          {may.startVerification ? (
            <ActionForm action={startVerificationAction} fields={{ id: r.id }} label="Ask the subject to verify their identity" submit="Start identity verification" variant="secondary" />
          ) : null}
          {may.verify ? (
            <ConfirmAction action={verifyIdentityAction} fields={{ id: r.id }} label="Identity verified" title="Mark the identity verified?" body={<p>The request goes in progress{erasure ? ' and a deletion task is raised for each owner of a dataset that holds the subject’s data' : ''}.</p>} confirmLabel="Identity verified" variant="secondary" />
          ) : null}
          {may.confirmReceipt ? <ActionForm action={confirmReceiptAction} fields={{ id: r.id }} label="Confirm receipt to the consumer" submit="Receipt confirmed" variant="secondary" /> : null}
          {may.export ? <DownloadLink href={`/api/v1/privacy/requests/${r.id}/export`}>Download the access package (ZIP: JSON + CSV)</DownloadLink> : null}
          {may.extend ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium">Extend the deadline…</summary>
              <ActionForm action={extendRequestAction} schema={reasonFormSchema} fields={{ id: r.id }} label="Extend the deadline" submit="Extend" className="mt-3">
                <TextAreaField label="Reason given to the subject" name="reason" id="extend-reason" rows={2} required />
              </ActionForm>
            </details>
          ) : null}
          {may.complete ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium">Complete the request…</summary>
              <ActionForm action={completeRequestAction} fields={{ id: r.id }} label="Complete the request" submit={erasure ? 'Complete and erase' : 'Complete'} className="mt-3">
                <TextAreaField label="Note" name="note" id="complete-note" rows={2} hint={erasure ? 'The decision log’s copy is crypto-shredded and the subject’s name and e-mail are removed from this request.' : undefined} />
              </ActionForm>
            </details>
          ) : null}
          {may.refuse ? (
            <details>
              <summary className="cursor-pointer text-sm font-medium">Refuse the request…</summary>
              <ActionForm action={refuseRequestAction} schema={reasonFormSchema} fields={{ id: r.id }} label="Refuse the request" submit="Refuse" variant="danger" className="mt-3">
                <TextAreaField label="Reason for refusal" name="reason" id="refuse-reason" rows={2} required />
              </ActionForm>
            </details>
          ) : null}
          {!Object.values(may).some(Boolean) ? <p className="text-sm text-slate-700">No step is open to you on this request.</p> : null}
        </div>
      </Card>

      <Card title="Tasks" className="mt-6">
        {r.tasks.length === 0 ? (
          <p className="text-sm">No tasks (they are raised when the identity is verified).</p>
        ) : (
          <ul className="space-y-4 text-sm">
            {r.tasks.map((t) => (
              <li key={t.id} data-testid="privacy-task">
                <div className="font-medium">{t.title}</div>
                <div>{t.assignee ?? 'Unassigned'} · {t.status === 'DONE' ? <>done <LocalTime iso={t.doneAt} />: {t.outcome}{t.evidence ? ` (evidence: ${t.evidence})` : ''}</> : 'open'}</div>
                {t.decisionId ? <div><Link href={`/decisions/${t.decisionId}`}>The reviewed decision and its review</Link></div> : null}
                {t.capabilities.complete && t.kind === 'HUMAN_REVIEW' ? (
                  <ActionForm action={completeTaskAction} schema={completeTaskFormSchema} fields={{ taskId: t.id, requestId: r.id }} label={`Record the review: ${t.title}`} submit="Record the review" className="mt-2 grid gap-2 sm:grid-cols-2">
                    {t.decisions.length ? (
                      <SelectField
                        label="Decision reviewed"
                        name="decisionId"
                        id={`decision-${t.id}`}
                        required
                        placeholder="Choose…"
                        options={t.decisions.map((d) => ({ value: d.id, label: `${d.ref}: ${d.outcome} (${d.decidedAt.slice(0, 10)})` }))}
                      />
                    ) : (
                      <p className="text-sm sm:col-span-2">The decision log holds no decision about this subject{r.system ? ` in ${r.system.name}` : ''}; the review is recorded on this task only.</p>
                    )}
                    <RadioGroup label="Outcome of the review" name="result" id={`result-${t.id}`} options={DECISION_REVIEW_RESULTS.map((v) => ({ value: v, label: DECISION_REVIEW_RESULT_LABELS[v] }))} />
                    <TextField label="New outcome" name="newOutcome" id={`new-outcome-${t.id}`} hint="Only when the decision is changed: the outcome it has now." />
                    <TextAreaField label="Reason" name="outcome" id={`outcome-${t.id}`} rows={2} required className="sm:col-span-2" hint="Told to the subject with the outcome." />
                  </ActionForm>
                ) : t.capabilities.complete ? (
                  <ActionForm action={completeTaskAction} schema={completeTaskFormSchema} fields={{ taskId: t.id, requestId: r.id }} label={`Record the outcome: ${t.title}`} submit="Record outcome" className="mt-2 grid gap-2 sm:grid-cols-2">
                    <TextField label="Outcome" name="outcome" id={`outcome-${t.id}`} required />
                    <TextField label="Evidence" name="evidence" id={`evidence-${t.id}`} hint={t.kind === 'DELETION' ? 'Required for a deletion: job id, ticket or query log.' : undefined} />
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Where the subject's data is" className="mt-6">
        {r.datasets.length === 0 ? (
          <p className="text-sm">No personal-data dataset matches the request’s categories and location.</p>
        ) : (
          <Table caption="Datasets that may hold the subject's data" columns={['Dataset', 'Owner', 'Classification', 'Storage', 'Matched categories']}>
            {r.datasets.map((d) => (
              <tr key={d.id}>
                <Td>{d.name}</Td>
                <Td>{d.owner}</Td>
                <Td>{d.classification}</Td>
                <Td>{d.storageLocation || '—'}</Td>
                <Td>{d.matched.join('; ')}</Td>
              </tr>
            ))}
          </Table>
        )}
        {r.decisions ? (
          <p className="mt-3 text-sm">
            Decision log: {r.decisions.known ? `${r.decisions.count}${r.decisions.truncated ? '+' : ''} decisions about this subject` : 'no decisions about this subject'}
            {r.decisions.erasedAt ? <>; erased <LocalTime iso={r.decisions.erasedAt} /></> : null}.
          </p>
        ) : null}
      </Card>
    </>
  );
}
