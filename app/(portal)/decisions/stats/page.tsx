import type { Metadata } from 'next';
import Link from 'next/link';
import { pct } from '@/components/decisions/badges';
import { CoverageChart } from '@/components/decisions/coverage-chart';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { Combobox, TextField } from '@/components/ui/form';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { decisionFilterLabels, decisionStats } from '@/lib/decisions/queries';
import { decisionStatsQuerySchema } from '@/lib/decisions/schema';

export const metadata: Metadata = { title: 'Decision statistics' };

export default async function DecisionStatsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = decisionStatsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : decisionStatsQuerySchema.parse({});
  const [stats, labels] = await loadPage(Promise.all([decisionStats(actor, query), decisionFilterLabels(actor, { systemId: query.systemId })]));
  const byDay = new Map<string, { total: number; covered: number }>();
  for (const r of stats.perDay) {
    const t = byDay.get(r.day) ?? { total: 0, covered: 0 };
    byDay.set(r.day, { total: t.total + r.total, covered: t.covered + r.covered });
  }
  const chart = [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, t]) => ({ day, coverage: Math.round((t.covered / t.total) * 1000) / 10 }));
  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href="/decisions">← Decision log</Link></p>
      <PageHeader
        title="Decision statistics"
        description="Volume, human overrides, outcomes by group and explanation coverage (decisions with a valid explanation: additive and adding up, or present for a method that is not additive) per model version and per UTC day. Coverage is also a promotion-gate condition (Admin → Gate policy)."
      />
      <form className="no-print mb-4 grid gap-3 sm:grid-cols-3 sm:items-end" role="search" aria-label="Choose the statistics">
        <Combobox label="AI system" name="systemId" id="stats-systemId" source="systems" defaultValue={labels.system} placeholder="Every system" />
        <TextField label="Days" name="days" id="stats-days" type="number" defaultValue={String(query.days)} />
        <div><button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Show</button></div>
      </form>
      {stats.versions.length === 0 ? (
        <EmptyState title="No decisions in this period">Choose another system or a longer period.</EmptyState>
      ) : (
        <>
          <Card title="Per model version">
            <Table caption="Decisions per model version" columns={['Version', 'System', 'Decisions', 'Explanation coverage', 'Human reviewed', 'Overridden']}>
              {stats.versions.map((v) => (
                <tr key={v.versionId}>
                  <Td>{v.modelName} {v.versionLabel}</Td>
                  <Td>{v.systemName}</Td>
                  <Td>{v.total}</Td>
                  <Td>{pct(v.covered, v.total)}</Td>
                  <Td>{pct(v.reviewed, v.total)}</Td>
                  <Td>{pct(v.overridden, v.total)} ({v.overridden})</Td>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title="Explanation coverage per day" className="mt-6">
            <CoverageChart rows={chart} />
            <Table caption="Explanation coverage per day and version" columns={['Day (UTC)', 'Version', 'Decisions', 'Coverage', 'Overridden', 'Top factor']} className="mt-3">
              {stats.perDay.map((r) => (
                <tr key={`${r.day}-${r.versionId}`}>
                  <Td>{r.day}</Td>
                  <Td>{r.versionLabel}</Td>
                  <Td>{r.total}</Td>
                  <Td>{pct(r.covered, r.total)}</Td>
                  <Td>{r.overridden}</Td>
                  <Td>{r.constantTopFactor ? <Badge tone="warn">Constant: {r.constantTopFactor} tops every decision</Badge> : 'varies'}</Td>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title="Outcomes by group" className="mt-6">
            <Table caption="Decisions by outcome and group" columns={['Version', 'Outcome', 'Group', 'Decisions']}>
              {stats.outcomes.map((o) => (
                <tr key={`${o.versionId}-${o.outcome}-${o.group ?? ''}`}>
                  <Td>{o.versionLabel}</Td>
                  <Td>{o.outcome}</Td>
                  <Td>{o.group ?? '—'}</Td>
                  <Td>{o.count}</Td>
                </tr>
              ))}
            </Table>
          </Card>
        </>
      )}
    </>
  );
}
