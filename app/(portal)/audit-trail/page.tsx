import type { Metadata } from 'next';
import Link from 'next/link';
import { VerifyPanel } from '@/components/audit/verify-panel';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { inputClass } from '@/components/ui/form';
import { auditEventQuerySchema } from '@/lib/audit/schema';
import { listAuditEvents } from '@/lib/audit/queries';
import { auditTrailCapabilities } from '@/lib/audit/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit trail' };

function summarise(changes: unknown): string {
  if (!changes || typeof changes !== 'object') return '';
  return Object.entries(changes as Record<string, unknown>)
    .map(([k, v]) => {
      if (v && typeof v === 'object' && 'from' in v && 'to' in v) {
        const c = v as { from: unknown; to: unknown };
        return `${k}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`;
      }
      return `${k}: ${JSON.stringify(v)}`;
    })
    .join('; ')
    .slice(0, 300);
}

export default async function AuditTrailPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const raw = await searchParams;
  const parsed = auditEventQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : auditEventQuerySchema.parse({});
  const { items, nextBefore } = await loadPage(listAuditEvents(actor, query));
  const filters = Object.fromEntries(
    Object.entries({ actor: query.actor, action: query.action, entityType: query.entityType, entityId: query.entityId, from: query.from, to: query.to }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );
  const exportHref = `/api/v1/audit-events/export?${new URLSearchParams(filters)}`;
  const olderHref = nextBefore ? `/audit-trail?${new URLSearchParams({ ...filters, before: String(nextBefore) })}` : null;

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change in the portal, in order. Each event's hash covers the one before it, so any rewrite of history is detected."
        actions={
          <a className={buttonClass('secondary')} href={exportHref} download>
            Export CSV
          </a>
        }
      />
      <Card title="Integrity" className="mb-6">
        <VerifyPanel canVerify={auditTrailCapabilities(actor).verify} />
      </Card>
      {!parsed.success ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          Some filters were not valid and were ignored: {parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}
        </p>
      ) : null}
      <form className="no-print mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" role="search" aria-label="Filter the audit trail">
        {(
          [
            ['actor', 'Actor', 'email or token'],
            ['action', 'Action', 'e.g. user.'],
            ['entityType', 'Entity type', 'e.g. user'],
            ['entityId', 'Entity id', ''],
          ] as const
        ).map(([name, label, placeholder]) => (
          <div key={name}>
            <label htmlFor={name} className="block text-sm font-medium">{label}</label>
            <input id={name} name={name} defaultValue={query[name] ?? ''} placeholder={placeholder} className={inputClass} />
          </div>
        ))}
        <div>
          <label htmlFor="from" className="block text-sm font-medium">From</label>
          <input id="from" name="from" type="date" defaultValue={query.from?.slice(0, 10) ?? ''} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">To</label>
          <input id="to" name="to" type="date" defaultValue={query.to?.slice(0, 10) ?? ''} className={inputClass} />
        </div>
        <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
          <button type="submit" className={buttonClass('primary')}>Search</button>
          <Link href="/audit-trail" className={buttonClass('ghost')}>Clear</Link>
        </div>
      </form>
      {items.length === 0 ? (
        <EmptyState title="No events match">Widen the time range or clear the filters.</EmptyState>
      ) : (
        <Table caption="Audit events, newest first" columns={['#', 'Time', 'Actor', 'Action', 'Entity', 'Changes']}>
          {items.map((e) => (
            <tr key={e.seq}>
              <Td className="font-mono text-xs">{e.seq}</Td>
              <Td className="whitespace-nowrap"><LocalTime iso={e.at} /></Td>
              <Td className="text-xs">
                {e.actorLabel}
                {e.ip ? <div className="text-slate-600">{e.ip}</div> : null}
              </Td>
              <Td><code className="text-xs">{e.action}</code></Td>
              <Td className="text-xs">
                {e.entityType}
                {e.entityId ? <div className="font-mono text-slate-600">{e.entityId}</div> : null}
              </Td>
              <Td className="max-w-md break-words text-xs">
                {summarise(e.changes)}
                {e.reason ? <div className="italic">Reason: {e.reason}</div> : null}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <nav aria-label="Pagination" className="no-print mt-4 flex justify-between text-sm">
        {query.before ? <Link href={`/audit-trail?${new URLSearchParams(filters)}`}>Newest</Link> : <span />}
        {olderHref ? <Link href={olderHref}>Older events</Link> : <span className="text-slate-600">End of the trail</span>}
      </nav>
    </>
  );
}
