import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { exerciseSchema, responsePlanSchema } from '../schema';
import { invalid, notInFuture } from './checks';

/** Every save is a new version; earlier versions stay for the record. */
export async function saveResponsePlan(actor: Actor, input: z.input<typeof responsePlanSchema>) {
  authorize(actor, 'incidents:manage');
  const data = responsePlanSchema.parse(input);
  if (data.lastTestedAt) notInFuture(data.lastTestedAt, 'lastTestedAt', 'The last-tested date');
  return db.$transaction(async (tx) => {
    if (data.systemId) {
      const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true } });
      if (!system) throw invalid('systemId', 'Unknown AI system.');
    }
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`incident-plan:${actor.orgId}:${data.systemId ?? 'org'}`}))`;
    const latest = await tx.incidentResponsePlan.findFirst({
      where: { orgId: actor.orgId, systemId: data.systemId ?? null },
      orderBy: { version: 'desc' },
      select: { version: true, lastTestedAt: true },
    });
    const plan = await tx.incidentResponsePlan.create({
      data: {
        orgId: actor.orgId,
        systemId: data.systemId ?? null,
        version: (latest?.version ?? 0) + 1,
        title: data.title,
        content: data.content,
        lastTestedAt: data.lastTestedAt ?? latest?.lastTestedAt ?? null,
        createdById: actor.userId,
      },
      select: { id: true, version: true },
    });
    await recordEvent(tx, actor, {
      action: 'incident.plan_saved',
      entityType: 'incident-plan',
      entityId: plan.id,
      after: { systemId: data.systemId ?? null, version: plan.version, title: data.title, lastTestedAt: data.lastTestedAt?.toISOString() ?? null },
    });
    return plan;
  });
}

/** A tabletop exercise or rollback drill; it also marks the tested plan as tested. */
export async function recordExercise(actor: Actor, input: z.input<typeof exerciseSchema>) {
  authorize(actor, 'incidents:manage');
  const data = exerciseSchema.parse(input);
  notInFuture(data.heldAt, 'heldAt', 'The exercise date');
  if (data.kind === 'ROLLBACK_DRILL' && data.rollbackMinutes === undefined) throw invalid('rollbackMinutes', 'Give the time it took to roll back in the drill.');
  return db.$transaction(async (tx) => {
    if (data.planId) {
      const plan = await tx.incidentResponsePlan.findFirst({ where: { id: data.planId, orgId: actor.orgId }, select: { id: true, lastTestedAt: true } });
      if (!plan) throw invalid('planId', 'Unknown response plan.');
      if (!plan.lastTestedAt || plan.lastTestedAt < data.heldAt) await tx.incidentResponsePlan.update({ where: { id: plan.id }, data: { lastTestedAt: data.heldAt } });
    }
    if (data.systemId && !(await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true } }))) {
      throw invalid('systemId', 'Unknown AI system.');
    }
    const row = await tx.incidentExercise.create({
      data: {
        orgId: actor.orgId,
        kind: data.kind,
        heldAt: data.heldAt,
        scenario: data.scenario,
        participants: data.participants,
        outcome: data.outcome,
        rollbackMinutes: data.rollbackMinutes ?? null,
        followUps: data.followUps,
        planId: data.planId ?? null,
        systemId: data.systemId ?? null,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await recordEvent(tx, actor, {
      action: 'incident.exercise_recorded',
      entityType: 'incident-exercise',
      entityId: row.id,
      after: { kind: data.kind, heldAt: data.heldAt.toISOString(), scenario: data.scenario, rollbackMinutes: data.rollbackMinutes ?? null, planId: data.planId ?? null },
    });
    return row;
  });
}
