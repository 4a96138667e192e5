import type { Metadata } from 'next';
import Link from 'next/link';
import { AlertTable } from '@/components/monitoring/alert-table';
import { directionSign, fmt, HealthLight, metricLabel } from '@/components/monitoring/badges';
import { DriftHeatMap } from '@/components/monitoring/drift-heat-map';
import { MetricChart } from '@/components/monitoring/metric-chart';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, SelectField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { updateMonitorAction } from '@/lib/monitoring/actions';
import { getFeatureDrift, getVersionMonitoring } from '@/lib/monitoring/queries';
import { updateMonitorSchema } from '@/lib/monitoring/schema';

export const metadata: Metadata = { title: 'Version monitoring' };

export default async function VersionMonitoringPage({ params, searchParams }: { params: Promise<{ versionId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { versionId } = await params;
  const sp = await searchParams;
  const days = Number(sp.days) > 0 ? Math.min(Number(sp.days), 366) : 90;
  const v = await loadPage(getVersionMonitoring(actor, versionId, { days, page: Number(sp.page) || 1, featurePage: Number(sp.fpage) || 1 }));
  const feature = sp.feature && v.features.some((f) => f.name === sp.feature) ? await loadPage(getFeatureDrift(actor, versionId, sp.feature)) : null;
  const base = `/monitoring/${v.versionId}`;
  const kept = { days: sp.days, feature: feature?.name, page: sp.page, fpage: sp.fpage };
  const heatFeatures = new Set(v.drift.featurePage.names);
  return (
    <>
      <PageHeader
        title={`${v.model.name} ${v.version}: monitoring`}
        description={`${v.system.name} · owner ${v.owner} · ${v.windowCount} windows, every ${v.cadenceHours} h · ${v.bucket === 'day' ? 'charts show one point per day (the mean of its windows)' : 'one point per window'}`}
        actions={
          <>
            <ButtonLink href={`${base}/plan`}>Monitoring plan</ButtonLink>
            <ButtonLink href={`/monitoring/alerts?monitorId=${v.versionId}`}>All alerts</ButtonLink>
            <ButtonLink href={`/models/${v.model.key}`}>Model</ButtonLink>
          </>
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-4 text-sm">
        <HealthLight health={v.health} />
        <span>Last window: {v.lastWindowEnd ? <LocalTime iso={v.lastWindowEnd} /> : 'none yet'}</span>
        <span>Missing data after {v.missingAfterHours} h; breaches escalate after {v.escalateAfterDays} days.</span>
        <nav aria-label="Period" className="flex gap-2">
          {[30, 90, 365].map((d) => (
            <Link key={d} href={`${base}?days=${d}`} aria-current={d === days ? 'page' : undefined}>
              {d} days
            </Link>
          ))}
        </nav>
      </div>

      <Card title={`Open alerts (${v.alerts.length})`}>{v.alerts.length === 0 ? <p className="text-sm">No open alerts.</p> : <AlertTable caption="Open alerts of this version" alerts={v.alerts} showVersion={false} />}</Card>

      <h2 id="metrics" className="mb-3 mt-8 text-lg font-semibold">
        Metrics
      </h2>
      {v.series.length === 0 ? <EmptyState title="This monitor watches no metric">Add thresholds to the version&apos;s metrics, then configure the monitor again.</EmptyState> : null}
      {v.table.total > v.table.pageSize ? (
        <p className="mb-3 text-sm text-slate-700">
          Each chart shows the whole period; the tables under them show {v.table.pageSize} {v.bucket === 'day' ? 'days' : 'windows'} a page, newest first (page {v.table.page}).
        </p>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-2">
        {v.series.map((s) => (
          <Card key={`${s.name}|${s.attribute}`} title={metricLabel(s.name, s.attribute)}>
            <p className="mb-2 text-sm text-slate-700">
              Threshold {directionSign(s.direction)} {s.threshold}; warning from {fmt(s.warningAt)} ({Math.round(s.warningRatio * 100)} % of the way from the ideal to the threshold){s.baseline !== null ? `; baseline (validation) ${fmt(s.baseline)}` : ''}.
            </p>
            {s.points.length === 0 ? (
              <p className="text-sm">No windows in this period.</p>
            ) : (
              <>
                <MetricChart series={s} />
                <Table caption={`${metricLabel(s.name, s.attribute)} per ${v.bucket === 'day' ? 'day (mean of its windows)' : 'window'}`} columns={[v.bucket === 'day' ? 'Day (UTC)' : 'Window end', ...(s.baseline !== null ? ['Baseline'] : []), ...s.groups]} className="mt-2 max-h-96 overflow-y-auto">
                  {s.rows.map((p) => (
                    <tr key={p.at}>
                      <Td>
                        <LocalTime iso={p.at} dateOnly={v.bucket === 'day'} />
                      </Td>
                      {s.baseline !== null ? <Td>{fmt(s.baseline)}</Td> : null}
                      {s.groups.map((g) => (
                        <Td key={g} className="tabular-nums">
                          {fmt(p.values[g])}
                        </Td>
                      ))}
                    </tr>
                  ))}
                </Table>
              </>
            )}
          </Card>
        ))}
      </div>
      {v.table.total > v.table.pageSize ? <Pagination page={v.table.page} pageSize={v.table.pageSize} total={v.table.total} params={kept} basePath={base} label="Pages of the metric tables" hash="metrics" /> : null}

      <h2 id="drift" className="mb-3 mt-8 text-lg font-semibold">
        Data drift
      </h2>
      {v.features.length === 0 ? (
        <EmptyState title="No reference distributions">Upload feature references with the monitor to watch drift.</EmptyState>
      ) : (
        <>
          <DriftHeatMap features={v.features.filter((f) => heatFeatures.has(f.name))} windows={v.drift.windows} cells={v.drift.cells.filter((c) => heatFeatures.has(c.feature))} basePath={base} selected={feature?.name} />
          {v.drift.featurePage.total > v.drift.featurePage.pageSize ? (
            <Pagination page={v.drift.featurePage.page} pageSize={v.drift.featurePage.pageSize} total={v.drift.featurePage.total} params={kept} basePath={base} param="fpage" label="Pages of the drift heat map" hash="drift" />
          ) : null}
        </>
      )}
      {feature ? (
        <section id="feature-detail" className="mt-6" aria-labelledby="feature-detail-title">
          <Card title={<span id="feature-detail-title">Feature {feature.name}</span>}>
            <p className="mb-3 text-sm">
              {feature.kind === 'NUMERIC' ? 'Numeric' : 'Categorical'} {feature.role.toLowerCase()}; drift by {feature.method} at {feature.threshold}.{' '}
              {feature.latestWindow ? (
                <>
                  Latest window {feature.latestWindow.windowId} (<LocalTime iso={feature.latestWindow.endsAt} />).
                </>
              ) : null}
            </p>
            <div className="grid gap-6 lg:grid-cols-2">
              <Table caption={`Distribution of ${feature.name}: reference and latest window (share of rows)`} columns={['Bin', 'Reference', 'Latest window']}>
                {feature.bins.map((b) => (
                  <tr key={b.label}>
                    <Td>{b.label}</Td>
                    <Td className="tabular-nums">{fmt(b.reference)}</Td>
                    <Td className="tabular-nums">{fmt(b.current)}</Td>
                  </tr>
                ))}
              </Table>
              <Table caption={`Drift statistics of ${feature.name} per window`} columns={['Window', 'Score', 'Level', 'PSI', 'JS', 'Wasserstein', 'KS']}>
                {v.drift.cells
                  .filter((c) => c.feature === feature.name)
                  .reverse()
                  .map((c) => (
                    <tr key={c.windowId}>
                      <Td>{c.windowId}</Td>
                      <Td className="tabular-nums">{fmt(c.score)}</Td>
                      <Td>{c.level}</Td>
                      <Td className="tabular-nums">{fmt(c.psi)}</Td>
                      <Td className="tabular-nums">{fmt(c.js)}</Td>
                      <Td className="tabular-nums">{fmt(c.wasserstein)}</Td>
                      <Td className="tabular-nums">{fmt(c.ks)}</Td>
                    </tr>
                  ))}
              </Table>
            </div>
          </Card>
        </section>
      ) : null}

      {v.capabilities.write ? (
        <Card title="Monitor settings" className="mt-8">
          <ActionForm action={updateMonitorAction} schema={updateMonitorSchema} fields={{ id: v.id }} label="Monitor settings" submit="Save settings" resetOnSuccess={false} className="grid gap-3 sm:grid-cols-2">
            <TextField label="Window cadence (hours)" name="cadenceHours" type="number" defaultValue={String(v.cadenceHours)} />
            <TextField label="Missing data after (hours)" name="missingAfterHours" type="number" defaultValue={String(v.missingAfterHours)} />
            <TextField label="Escalate unacknowledged breaches after (days)" name="escalateAfterDays" type="number" defaultValue={String(v.escalateAfterDays)} />
            <TextField label="Who reviews" name="reviewer" defaultValue={v.reviewer} />
            <TextField label="Review cadence" name="reviewCadence" defaultValue={v.reviewCadence} />
            <SelectField label="Metric whose warning point changes" name="metric" defaultValue="" options={[{ value: '', label: 'None' }, ...v.series.map((s) => ({ value: `${s.name}|${s.attribute}`, label: `${metricLabel(s.name, s.attribute)} (now ${s.warningRatio})` }))]} />
            <TextField label="Warning ratio" name="warningRatio" hint="Between 0 and 1; 0.8 warns 80 % of the way from the ideal to the threshold." />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
