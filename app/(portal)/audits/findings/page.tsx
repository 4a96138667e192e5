import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditsNav } from '@/components/audits/audits-nav';
import { FindingStatusBadge, SeverityBadge } from '@/components/audits/badges';
import { Badge } from '@/components/ui/badge';
import { DownloadLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { ActionForm, Combobox, PersonPicker, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { auditWorkspaceCapabilities } from '@/lib/audits/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createFindingAction } from '@/lib/audits/findings/actions';
import { findingPageChoices, listFindings } from '@/lib/audits/findings/queries';
import { FINDING_SOURCES, FINDING_STATUS_LABELS, FINDING_STATUSES, listFindingsQuerySchema, SEVERITIES, SEVERITY_LABELS, SOURCE_LABELS } from '@/lib/audits/findings/schema';

export const metadata: Metadata = { title: 'Findings' };

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listFindingsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listFindingsQuerySchema.parse({});
  const [{ items, total, page, pageSize }, options] = await loadPage(Promise.all([listFindings(actor, query), findingPageChoices(actor, { ownerId: query.ownerId })]));
  const filter = { q: query.q, auditId: query.auditId, severity: query.severity, status: query.status, ownerId: query.ownerId, frameworkId: query.frameworkId, overdue: query.overdue };
  const exportQs = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
  const canRaise = auditWorkspaceCapabilities(actor).raiseFindings;

  return (
    <>
      <PageHeader
        title="Findings"
        description="Audit tracking: every finding with its owner, remediation and dates. Aging counts days since it was raised; overdue means past its due date and not yet closed."
        actions={
          <>
            <DownloadLink href={`/api/v1/findings/export?${exportQs}&format=csv`}>Export CSV</DownloadLink>
            <DownloadLink href={`/api/v1/findings/export?${exportQs}&format=xlsx`}>Export XLSX</DownloadLink>
          </>
        }
      />
      <AuditsNav current="/audits/findings" />
      <form className="no-print mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end" role="search" aria-label="Filter findings">
        <TextField label="Search title" name="q" id="filter-q" defaultValue={query.q} />
        <SelectField label="Audit" name="auditId" id="filter-auditId" defaultValue={query.auditId ?? ''} options={[{ value: '', label: 'Any audit' }, ...options.audits.map((a) => ({ value: a.id, label: a.title }))]} />
        <SelectField label="Severity" name="severity" id="filter-severity" defaultValue={query.severity ?? ''} options={[{ value: '', label: 'Any' }, ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))]} />
        <SelectField label="Status" name="status" id="filter-status" defaultValue={query.status ?? ''} options={[{ value: '', label: 'Any' }, { value: 'ACTIVE', label: 'Not closed' }, ...FINDING_STATUSES.map((s) => ({ value: s, label: FINDING_STATUS_LABELS[s] }))]} />
        <PersonPicker label="Owner" name="ownerId" id="filter-ownerId" defaultValue={options.owner} placeholder="Anyone" />
        <SelectField label="Framework" name="frameworkId" id="filter-frameworkId" defaultValue={query.frameworkId ?? ''} options={[{ value: '', label: 'Any' }, ...options.frameworks.map((f) => ({ value: f.id, label: f.name }))]} />
        <div className="flex items-end gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="overdue" value="true" defaultChecked={query.overdue === 'true'} /> Overdue only
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
        </div>
      </form>
      {items.length === 0 ? (
        <EmptyState title="No findings match these filters">Clear the filters{canRaise ? ' or raise a finding below' : ''}.</EmptyState>
      ) : (
        <Table caption="Findings" columns={['Finding', 'Severity', 'Status', 'Owner', 'Due', 'Age']}>
          {items.map((f) => (
            <tr key={f.id} data-testid="finding-row">
              <Td>
                <Link href={`/audits/findings/${f.id}`} className="font-medium">{f.title}</Link>
                <div className="text-xs text-slate-600">{f.auditTitle ?? SOURCE_LABELS[f.source]}</div>
              </Td>
              <Td><SeverityBadge severity={f.severity} /></Td>
              <Td><FindingStatusBadge status={f.status} /></Td>
              <Td>{f.ownerName ?? '—'}</Td>
              <Td>
                <LocalTime iso={f.dueDate} dateOnly /> {f.overdue ? <Badge tone="bad">Overdue</Badge> : null}
              </Td>
              <Td>{f.ageDays} d</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} params={filter} basePath="/audits/findings" />
      {canRaise ? (
        <Card title="Raise a finding" className="mt-6">
          <ActionForm action={createFindingAction} label="Raise a finding" submit="Raise finding">
            <div className="grid gap-4 md:grid-cols-2">
              <TextField label="Title" name="title" required />
              <SelectField label="Severity" name="severity" options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))} defaultValue="MEDIUM" />
              <TextAreaField label="Description" name="description" required rows={3} className="md:col-span-2" />
              <SelectField label="Audit" name="auditId" options={[{ value: '', label: 'None (self-identified or incident)' }, ...options.audits.map((a) => ({ value: a.id, label: a.title }))]} />
              <SelectField label="Source (when not from an audit)" name="source" options={FINDING_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} defaultValue="SELF_IDENTIFIED" />
              <PersonPicker label="Owner" name="ownerId" hint="Empty: unassigned." />
              <TextField label="Due date" name="dueDate" type="date" hint="Leave empty for the default of the severity (see Settings)." />
              <TextAreaField label="Remediation plan" name="remediationPlan" rows={2} className="md:col-span-2" />
              <Combobox multiple source="requirements" label="Requirements" name="requirementIds" />
              <Combobox multiple source="controls" label="Controls" name="controlIds" />
              <Combobox multiple source="systems" label="AI systems" name="systemIds" />
              <Combobox multiple source="model-versions" label="Model versions" name="modelVersionIds" />
              <Combobox source="incidents" label="Raised from incident (optional)" name="incidentId" />
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
