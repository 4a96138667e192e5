import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditsNav } from '@/components/audits/audits-nav';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { ActionForm, Combobox, SelectField, TextField } from '@/components/ui/form';
import { createAuditAction } from '@/lib/audits/audits/actions';
import { auditFormOptions, listAudits } from '@/lib/audits/audits/queries';
import { listCertifications } from '@/lib/audits/certifications/queries';
import { AUDIT_KIND_LABELS, AUDIT_KINDS, AUDIT_STANDARDS, AUDIT_STATUS_LABELS, AUDIT_STATUSES, listAuditsQuerySchema, STANDARD_LABELS } from '@/lib/audits/audits/schema';
import { auditWorkspaceCapabilities } from '@/lib/audits/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audits' };

export default async function AuditsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listAuditsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listAuditsQuerySchema.parse({});
  const [{ items, total, page, pageSize }, certs] = await loadPage(Promise.all([listAudits(actor, query), listCertifications(actor)]));
  const manage = auditWorkspaceCapabilities(actor).manageAudits;
  const options = manage ? await loadPage(auditFormOptions(actor)) : null;
  const expiring = certs.filter((c) => c.expiringSoon || c.expired);

  return (
    <>
      <PageHeader title="Audits & findings" description="Audit engagements, their findings and evidence. Auditors see the audits they are assigned to." />
      <AuditsNav current="/audits" />
      {expiring.length ? (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {expiring.length} certification{expiring.length > 1 ? 's' : ''} expired or expiring within 90 days: {expiring.map((c) => c.name).join(', ')}.{' '}
          <Link href="/audits/certifications">Review certifications</Link>
        </p>
      ) : null}
      <form className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter audits">
        <SelectField label="Status" name="status" id="filter-status" defaultValue={query.status ?? ''} options={[{ value: '', label: 'Any status' }, ...AUDIT_STATUSES.map((s) => ({ value: s, label: AUDIT_STATUS_LABELS[s] }))]} />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      </form>
      {items.length === 0 ? (
        <EmptyState title="No audits yet">{manage ? 'Plan the first audit below.' : 'Audits you are assigned to will appear here.'}</EmptyState>
      ) : (
        <Table caption="Audits" columns={['Audit', 'Standard', 'Period', 'Status', 'Findings', 'Open requests', 'Auditors']}>
          {items.map((a) => (
            <tr key={a.id}>
              <Td>
                <Link href={`/audits/${a.id}`} className="font-medium">{a.title}</Link>
                <div className="text-xs text-slate-600">{AUDIT_KIND_LABELS[a.kind]}{a.firm ? ` · ${a.firm}` : ''}</div>
              </Td>
              <Td>{STANDARD_LABELS[a.standard]}</Td>
              <Td><LocalTime iso={a.periodStart} dateOnly /> – <LocalTime iso={a.periodEnd} dateOnly /></Td>
              <Td><Badge tone={a.status === 'CLOSED' ? 'good' : a.status === 'PLANNED' ? 'neutral' : 'info'}>{AUDIT_STATUS_LABELS[a.status]}</Badge></Td>
              <Td>{a.findings}</Td>
              <Td>{a.openRequests ? <Badge tone="warn">{a.openRequests}</Badge> : 0}</Td>
              <Td>{a.auditors.join(', ') || '—'}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} params={{ status: query.status }} basePath="/audits" />
      {options ? (
        <Card title="Plan an audit" className="mt-6">
          <ActionForm action={createAuditAction} label="Plan an audit" submit="Create audit">
            <div className="grid gap-4 md:grid-cols-2">
              <TextField label="Title" name="title" required />
              <TextField label="Audit firm" name="firm" hint="Leave empty for an internal audit." />
              <SelectField label="Kind" name="kind" options={AUDIT_KINDS.map((k) => ({ value: k, label: AUDIT_KIND_LABELS[k] }))} />
              <SelectField label="Standard" name="standard" options={AUDIT_STANDARDS.map((s) => ({ value: s, label: STANDARD_LABELS[s] }))} />
              <TextField label="Period start" name="periodStart" type="date" required />
              <TextField label="Period end" name="periodEnd" type="date" required />
              <SelectField label="Status" name="status" options={AUDIT_STATUSES.map((s) => ({ value: s, label: AUDIT_STATUS_LABELS[s] }))} />
              <Combobox multiple label="Auditors" name="auditorIds" options={options.auditors.map((u) => ({ value: u.id, label: u.name }))} />
              <Combobox multiple label="Frameworks in scope" name="frameworkIds" options={options.frameworks.map((f) => ({ value: f.id, label: f.name }))} />
              <Combobox multiple label="AI systems in scope" name="systemIds" options={options.systems.map((s) => ({ value: s.id, label: s.name }))} />
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
