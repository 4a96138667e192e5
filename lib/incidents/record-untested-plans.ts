import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { PLAN_STALE_DAYS } from './schema';

/**
 * Records each current response plan of the organisation (the latest version
 * per AI system, and the organisation-wide one) that has gone untested for
 * PLAN_STALE_DAYS since it was last recorded: `incident.plan_untested` with
 * the marker, in one transaction. Run by a scheduled job (lib/jobs); the plan
 * list computes "stale" itself. Resolves how many it recorded.
 */
export async function recordUntestedResponsePlans(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'incidents:manage');
  const testedBefore = new Date(now.getTime() - PLAN_STALE_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    const candidates = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM (
        SELECT DISTINCT ON ("systemId") id, "lastTestedAt", "untestedRecordedAt"
        FROM "IncidentResponsePlan" WHERE "orgId" = ${actor.orgId}
        ORDER BY "systemId", version DESC
      ) current
      WHERE "lastTestedAt" IS NULL OR "lastTestedAt" < ${testedBefore}`;
    if (!candidates.length) return 0;
    // Once per untested spell: again only when the spell that began PLAN_STALE_DAYS
    // after the latest test is newer than the last record.
    const due = await tx.$queryRaw<{ id: string; lastTestedAt: Date | null }[]>`
      UPDATE "IncidentResponsePlan" SET "untestedRecordedAt" = ${now}
      WHERE id = ANY(${candidates.map((c) => c.id)})
        AND ("untestedRecordedAt" IS NULL OR "untestedRecordedAt" < "lastTestedAt" + make_interval(days => ${PLAN_STALE_DAYS}))
      RETURNING id, "lastTestedAt"`;
    for (const plan of due) {
      await recordEvent(tx, actor, {
        action: 'incident.plan_untested',
        entityType: 'incident-plan',
        entityId: plan.id,
        changes: { lastTestedAt: plan.lastTestedAt?.toISOString() ?? null, untestedForDays: PLAN_STALE_DAYS },
        reason: plan.lastTestedAt ? `Not tested for ${PLAN_STALE_DAYS} days` : 'Never tested',
      });
    }
    return due.length;
  });
}
