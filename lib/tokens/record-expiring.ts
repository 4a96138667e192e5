import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { readTokenPolicy } from '@/lib/auth/token-policy';
import { lifetimeEndsAt } from '@/lib/auth/token-policy-schema';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { notify } from '@/lib/notifications/notify';

/**
 * Tells each active token's creator, once, that it stops working within the
 * policy's warning window (its expiry date, or the maximum lifetime when that
 * comes first), so it can be rotated in time. Run by a scheduled job; a
 * rotation clears the marker.
 */
export async function recordExpiringTokens(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'tokens:manage');
  const policy = await readTokenPolicy(actor.orgId);
  const horizon = new Date(now.getTime() + policy.warnDays * 86_400_000);
  const maxIssued = new Date(horizon.getTime() - policy.maxDays * 86_400_000);
  return db.$transaction(async (tx) => {
    const due = { orgId: actor.orgId, revokedAt: null, expiryWarnedAt: null, expiresAt: { gt: now } };
    const rows = await tx.apiToken.findMany({
      where: { ...due, OR: [{ expiresAt: { lte: horizon } }, { rotatedAt: null, createdAt: { lte: maxIssued } }, { rotatedAt: { lte: maxIssued } }] },
      select: { id: true, name: true, prefix: true, expiresAt: true, createdAt: true, rotatedAt: true, createdById: true },
      take: 1000,
    });
    let warned = 0;
    for (const t of rows) {
      const limit = lifetimeEndsAt(t.rotatedAt ?? t.createdAt, policy);
      const endsAt = limit < t.expiresAt ? limit : t.expiresAt;
      if (endsAt <= now) continue;
      const claimed = await tx.apiToken.updateMany({ where: { id: t.id, expiryWarnedAt: null }, data: { expiryWarnedAt: now } });
      if (!claimed.count) continue;
      warned += 1;
      await recordEvent(tx, actor, { action: 'token.expiry_warned', entityType: 'api_token', entityId: t.id, changes: { name: t.name, prefix: t.prefix, endsAt: endsAt.toISOString() } });
      await notify(tx, {
        orgId: actor.orgId,
        userIds: [t.createdById],
        kind: 'token.expiring',
        title: `API token “${t.name}” stops working on ${endsAt.toISOString().slice(0, 10)}`,
        body: `Rotate it on the API tokens page to get a new secret; the current one keeps working for ${policy.rotationGraceHours} hours after the rotation.`,
        link: '/admin/tokens',
        entity: { type: 'api_token', id: t.id },
        dedupeKey: `token.expiring:${t.id}:${endsAt.toISOString()}`,
      });
    }
    return warned;
  });
}
