import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { type Tx } from '@/lib/db';
import { notFound } from '@/lib/errors';

/** Locks the incident row and returns what the gate and the rules need. */
export async function lockIncident(tx: Tx, actor: Actor, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Incident" WHERE "id" = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!locked.length) throw notFound('The incident');
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      title: true,
      description: true,
      severity: true,
      status: true,
      detectedAt: true,
      peopleAffected: true,
      acknowledgedAt: true,
      containedAt: true,
      resolvedAt: true,
      closedAt: true,
      rolledBackAt: true,
      systems: { select: { technicalOwnerId: true, businessOwnerId: true } },
      models: { select: { id: true, key: true } },
      postmortem: { select: { id: true } },
      dataCategories: true,
      entityRoles: true,
      notificationFlags: true,
      residents: true,
      awareAt: true,
      classifiedAt: true,
      materiality: true,
      materialityDeterminedAt: true,
    },
  });
  return { ...incident, owners: { ownerIds: incident.systems.flatMap((s) => [s.technicalOwnerId, s.businessOwnerId]) } };
}
export type LockedIncident = Awaited<ReturnType<typeof lockIncident>>;

export async function addEntry(tx: Tx, actor: Actor, incidentId: string, at: Date, text: string) {
  await tx.incidentTimelineEntry.create({
    data: { orgId: actor.orgId, incidentId, at, authorId: actor.userId, authorName: actor.name, text },
  });
}
