import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { DomainEventRecord, EventType } from './types';

/** Something that reacts to committed domain events (webhooks, and any
 *  other domain that registers itself in ./subscribers.ts). */
export type EventSubscriber = {
  name: string;
  /** Gets a batch of events, oldest first, in the transaction that marks
   *  them dispatched: whatever it writes commits with the mark, so each event
   *  is handled once. Resolves how many things it made (for the job's output). */
  handle(tx: Tx, events: readonly DomainEventRecord[]): Promise<number | void>;
};

const BATCH = 200;

/**
 * Fans committed events out to the subscribers, oldest first, a batch per
 * transaction: the subscribers' writes and the events' `dispatchedAt` commit
 * together (a failing subscriber leaves the batch for the next run). Rows are claimed with SKIP LOCKED, so several dispatchers never
 * hand out one event twice. Resolves the counts for the job's output.
 */
export async function dispatchEvents(subscribers: readonly EventSubscriber[], now: Date, limit = 2000): Promise<{ events: number; handled: number }> {
  let events = 0;
  let handled = 0;
  while (events < limit) {
    const batch = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; orgId: string; type: string; entityType: string; entityId: string; data: Record<string, unknown>; actorLabel: string; occurredAt: Date }[]>`
        SELECT "id", "orgId", "type", "entityType", "entityId", "data", "actorLabel", "occurredAt" FROM "DomainEvent"
        WHERE "dispatchedAt" IS NULL ORDER BY "occurredAt", "id" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      const claimed: DomainEventRecord[] = rows.map((row) => ({
        id: row.id,
        orgId: row.orgId,
        type: row.type as EventType,
        entity: { type: row.entityType, id: row.entityId },
        data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data,
        actorLabel: row.actorLabel,
        occurredAt: row.occurredAt,
      }));
      let n = 0;
      if (claimed.length) {
        for (const subscriber of subscribers) n += (await subscriber.handle(tx, claimed)) ?? 0;
        await tx.domainEvent.updateMany({ where: { id: { in: claimed.map((e) => e.id) } }, data: { dispatchedAt: now } });
      }
      return { count: rows.length, handled: n };
    }, { timeout: 60_000 });
    events += batch.count;
    handled += batch.handled;
    if (batch.count < BATCH) break;
  }
  return { events, handled };
}
