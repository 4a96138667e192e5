import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditsNav } from '@/components/audits/audits-nav';
import { PackDownload } from '@/components/audits/pack-download';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader, Stat } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { ActionForm, Combobox, SelectField, TextField } from '@/components/ui/form';
import { updateAuditAction } from '@/lib/audits/audits/actions';
import { auditFormOptions, getAudit } from '@/lib/audits/audits/queries';
import { AUDIT_KIND_LABELS, AUDIT_STATUS_LABELS, AUDIT_STATUSES, STANDARD_LABELS } from '@/lib/audits/audits/schema';
import { auditWorkspaceCapabilities } from '@/lib/audits/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { listEvidenceRequests } from '@/lib/audits/requests/queries';
import { REQUEST_STATUS_LABELS } from '@/lib/audits/requests/schema';
import { FINDING_STATUS_LABELS, FINDING_STATUSES } from '@/lib/audits/findings/schema';

export const metadata: Metadata = { title: 'Audit' };

export default async function AuditPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const [audit, requests] = await loadPage(Promise.all([getAudit(actor, id), listEvidenceRequests(actor, { auditId: id })]));
  const manage = auditWorkspaceCapabilities(actor).manageAudits;
  const options = manage ? await loadPage(auditFormOptions(actor)) : null;

  return (
    <>
      <PageHeader
        title={audit.title}
        description={`${AUDIT_KIND_LABELS[audit.kind]} · ${STANDARD_LABELS[audit.standard]}${audit.firm ? ` · ${audit.firm}` : ''}`}
        actions={<Link href={`/audits/findings?auditId=${audit.id}`}>Findings of this audit</Link>}
      />
      <AuditsNav current="/audits" />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Engagement">
          <dl className="space-y-2 text-sm">
            <div><dt className="font-medium">Status</dt><dd><Badge tone={audit.status === 'CLOSED' ? 'good' : 'info'}>{AUDIT_STATUS_LABELS[audit.status]}</Badge></dd></div>
            <div><dt className="font-medium">Period under review</dt><dd><LocalTime iso={audit.periodStart} dateOnly /> – <LocalTime iso={audit.periodEnd} dateOnly /></dd></div>
            <div><dt className="font-medium">Auditors</dt><dd>{audit.auditors.map((a) => a.name).join(', ') || 'None assigned'}</dd></div>
            <div><dt className="font-medium">Frameworks in scope</dt><dd>{audit.frameworks.map((f) => f.name).join(', ') || '—'}</dd></div>
            <div><dt className="font-medium">AI systems in scope</dt><dd>{audit.systems.map((s) => s.name).join(', ') || '—'}</dd></div>
            <div>
              <dt className="font-medium">Final report</dt>
              <dd>{audit.report ? <a href={`/api/v1/evidence/${audit.report.id}/download`}>{audit.report.title}</a> : 'Not yet attached'}</dd>
            </div>
          </dl>
        </Card>
        <Card title="Findings by status" className="lg:col-span-2">
          <div className="grid gap-3 sm:grid-cols-3">
            {FINDING_STATUSES.map((s) => (
              <Stat key={s} label={FINDING_STATUS_LABELS[s]} value={audit.findingsByStatus[s] ?? 0} href={`/audits/findings?auditId=${audit.id}&status=${s}`} />
            ))}
          </div>
        </Card>
      </div>
      <Card title="Evidence pack" className="mt-6">
        <p className="mb-3 text-sm text-slate-700">
          One ZIP with the evidence files, a manifest (JSON and CSV) with each file&apos;s SHA-256, the findings with their history, a snapshot of the matrix
          for the scope, and an Ed25519 signature over the manifest. Every file is re-checked against its hash while the pack is built.
        </p>
        <PackDownload auditId={audit.id} />
      </Card>
      <Card title={`Evidence requests (${requests.length})`} className="mt-6" actions={<Link href={`/audits/requests?auditId=${audit.id}`}>Manage requests</Link>}>
        {requests.length ? (
          <ul className="divide-y divide-slate-200 text-sm">
            {requests.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>{r.title} {r.requirement ? <span className="text-slate-600">· {r.requirement.label}</span> : null}</span>
                <span className="flex gap-2">
                  <Badge tone={r.status === 'ACCEPTED' ? 'good' : r.overdue ? 'bad' : r.status === 'REJECTED' ? 'warn' : 'neutral'}>{r.overdue ? 'Overdue' : REQUEST_STATUS_LABELS[r.status]}</Badge>
                  due <LocalTime iso={r.dueDate} dateOnly />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-700">No evidence requested for this audit.</p>
        )}
      </Card>
      {options ? (
        <Card title="Update the audit" className="mt-6">
          <ActionForm action={updateAuditAction} label="Update the audit" submit="Save changes">
            <input type="hidden" name="id" value={audit.id} />
            <div className="grid gap-4 md:grid-cols-2">
              <SelectField label="Status" name="status" defaultValue={audit.status} options={AUDIT_STATUSES.map((s) => ({ value: s, label: AUDIT_STATUS_LABELS[s] }))} />
              <TextField label="Audit firm" name="firm" defaultValue={audit.firm ?? ''} />
              <Combobox multiple label="Auditors (leave empty to keep the current ones)" name="auditorIds" options={options.auditors.map((u) => ({ value: u.id, label: u.name }))} />
              <Combobox source="evidence" label="Final report evidence" name="reportEvidenceId" defaultValue={audit.report ? { value: audit.report.id, label: audit.report.title } : null} hint="Upload the report as evidence first, then find it here by its title." />
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
