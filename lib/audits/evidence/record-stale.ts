import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';

const BATCH = 200;

/**
 * Records each piece of the organisation's evidence whose valid-until date
 * has passed since it was last recorded: an `evidence.became_stale` event
 * with the marker that keeps the next run from recording it again, in one
 * transaction. Run by a scheduled job (lib/jobs); reads compute "stale" from
 * validUntil themselves. Resolves how many it recorded.
 */
export async function recordStaleEvidence(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'evidence:write');
  let recorded = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const due = { validUntil: { lte: now }, OR: [{ staleRecordedAt: null }, { staleRecordedAt: { lt: db.evidence.fields.validUntil } }] };
      const rows = await tx.evidence.findMany({ where: { orgId: actor.orgId, ...due }, select: { id: true, validUntil: true }, orderBy: { id: 'asc' }, take: BATCH });
      let changed = 0;
      for (const e of rows) {
        const res = await tx.evidence.updateMany({ where: { id: e.id, ...due }, data: { staleRecordedAt: now } });
        if (!res.count) continue;
        changed += 1;
        await recordEvent(tx, actor, {
          action: 'evidence.became_stale',
          entityType: 'evidence',
          entityId: e.id,
          changes: { validUntil: e.validUntil!.toISOString() },
          reason: 'Its valid-until date passed',
        });
      }
      return { seen: rows.length, changed };
    });
    recorded += batch.changed;
    if (batch.seen < BATCH) return recorded;
  }
}
