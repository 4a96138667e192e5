import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { inputClass } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { frameworkKeySchema } from '@/lib/requirements/library-schema';
import { listCrosswalk, listFrameworks } from '@/lib/requirements/queries';

export const metadata: Metadata = { title: 'Crosswalk' };

export default async function CrosswalkPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const framework = frameworkKeySchema.safeParse(sp.framework).success ? sp.framework : undefined;
  const page = Number(sp.page ?? 1) || 1;
  const [cw, frameworks] = await loadPage(Promise.all([listCrosswalk(actor, { framework, page }), listFrameworks(actor)]));
  return (
    <>
      <PageHeader title="Crosswalk" description="Where frameworks overlap, so the work is done once. Each mapping says how the two requirements relate and why." />
      <Card title="Overlaps between frameworks" className="mb-6">
        {cw.overlaps.length ? (
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {cw.overlaps.map((o) => (
              <li key={`${o.a}|${o.b}`}>
                <strong className="tabular-nums">{o.count}</strong> mappings: {o.a} ↔ {o.b}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No crosswalk mappings yet: reload the shipped library to add the starter crosswalk.</p>
        )}
      </Card>
      <form method="get" className="no-print mb-4 flex items-end gap-3" role="search" aria-label="Filter the crosswalk">
        <div>
          <label htmlFor="framework" className="block text-sm font-medium">Framework</label>
          <select id="framework" name="framework" defaultValue={framework ?? ''} className={inputClass}>
            <option value="">All frameworks</option>
            {frameworks.map((f) => (
              <option key={f.key} value={f.key}>{f.name}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      </form>
      {cw.items.length === 0 ? (
        <EmptyState title="No mappings for this framework" />
      ) : (
        <Table caption="Crosswalk mappings" columns={['From', 'Relationship', 'To', 'Rationale']}>
          {cw.items.map((m) => (
            <tr key={m.id}>
              <Td>
                <div className="text-xs text-slate-600">{m.from.framework.name}</div>
                <Link href={`/requirements/items/${m.from.id}`}>{m.from.ref}</Link> {m.from.title}
              </Td>
              <Td>{m.relationship.toLowerCase()}</Td>
              <Td>
                <div className="text-xs text-slate-600">{m.to.framework.name}</div>
                <Link href={`/requirements/items/${m.to.id}`}>{m.to.ref}</Link> {m.to.title}
              </Td>
              <Td className="text-xs">{m.rationale}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={cw.page} pageSize={cw.pageSize} total={cw.total} params={{ framework }} basePath="/requirements/crosswalk" />
    </>
  );
}
