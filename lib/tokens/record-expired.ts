import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';

/**
 * Records each API token of the organisation that expired unrevoked
 * (`token.expired`, with the marker, in one transaction). Run by a scheduled
 * job (lib/jobs); authentication and the token list compare expiresAt
 * themselves. An expiry date never moves, so each token is recorded once.
 */
export async function recordExpiredTokens(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'tokens:manage');
  return db.$transaction(async (tx) => {
    const due = { expiresAt: { lte: now }, revokedAt: null, expiryRecordedAt: null };
    const rows = await tx.apiToken.findMany({ where: { orgId: actor.orgId, ...due }, select: { id: true, name: true, prefix: true, expiresAt: true }, take: 1000 });
    let recorded = 0;
    for (const t of rows) {
      const res = await tx.apiToken.updateMany({ where: { id: t.id, ...due }, data: { expiryRecordedAt: now } });
      if (!res.count) continue;
      recorded += 1;
      await recordEvent(tx, actor, {
        action: 'token.expired',
        entityType: 'api_token',
        entityId: t.id,
        changes: { name: t.name, prefix: t.prefix, expiresAt: t.expiresAt.toISOString() },
        reason: 'It reached its expiry date',
      });
    }
    return recorded;
  });
}
