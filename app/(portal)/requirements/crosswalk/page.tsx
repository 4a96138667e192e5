import type { Metadata } from 'next';
import Link from 'next/link';
import { CoverageChart } from '@/components/requirements/coverage-chart';
import { CrosswalkMappingRow } from '@/components/requirements/crosswalk-mapping-row';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, Combobox, FileField, SelectField, TextField, inputClass } from '@/components/ui/form';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createCrosswalkMappingAction, importCrosswalkAction } from '@/lib/requirements/actions';
import { frameworkKeySchema, RELATIONSHIP_LABELS, RELATIONSHIPS } from '@/lib/requirements/library-schema';
import { crosswalkCoverage, listCrosswalk } from '@/lib/requirements/queries';
import { crosswalkImportFormSchema, crosswalkMappingInputSchema } from '@/lib/requirements/schema';

export const metadata: Metadata = { title: 'Crosswalk' };

const key = (v: string | undefined) => (frameworkKeySchema.safeParse(v).success ? v : undefined);

export default async function CrosswalkPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const framework = key(sp.framework);
  const source = key(sp.source);
  const page = Number(sp.page ?? 1) || 1;
  const [cw, coverage] = await loadPage(Promise.all([listCrosswalk(actor, { framework, page }), crosswalkCoverage(actor, { source })]));
  const caps = cw.capabilities;
  const exportHref = (format: 'csv' | 'oscal') => `/api/v1/crosswalk/export?format=${format}${framework ? `&framework=${framework}` : ''}`;
  return (
    <>
      <PageHeader title="Crosswalk" description="Where frameworks overlap, so the work is done once. Each mapping says how the two requirements relate (NIST OLIR: equivalent, subset of, superset of, intersects with) and why." />

      <Card title="Coverage one framework gives the others" className="mb-6">
        <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" aria-label="Choose the framework you comply with">
          <div>
            <label htmlFor="source" className="block text-sm font-medium">If you comply with</label>
            <select id="source" name="source" defaultValue={coverage.source?.key ?? ''} className={inputClass}>
              {coverage.frameworks.map((f) => (
                <option key={f.key} value={f.key}>{f.name}</option>
              ))}
            </select>
          </div>
          {framework ? <input type="hidden" name="framework" value={framework} /> : null}
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Show coverage</button>
        </form>
        {coverage.source && coverage.rows.length ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <Table caption={`Coverage that ${coverage.source.name} gives other frameworks`} columns={['Framework', 'Requirements', 'Covered', 'Touched']}>
                {coverage.rows.map((r) => (
                  <tr key={r.key}>
                    <Td>
                      <Link href={`/requirements/crosswalk?framework=${r.key}&source=${coverage.source!.key}`}>{r.name}</Link>
                    </Td>
                    <Td className="text-right tabular-nums">{r.requirements}</Td>
                    <Td className="text-right tabular-nums">
                      {r.coveredPct} % <span className="text-xs text-slate-600">({r.covered})</span>
                    </Td>
                    <Td className="text-right tabular-nums">
                      {r.mappedPct} % <span className="text-xs text-slate-600">({r.covered + r.partial})</span>
                    </Td>
                  </tr>
                ))}
            </Table>
            <CoverageChart source={coverage.source.name} rows={coverage.rows} />
            <p className="text-xs text-slate-600 lg:col-span-2">
              Covered: the target requirement has a mapping from {coverage.source.name} that is equivalent to it or a superset of it. Touched: any mapping, including subset of and intersects with, which need their own evidence.
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-600">No mappings start from this framework yet.</p>
        )}
      </Card>

      <Card title="Overlaps between frameworks" className="mb-6">
        {cw.overlaps.length ? (
          <details>
            <summary className="cursor-pointer text-sm">{cw.overlaps.length} framework pairs with mappings</summary>
            <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
              {cw.overlaps.map((o) => (
                <li key={`${o.a}|${o.b}`}>
                  <strong className="tabular-nums">{o.count}</strong> mappings: {o.a} ↔ {o.b}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p className="text-sm text-slate-600">No crosswalk mappings yet: reload the shipped library to add the crosswalk.</p>
        )}
      </Card>

      {caps.edit ? (
        <div className="no-print mb-6 grid gap-6 lg:grid-cols-2">
          <Card title="Add a mapping">
            <ActionForm action={createCrosswalkMappingAction} schema={crosswalkMappingInputSchema} submit="Add mapping" label="Add a crosswalk mapping" className="grid gap-3">
              <Combobox label="Requirement" name="fromRequirementId" source="requirements" required placeholder="Type a reference or title" />
              <SelectField label="Relationship (the first relative to the second)" name="relationship" defaultValue="RELATED" options={RELATIONSHIPS.map((r) => ({ value: r, label: RELATIONSHIP_LABELS[r] }))} />
              <Combobox label="Requirement of another framework" name="toRequirementId" source="requirements" required placeholder="Type a reference or title" />
              <TextField label="Rationale (one line, your own words)" name="rationale" required />
              <TextField label="Citation (public crosswalk followed, optional)" name="citation" />
            </ActionForm>
          </Card>
          <Card title="Import and export">
            <p className="mb-3 text-sm">
              Export <a href={exportHref('csv')}>CSV</a> or <a href={exportHref('oscal')}>OSCAL mapping JSON</a>
              {framework ? ' (this framework’s mappings)' : ' (the whole crosswalk)'}. An exported file imports back as “unchanged”.
            </p>
            <ActionForm action={importCrosswalkAction} schema={crosswalkImportFormSchema} submit="Import" pendingText="Importing…" label="Import crosswalk mappings" className="grid gap-3">
              <FileField label="CSV or OSCAL mapping collection (JSON)" name="file" accept=".csv,.json,text/csv,application/json" hint="All or nothing: a file with any row that does not resolve is refused, and the rows are named. CSV columns: fromFramework, fromRef, relationship, toFramework, toRef, rationale, citation. Max 5 MB." />
            </ActionForm>
          </Card>
        </div>
      ) : (
        <p className="no-print mb-4 text-sm">
          Export <a href={exportHref('csv')}>CSV</a> or <a href={exportHref('oscal')}>OSCAL mapping JSON</a>.
        </p>
      )}

      <form method="get" className="no-print mb-4 flex items-end gap-3" role="search" aria-label="Filter the crosswalk">
        <div>
          <label htmlFor="framework" className="block text-sm font-medium">Framework</label>
          <select id="framework" name="framework" defaultValue={framework ?? ''} className={inputClass}>
            <option value="">All frameworks</option>
            {coverage.frameworks.map((f) => (
              <option key={f.key} value={f.key}>{f.name}</option>
            ))}
          </select>
        </div>
        {source ? <input type="hidden" name="source" value={source} /> : null}
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      </form>
      {cw.items.length === 0 ? (
        <EmptyState title="No mappings for this framework" />
      ) : (
        <Table caption={`Crosswalk mappings (${cw.total})`} columns={['From', 'Relationship', 'To', 'Rationale and source', ...(caps.edit ? ['Actions'] : [])]}>
          {cw.items.map((m) => (
            <CrosswalkMappingRow key={m.id} mapping={m} canEdit={caps.edit} />
          ))}
        </Table>
      )}
      <Pagination page={cw.page} pageSize={cw.pageSize} total={cw.total} params={{ framework, source }} basePath="/requirements/crosswalk" />
    </>
  );
}
