import type { Metadata } from 'next';
import { CompletionList } from '@/components/requirements/completion';
import { filterQuery, MatrixFilters } from '@/components/requirements/matrix-filters';
import { MatrixGrid } from '@/components/requirements/matrix-grid';
import { Card, PageHeader, Stat } from '@/components/ui/card';
import { schemaHints } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { requirementsCapabilities } from '@/lib/requirements/capabilities';
import { listFrameworks, matrixSummary, matrixWindow } from '@/lib/requirements/queries';
import { bulkUpdateCellsSchema, MATRIX_WINDOW, matrixFilterSchema, updateCellSchema } from '@/lib/requirements/schema';
import { listAssignableUsers } from '@/lib/users/queries';
import { raciPeople } from '@/lib/policies/queries';

export const metadata: Metadata = { title: 'Requirements matrix' };

export default async function MatrixPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = matrixFilterSchema.safeParse(await searchParams);
  const filter = parsed.success ? parsed.data : {};
  const [window, summary, frameworks, users, raci] = await loadPage(
    Promise.all([matrixWindow(actor, { ...filter, offset: 0, limit: MATRIX_WINDOW }), matrixSummary(actor, filter), listFrameworks(actor), listAssignableUsers(actor), raciPeople(actor)]),
  );
  const qs = filterQuery(filter);
  const pct = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '—');
  return (
    <>
      <PageHeader
        title="Requirements matrix"
        description="Every requirement that bears on your AI systems, and where each system stands. Completion counts only the frameworks confirmed or suggested for each system."
        actions={
          <>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm no-underline" href={`/api/v1/exports/matrix?${qs}${qs ? '&' : ''}format=csv`}>Export CSV</a>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm no-underline" href={`/api/v1/exports/matrix?${qs}${qs ? '&' : ''}format=xlsx`}>Export XLSX</a>
          </>
        }
      />
      {!parsed.success ? <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">Some filters in the address were not valid and were ignored.</p> : null}
      <MatrixFilters filter={filter} frameworks={frameworks} users={users} raciIds={raci.map((p) => p.id)} />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Requirements" value={summary.requirements.total.toLocaleString()} />
        <Stat label="Assessed cells" value={pct(summary.overall.assessed, summary.overall.cells)} />
        <Stat label="Unowned requirements" value={summary.requirements.unowned.toLocaleString()} href="/requirements?owner=unowned" tone={summary.requirements.unowned ? 'warn' : 'good'} />
        <Stat label="Reviews overdue" value={summary.requirements.overdue.toLocaleString()} href="/requirements?overdue=true" tone={summary.requirements.overdue ? 'bad' : 'good'} />
      </div>
      <MatrixGrid
        key={qs}
        systems={window.systems}
        total={window.total}
        initial={{ rows: window.rows, editableRowIds: window.editableRowIds }}
        query={qs}
        canEditAnything={requirementsCapabilities(actor).editAnyCell || window.editableRowIds.length > 0 || window.systems.some((s) => s.canEdit)}
        hints={{ cell: schemaHints(updateCellSchema), bulk: schemaHints(bulkUpdateCellsSchema) }}
      />
      <Card title="Completion" className="mt-6">
        <div className="grid gap-6 md:grid-cols-2">
          <CompletionList title="By framework" items={summary.byFramework} hrefFor={(c) => `/requirements?framework=${c.id}`} empty="No framework applies to an AI system yet: confirm frameworks on the AI systems page." />
          <CompletionList title="By AI system" items={summary.bySystem} empty="No AI systems yet." />
        </div>
      </Card>
    </>
  );
}
