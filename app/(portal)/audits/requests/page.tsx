import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditsNav } from '@/components/audits/audits-nav';
import { EvidenceUploadForm } from '@/components/audits/evidence-upload';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { ActionForm, Combobox, FileField, PersonPicker, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { auditWorkspaceCapabilities } from '@/lib/audits/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createRequestAction, reviewRequestAction } from '@/lib/audits/requests/actions';
import { listEvidenceRequests } from '@/lib/audits/requests/queries';
import { listRequestsQuerySchema, REQUEST_STATUS_LABELS, REQUEST_STATUSES } from '@/lib/audits/requests/schema';
import { findingPageChoices } from '@/lib/audits/findings/queries';

export const metadata: Metadata = { title: 'Evidence requests' };

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listRequestsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : {};
  const [requests, options] = await loadPage(Promise.all([listEvidenceRequests(actor, query), findingPageChoices(actor)]));
  const canRequest = auditWorkspaceCapabilities(actor).requestEvidence;

  return (
    <>
      <PageHeader title="Evidence requests" description="Auditors ask for specific evidence; the owner attaches it; the auditor accepts or rejects it with a comment." />
      <AuditsNav current="/audits/requests" />
      <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter requests">
        <SelectField label="Audit" name="auditId" id="filter-auditId" defaultValue={query.auditId ?? ''} options={[{ value: '', label: 'Any audit' }, ...options.audits.map((a) => ({ value: a.id, label: a.title }))]} />
        <SelectField label="Status" name="status" id="filter-status" defaultValue={query.status ?? ''} options={[{ value: '', label: 'Any' }, ...REQUEST_STATUSES.map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] }))]} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="mine" value="true" defaultChecked={query.mine === 'true'} /> Assigned to me
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      </form>
      {requests.length === 0 ? (
        <EmptyState title="No evidence requests">{canRequest ? 'Request evidence below.' : null}</EmptyState>
      ) : (
        <ul className="space-y-4">
          {requests.map((r) => {
            const mayFulfil = r.capabilities.fulfil;
            return (
              <li key={r.id} data-testid="request-item">
                <Card
                  title={r.title}
                  actions={
                    <span className="flex items-center gap-2 text-sm">
                      <Badge tone={r.status === 'ACCEPTED' ? 'good' : r.overdue ? 'bad' : r.status === 'REJECTED' ? 'warn' : 'neutral'}>{r.overdue ? 'Overdue' : REQUEST_STATUS_LABELS[r.status]}</Badge>
                      due <LocalTime iso={r.dueDate} dateOnly />
                    </span>
                  }
                >
                  <dl className="grid gap-2 text-sm sm:grid-cols-2">
                    <div><dt className="font-medium">On</dt><dd>{r.requirement?.label ?? (r.finding ? <Link href={`/audits/findings/${r.finding.id}`}>{r.finding.label}</Link> : '—')}</dd></div>
                    <div><dt className="font-medium">Audit</dt><dd>{r.auditTitle ?? '—'}</dd></div>
                    <div><dt className="font-medium">Asked by / of</dt><dd>{r.requestedByName} → {r.assigneeName ?? 'Unassigned'}</dd></div>
                    <div><dt className="font-medium">Evidence</dt><dd>{r.evidence ? <a href={`/api/v1/evidence/${r.evidence.id}/download`}>{r.evidence.title}</a> : 'None yet'}</dd></div>
                    {r.details ? <div className="sm:col-span-2"><dt className="font-medium">Details</dt><dd>{r.details}</dd></div> : null}
                    {r.reviewComment ? <div className="sm:col-span-2"><dt className="font-medium">Review comment</dt><dd>{r.reviewComment}</dd></div> : null}
                  </dl>
                  {mayFulfil ? (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm font-medium">Attach evidence…</summary>
                      <div className="mt-3">
                        <EvidenceUploadForm label={`Attach evidence to ${r.title}`} submit="Attach evidence">
                          <input type="hidden" name="requestId" value={r.id} />
                          <TextField label="Title" name="title" defaultValue={r.title} required />
                          <FileField label="File" name="file" />
                          <TextField label="…or a link" name="url" type="url" />
                        </EvidenceUploadForm>
                      </div>
                    </details>
                  ) : null}
                  {r.capabilities.review ? (
                    <ActionForm action={reviewRequestAction} label={`Review ${r.title}`} submit="Record decision" className="mt-3">
                      <input type="hidden" name="id" value={r.id} />
                      <SelectField label="Decision" name="decision" id={`decision-${r.id}`} options={[{ value: 'accept', label: 'Accept' }, { value: 'reject', label: 'Reject' }]} />
                      <TextAreaField label="Comment (required to reject)" name="comment" id={`comment-${r.id}`} rows={2} />
                    </ActionForm>
                  ) : null}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      {canRequest ? (
        <Card title="Request evidence" className="mt-6">
          <ActionForm action={createRequestAction} label="Request evidence" submit="Request evidence">
            <div className="grid gap-4 md:grid-cols-2">
              <TextField label="What is needed" name="title" required />
              <TextField label="Due date" name="dueDate" type="date" required />
              <SelectField label="Audit" name="auditId" options={[{ value: '', label: 'None' }, ...options.audits.map((a) => ({ value: a.id, label: a.title }))]} />
              <Combobox source="requirements" label="Requirement" name="requirementId" />
              <Combobox source="findings" label="…or finding" name="findingId" />
              <PersonPicker label="Ask" name="assigneeId" hint="Empty: the owner of the requirement or finding." />
              <TextAreaField label="Details" name="details" rows={2} className="md:col-span-2" />
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
