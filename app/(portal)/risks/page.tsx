import type { Metadata } from 'next';
import Link from 'next/link';
import { RiskStatusBadge, ScoreBadge } from '@/components/risks/badges';
import { HeatMapChart } from '@/components/risks/heat-map-chart';
import { HeatMapTable } from '@/components/risks/heat-map-table';
import { RiskFields } from '@/components/risks/risk-fields';
import { Badge } from '@/components/ui/badge';
import { ButtonLink, DownloadLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, FileField, PersonPicker, SelectField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createRiskAction, importRisksAction } from '@/lib/risks/actions';
import { RISK_CATEGORIES, RISK_CATEGORY_SOURCES } from '@/lib/risks/categories';
import { listRisks, registerCapabilities, riskHeatMap, riskScale } from '@/lib/risks/queries';
import { importFormSchema, listRisksQuerySchema, RISK_STATUS_LABELS, RISK_STATUSES, TREATMENT_LABELS, TREATMENTS } from '@/lib/risks/schema';

export const metadata: Metadata = { title: 'Risk register' };

export default async function RisksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listRisksQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listRisksQuerySchema.parse({});
  const [list, heat, scale] = await loadPage(Promise.all([listRisks(actor, query), riskHeatMap(actor, query), riskScale(actor)]));
  const may = registerCapabilities(actor);
  const filter = { q: query.q, category: query.category, status: query.status, treatment: query.treatment, systemId: query.systemId, ownerId: query.ownerId, reviewOverdue: query.reviewOverdue, sort: query.sort };
  const qs = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== 'sort'));

  return (
    <>
      <PageHeader
        title="Risk register"
        description="AI risks scored on a 5 × 5 scale, before (inherent) and after treatment (residual). An accepted risk reopens when its acceptance expires."
        actions={
          <>
            <DownloadLink href={`/api/v1/risks/export?${qs}&format=csv`}>Export CSV</DownloadLink>
            <DownloadLink href={`/api/v1/risks/export?${qs}&format=xlsx`}>Export XLSX</DownloadLink>
            <ButtonLink href="/risks/scale">Scale</ButtonLink>
          </>
        }
      />
      <form className="no-print mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end" role="search" aria-label="Filter risks">
        <TextField label="Search ref or title" name="q" id="filter-q" defaultValue={query.q} />
        <SelectField label="Category" name="category" id="filter-category" defaultValue={query.category ?? ''} options={[{ value: '', label: 'Any' }, ...RISK_CATEGORIES.map((c) => ({ value: c.key, label: c.label }))]} />
        <SelectField label="Status" name="status" id="filter-status" defaultValue={query.status ?? ''} options={[{ value: '', label: 'Any' }, ...RISK_STATUSES.map((s) => ({ value: s, label: RISK_STATUS_LABELS[s] }))]} />
        <SelectField label="Treatment" name="treatment" id="filter-treatment" defaultValue={query.treatment ?? ''} options={[{ value: '', label: 'Any' }, ...TREATMENTS.map((t) => ({ value: t, label: TREATMENT_LABELS[t] }))]} />
        <PersonPicker label="Owner" name="ownerId" id="filter-ownerId" placeholder="Anyone" />
        <SelectField label="Sort by" name="sort" id="filter-sort" defaultValue={query.sort} options={[{ value: 'residual', label: 'Residual score' }, { value: 'inherent', label: 'Inherent score' }, { value: 'nextReview', label: 'Next review' }, { value: 'ref', label: 'Reference' }]} />
        <div className="flex items-end gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="reviewOverdue" value="true" defaultChecked={query.reviewOverdue === 'true'} /> Review overdue
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
        </div>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title="No risks match these filters">Clear the filters{may.create ? ' or register a risk below' : ''}.</EmptyState>
      ) : (
        <Table caption={`Risks (${list.total})`} columns={['Risk', 'Inherent', 'Residual', 'Treatment', 'Status', 'Owner', 'Next review']}>
          {list.items.map((r) => (
            <tr key={r.id} data-testid="risk-row">
              <Td>
                <Link href={`/risks/${r.id}`} className="font-medium">{r.ref} {r.title}</Link>
                <div className="text-xs text-slate-600">{r.categoryLabel}</div>
              </Td>
              <Td><ScoreBadge likelihood={r.inherentLikelihood} impact={r.inherentImpact} /></Td>
              <Td><ScoreBadge likelihood={r.residualLikelihood} impact={r.residualImpact} /></Td>
              <Td>{TREATMENT_LABELS[r.treatment]}</Td>
              <Td>
                <RiskStatusBadge status={r.status} /> {r.acceptanceExpired ? <Badge tone="bad">Acceptance expired</Badge> : null}
              </Td>
              <Td>{r.ownerName}</Td>
              <Td>
                <LocalTime iso={r.nextReviewAt} dateOnly /> {r.reviewOverdue ? <Badge tone="bad">Overdue</Badge> : null}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={filter} basePath="/risks" />

      <Card title="Heat map" className="mt-6">
        <p className="mb-3 text-sm">{heat.total} open or accepted risks match the filters; {heat.unscoredResidual} have no residual score yet.</p>
        <HeatMapChart inherent={heat.inherent} residual={heat.residual} />
        <div className="mt-4 grid gap-6 lg:grid-cols-2">
          <HeatMapTable caption="Inherent (before treatment)" cells={heat.inherent} scale={scale} />
          <HeatMapTable caption="Residual (after treatment)" cells={heat.residual} scale={scale} />
        </div>
      </Card>

      {may.create ? (
        <Card title="Register a risk" className="mt-6">
          <ActionForm action={createRiskAction} label="Register a risk" submit="Register risk">
            <RiskFields scale={scale} idPrefix="new" />
          </ActionForm>
        </Card>
      ) : null}
      {may.import ? (
        <Card title="Import" className="mt-6">
          <ActionForm action={importRisksAction} schema={importFormSchema} submit="Import" pendingText="Importing…" label="Import risks" className="grid gap-3">
            <FileField label="CSV or XLSX in the export's columns" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" hint="All or nothing: if any row is invalid, nothing is imported and the bad rows are listed. A row with a ref rewrites that risk; a row without creates one. Owners by e-mail, AI systems by name and controls by key, separated by semicolons. Max 5 MB." />
          </ActionForm>
        </Card>
      ) : null}
      <p className="mt-6 text-xs text-slate-700">
        Categories: {RISK_CATEGORY_SOURCES.map((s, i) => (
          <span key={s.key}>{i ? '; ' : ''}<a href={s.url}>{s.title}</a>, {s.version} ({s.licence})</span>
        ))}.
      </p>
    </>
  );
}
