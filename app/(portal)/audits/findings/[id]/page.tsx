import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditsNav } from '@/components/audits/audits-nav';
import { FindingStatusBadge, SeverityBadge } from '@/components/audits/badges';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { ActionForm, PersonPicker, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { acceptRiskAction, addCommentAction, transitionFindingAction, updateFindingAction } from '@/lib/audits/findings/actions';
import { getFinding } from '@/lib/audits/findings/queries';
import { SEVERITIES, SEVERITY_LABELS, SOURCE_LABELS } from '@/lib/audits/findings/schema';

export const metadata: Metadata = { title: 'Finding' };

function Links({ title, items }: { title: string; items: { id: string; label: string }[] }) {
  return (
    <div>
      <dt className="font-medium">{title}</dt>
      <dd>{items.length ? items.map((i) => i.label).join('; ') : '—'}</dd>
    </div>
  );
}

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const f = await loadPage(getFinding(actor, id));
  const may = f.capabilities;
  const acts = may.edit || may.startRemediation || may.readyForVerification || may.close || may.rejectVerification || may.reopen || may.acceptRisk;

  return (
    <>
      <PageHeader title={f.title} description={f.auditTitle ? `From the audit “${f.auditTitle}”` : SOURCE_LABELS[f.source]} />
      <AuditsNav current="/audits/findings" />
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <SeverityBadge severity={f.severity} />
        <FindingStatusBadge status={f.status} />
        {f.overdue ? <Badge tone="bad">Overdue</Badge> : null}
        <span className="text-sm text-slate-700">Raised <LocalTime iso={f.createdAt} dateOnly /> · {f.ageDays} days old</span>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-2">
          <p className="whitespace-pre-wrap text-sm">{f.description}</p>
          <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2">
            <div><dt className="font-medium">Owner</dt><dd>{f.ownerName ?? 'Unassigned'}</dd></div>
            <div><dt className="font-medium">Due date</dt><dd><LocalTime iso={f.dueDate} dateOnly /></dd></div>
            <div className="sm:col-span-2"><dt className="font-medium">Remediation plan</dt><dd className="whitespace-pre-wrap">{f.remediationPlan ?? '—'}</dd></div>
            <Links title="Requirements" items={f.requirements} />
            <Links title="Controls" items={f.controls} />
            <Links title="AI systems" items={f.systems} />
            <Links title="Model versions" items={f.versions} />
            {f.incidentTitle ? <div><dt className="font-medium">Incident</dt><dd>{f.incidentTitle}</dd></div> : null}
            {f.verifiedByName ? <div><dt className="font-medium">Verified and closed by</dt><dd>{f.verifiedByName}, <LocalTime iso={f.closedAt} dateOnly /></dd></div> : null}
            {f.status === 'RISK_ACCEPTED' ? (
              <div className="sm:col-span-2">
                <dt className="font-medium">Risk accepted</dt>
                <dd>By {f.riskApproverName} until <LocalTime iso={f.riskExpiresAt} dateOnly />: {f.riskRationale}. It reopens when the acceptance expires.</dd>
              </div>
            ) : null}
          </dl>
        </Card>
        <Card title="Workflow">
          <div className="space-y-4">
            {may.startRemediation ? (
              <ActionForm action={transitionFindingAction} label="Start remediation" submit="Start remediation" variant="secondary">
                <input type="hidden" name="id" value={f.id} />
                <input type="hidden" name="transition" value="start_remediation" />
              </ActionForm>
            ) : null}
            {may.readyForVerification ? (
              <ActionForm action={transitionFindingAction} label="Ready for verification" submit="Mark ready for verification" variant="secondary">
                <input type="hidden" name="id" value={f.id} />
                <input type="hidden" name="transition" value="ready_for_verification" />
                <TextAreaField label="What was done" name="comment" id="ready-comment" rows={2} />
              </ActionForm>
            ) : null}
            {f.status === 'READY_FOR_VERIFICATION' && f.independence === 'owner' ? (
              <p className="text-sm text-slate-700">You own this finding: an auditor or a compliance officer must verify and close it.</p>
            ) : null}
            {f.status === 'READY_FOR_VERIFICATION' && f.independence === 'cycle-owner' ? (
              <p className="text-sm text-slate-700">You owned this finding during its current remediation cycle: an auditor or a compliance officer must verify and close it.</p>
            ) : null}
            {may.close || may.rejectVerification ? (
              <>
                <ActionForm action={transitionFindingAction} label="Verify and close" submit="Verify and close">
                  <input type="hidden" name="id" value={f.id} />
                  <input type="hidden" name="transition" value="close" />
                  <TextAreaField label="Verification note" name="comment" id="close-comment" rows={2} />
                </ActionForm>
                <ActionForm action={transitionFindingAction} label="Send back to remediation" submit="Send back" variant="secondary">
                  <input type="hidden" name="id" value={f.id} />
                  <input type="hidden" name="transition" value="reject_verification" />
                  <TextAreaField label="What is still missing" name="comment" id="reject-comment" rows={2} required />
                </ActionForm>
              </>
            ) : null}
            {may.reopen ? (
              <ActionForm action={transitionFindingAction} label="Reopen" submit="Reopen" variant="secondary">
                <input type="hidden" name="id" value={f.id} />
                <input type="hidden" name="transition" value="reopen" />
                <TextAreaField label="Why reopen" name="comment" id="reopen-comment" rows={2} />
              </ActionForm>
            ) : null}
            {may.acceptRisk ? (
              <details>
                <summary className="cursor-pointer text-sm font-medium">Accept the risk…</summary>
                <ActionForm action={acceptRiskAction} label="Accept the risk" submit="Accept risk" variant="danger" className="mt-3">
                  <input type="hidden" name="id" value={f.id} />
                  <TextAreaField label="Rationale" name="rationale" rows={3} required />
                  <TextField label="Acceptance expires on" name="expiresAt" type="date" required />
                </ActionForm>
              </details>
            ) : null}
            {!acts ? <p className="text-sm text-slate-700">You can read this finding; changes are made by its owner, compliance or an independent verifier.</p> : null}
          </div>
        </Card>
      </div>
      {may.edit ? (
        <Card title="Edit" className="mt-6">
          <ActionForm action={updateFindingAction} label="Edit the finding" submit="Save changes">
            <input type="hidden" name="id" value={f.id} />
            <div className="grid gap-4 md:grid-cols-2">
              <SelectField label="Severity" name="severity" defaultValue={f.severity} options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))} />
              <PersonPicker label="Owner" name="ownerId" defaultValue={f.ownerId && f.ownerName ? { value: f.ownerId, label: f.ownerName } : null} hint="Empty: keep the current owner." />
              <TextField label="Due date" name="dueDate" type="date" defaultValue={f.dueDate?.slice(0, 10)} />
              <TextAreaField label="Remediation plan" name="remediationPlan" rows={3} defaultValue={f.remediationPlan ?? ''} className="md:col-span-2" />
            </div>
          </ActionForm>
        </Card>
      ) : null}
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Card title={`Comments (${f.comments.length})`}>
          <ul className="space-y-3 text-sm">
            {f.comments.map((c) => (
              <li key={c.id}>
                <div className="text-xs text-slate-600">{c.author} · <LocalTime iso={c.createdAt} /></div>
                <p className="whitespace-pre-wrap">{c.body}</p>
              </li>
            ))}
          </ul>
          {may.comment ? (
            <ActionForm action={addCommentAction} label="Add a comment" submit="Comment" variant="secondary" className="mt-4">
              <input type="hidden" name="id" value={f.id} />
              <TextAreaField label="Comment" name="body" rows={2} required />
            </ActionForm>
          ) : null}
        </Card>
        <Card title={`Evidence (${f.evidence.length})`} actions={<Link href={`/audits/evidence?findingId=${f.id}`}>Add or view evidence</Link>}>
          <ul className="space-y-1 text-sm">
            {f.evidence.map((e) => (
              <li key={e.id}>
                <a href={`/api/v1/evidence/${e.id}/download`}>{e.title}</a> {e.validUntil && e.validUntil < new Date().toISOString() ? <Badge tone="warn">Stale</Badge> : null}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card title="History" className="mt-6">
        <ol className="space-y-2 text-sm">
          {f.history.map((h) => (
            <li key={h.seq}>
              <LocalTime iso={h.at} /> · <span className="font-medium">{h.actorLabel}</span> · {h.action.replace('finding.', '').replace(/_/g, ' ')}
              {h.reason ? <span className="text-slate-700"> — {h.reason}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
