import type { Metadata } from 'next';
import { AlertTable } from '@/components/monitoring/alert-table';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { SelectField } from '@/components/ui/form';
import { Pagination } from '@/components/ui/pagination';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { listAlerts } from '@/lib/monitoring/queries';
import { listAlertsQuerySchema } from '@/lib/monitoring/schema';

export const metadata: Metadata = { title: 'Monitoring alerts' };

export default async function MonitoringAlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const parsed = listAlertsQuerySchema.safeParse({ status: raw.status || undefined, level: raw.level || undefined, kind: raw.kind || undefined, monitorId: raw.monitorId || undefined, page: raw.page });
  const query = parsed.success ? parsed.data : listAlertsQuerySchema.parse({});
  const list = await loadPage(listAlerts(actor, query));
  const filter = { status: query.status, level: query.level, kind: query.kind, monitorId: query.monitorId };
  return (
    <>
      <PageHeader title="Monitoring alerts" description="Warnings and breaches per metric, group and feature, and missing data. Open → acknowledged (by the model's owner, with a note) → resolved; a breach left unacknowledged escalates to the business owner and compliance." />
      <form className="no-print mb-4 grid gap-3 sm:grid-cols-4 sm:items-end" role="search" aria-label="Filter alerts">
        <SelectField label="Status" name="status" id="filter-status" defaultValue={query.status ?? ''} options={[{ value: '', label: 'Any' }, { value: 'UNRESOLVED', label: 'Not resolved' }, { value: 'OPEN', label: 'Open' }, { value: 'ACKNOWLEDGED', label: 'Acknowledged' }, { value: 'RESOLVED', label: 'Resolved' }]} />
        <SelectField label="Level" name="level" id="filter-level" defaultValue={query.level ?? ''} options={[{ value: '', label: 'Any' }, { value: 'BREACH', label: 'Breach' }, { value: 'WARNING', label: 'Warning' }]} />
        <SelectField label="Kind" name="kind" id="filter-kind" defaultValue={query.kind ?? ''} options={[{ value: '', label: 'Any' }, { value: 'METRIC', label: 'Metric' }, { value: 'DRIFT', label: 'Drift' }, { value: 'MISSING_DATA', label: 'Missing data' }]} />
        {query.monitorId ? <input type="hidden" name="monitorId" value={query.monitorId} /> : null}
        <div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
        </div>
      </form>
      {list.alerts.length === 0 ? <EmptyState title="No alerts match these filters">Clear the filters to see every alert.</EmptyState> : <AlertTable caption={`Monitoring alerts (${list.total})`} alerts={list.alerts} />}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={filter} basePath="/monitoring/alerts" />
    </>
  );
}
