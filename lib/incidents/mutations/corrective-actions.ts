import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { correctiveActionSchema } from '../schema';
import { lockIncident } from './lock-incident';
import { assertMember } from './checks';

export async function addCorrectiveAction(actor: Actor, input: z.input<typeof correctiveActionSchema>) {
  const data = correctiveActionSchema.parse(input);
  return db.$transaction(async (tx) => {
    const inc = await lockIncident(tx, actor, data.id);
    authorize(actor, 'incidents:update', inc.owners);
    const owner = await assertMember(tx, actor, data.ownerId, 'ownerId');
    const row = await tx.incidentCorrectiveAction.create({
      data: { orgId: actor.orgId, incidentId: inc.id, title: data.title, ownerId: owner.id, dueDate: data.dueDate },
      select: { id: true },
    });
    await recordEvent(tx, actor, {
      action: 'incident.action_added',
      entityType: 'incident',
      entityId: inc.id,
      after: { actionId: row.id, title: data.title, ownerId: owner.id, dueDate: data.dueDate.toISOString() },
    });
    return row;
  });
}

export async function completeCorrectiveAction(actor: Actor, actionId: string) {
  return db.$transaction(async (tx) => {
    const action = await tx.incidentCorrectiveAction.findFirst({ where: { id: actionId, orgId: actor.orgId }, select: { id: true, incidentId: true, status: true, title: true, ownerId: true } });
    if (!action) throw notFound('The corrective action');
    const inc = await lockIncident(tx, actor, action.incidentId);
    // The action's owner may mark it done as well as the incident's owners.
    authorize(actor, 'incidents:update', { ownerIds: [...inc.owners.ownerIds, action.ownerId] });
    if (action.status === 'DONE') throw new AppError('CONFLICT', 'This action is already done.');
    await tx.incidentCorrectiveAction.update({ where: { id: action.id }, data: { status: 'DONE', doneAt: new Date() } });
    await recordEvent(tx, actor, { action: 'incident.action_done', entityType: 'incident', entityId: inc.id, changes: { actionId: action.id, status: { from: 'OPEN', to: 'DONE' } } });
    return { id: action.id, status: 'DONE' as const };
  });
}
