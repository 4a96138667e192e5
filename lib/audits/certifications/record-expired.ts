import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';

/**
 * Records each certification of the organisation whose expiry date has
 * passed since it was last recorded (`certification.expired`, with the marker,
 * in one transaction). Run by a scheduled job (lib/jobs); reads compute
 * "expired" from expiresAt themselves. Resolves how many it recorded.
 */
export async function recordExpiredCertifications(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'audits:manage');
  return db.$transaction(async (tx) => {
    const due = { expiresAt: { lte: now }, OR: [{ expiryRecordedAt: null }, { expiryRecordedAt: { lt: db.certification.fields.expiresAt } }] };
    const rows = await tx.certification.findMany({ where: { orgId: actor.orgId, ...due }, select: { id: true, name: true, expiresAt: true }, take: 1000 });
    let recorded = 0;
    for (const c of rows) {
      const res = await tx.certification.updateMany({ where: { id: c.id, ...due }, data: { expiryRecordedAt: now } });
      if (!res.count) continue;
      recorded += 1;
      await recordEvent(tx, actor, {
        action: 'certification.expired',
        entityType: 'certification',
        entityId: c.id,
        changes: { name: c.name, expiresAt: c.expiresAt.toISOString() },
        reason: 'Its expiry date passed',
      });
    }
    return recorded;
  });
}
