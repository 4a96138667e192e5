import type { Metadata } from 'next';
import Link from 'next/link';
import { formatMinutes, SeverityBadge, StatusBadge } from '@/components/incidents/badges';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader, Stat } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { Badge } from '@/components/ui/badge';
import { inputClass } from '@/components/ui/form';
import { incidentsCapabilities } from '@/lib/incidents/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { incidentFormOptions, incidentPatterns, listIncidents } from '@/lib/incidents/queries';
import { INCIDENT_TYPES, listIncidentsQuerySchema, quarterOf, STATUSES, TYPE_LABELS } from '@/lib/incidents/schema';
import { SEVERITIES } from '@/lib/incidents/severity';

export const metadata: Metadata = { title: 'Incidents' };

function recentQuarters(n = 8) {
  const out: string[] = [];
  const d = new Date();
  for (let i = 0; i < n; i++) {
    out.push(quarterOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i * 3, 1))));
  }
  return out;
}

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listIncidentsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listIncidentsQuerySchema.parse({});
  const [list, patterns, options] = await loadPage(() => Promise.all([listIncidents(actor, query), incidentPatterns(actor, query), incidentFormOptions(actor)]));
  const filterParams = { type: query.type, severity: query.severity, status: query.status, systemId: query.systemId, quarter: query.quarter, nearMiss: query.nearMiss };
  const filtered = Object.values(filterParams).some(Boolean);
  const select = (name: string, label: string, value: string | undefined, opts: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={`f-${name}`} className="block text-sm font-medium">{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ''} className={inputClass}>
        <option value="">Any</option>
        {opts.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <PageHeader
        title="Incidents"
        description="AI incidents with their severity, response clocks and regulatory deadlines. Near misses are counted alongside."
        actions={
          <>
            <ButtonLink href="/incidents/plans">Plans and exercises</ButtonLink>
            <ButtonLink href="/incidents/settings">Targets and rules</ButtonLink>
            {incidentsCapabilities(actor).report ? (
              <ButtonLink href="/incidents/new" variant="primary">Report an incident</ButtonLink>
            ) : null}
          </>
        }
      />
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-red-700">Some filters were not understood and were ignored.</p> : null}
      <form className="no-print mb-6 flex flex-wrap items-end gap-3" role="search" aria-label="Filter incidents">
        {select('type', 'Type', query.type, INCIDENT_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] })))}
        {select('severity', 'Severity', query.severity, SEVERITIES.map((s) => ({ value: s, label: s })))}
        {select('status', 'Status', query.status, STATUSES.map((s) => ({ value: s, label: s.toLowerCase() })))}
        {select('systemId', 'AI system', query.systemId, options.systems.map((s) => ({ value: s.id, label: s.name })))}
        {select('quarter', 'Quarter detected', query.quarter, recentQuarters().map((q) => ({ value: q, label: q })))}
        {select('nearMiss', 'Near miss', query.nearMiss, [{ value: 'no', label: 'Incidents only' }, { value: 'yes', label: 'Near misses only' }])}
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
        {filtered ? <Link href="/incidents" className="py-2 text-sm">Clear filters</Link> : null}
      </form>

      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <Stat label="Incidents" value={patterns.incidents} />
        <Stat label="Near misses" value={patterns.nearMisses} />
        <Stat label="Incidents per near miss" value={patterns.nearMisses ? (patterns.incidents / patterns.nearMisses).toFixed(1) : '—'} />
      </div>
      <Card title="Patterns by severity" className="mb-6">
        <Table caption="Mean time to acknowledge and to resolve per severity" columns={['Severity', 'Incidents', 'Near misses', 'Mean time to acknowledge', 'Mean time to resolve']}>
          {patterns.bySeverity.map((p) => (
            <tr key={p.severity} data-testid={`pattern-${p.severity}`}>
              <Td><SeverityBadge severity={p.severity} /></Td>
              <Td>{p.incidents}</Td>
              <Td>{p.nearMisses}</Td>
              <Td>{formatMinutes(p.mttaMinutes)}</Td>
              <Td>{formatMinutes(p.mttrMinutes)}</Td>
            </tr>
          ))}
        </Table>
      </Card>

      {list.items.length === 0 ? (
        <EmptyState title={filtered ? 'No incidents match these filters' : 'No incidents yet'}>
          {filtered ? 'Clear the filters to see all incidents.' : 'When something goes wrong with an AI system, report it here.'}
        </EmptyState>
      ) : (
        <Table caption="Incidents" columns={['Incident', 'Severity', 'Status', 'Type', 'AI systems', 'Detected']}>
          {list.items.map((i) => (
            <tr key={i.id} data-testid="incident-row">
              <Td>
                <Link href={`/incidents/${i.id}`} className="font-medium">{i.title}</Link>
                {i.nearMiss ? <Badge className="ml-2">Near miss</Badge> : null}
              </Td>
              <Td><SeverityBadge severity={i.severity} /></Td>
              <Td>
                <StatusBadge status={i.status} />
                {i.overdue.length ? <Badge tone="bad" className="ml-2">{`Overdue: ${i.overdue.join(', ').toLowerCase()}`}</Badge> : null}
              </Td>
              <Td>{TYPE_LABELS[i.type]}</Td>
              <Td>{i.systems.map((s) => s.name).join(', ') || '—'}</Td>
              <Td><LocalTime iso={i.detectedAt} /></Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={filterParams} basePath="/incidents" />
    </>
  );
}
