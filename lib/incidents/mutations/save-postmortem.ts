import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { postmortemSchema } from '../schema';
import { lockIncident } from './lock-incident';

export async function savePostmortem(actor: Actor, input: z.input<typeof postmortemSchema>) {
  const { id, ...fields } = postmortemSchema.parse(input);
  return db.$transaction(async (tx) => {
    const inc = await lockIncident(tx, actor, id);
    authorize(actor, 'incidents:update', inc.owners);
    const before = await tx.incidentPostmortem.findUnique({ where: { incidentId: id }, select: { summary: true, impact: true, rootCause: true, wentWell: true, wentPoorly: true, correctiveActions: true, lessons: true } });
    await tx.incidentPostmortem.upsert({
      where: { incidentId: id },
      create: { orgId: actor.orgId, incidentId: id, authorId: actor.userId, ...fields },
      update: fields,
    });
    await recordEvent(tx, actor, { action: before ? 'incident.postmortem_updated' : 'incident.postmortem_written', entityType: 'incident', entityId: id, before, after: fields });
    return { id };
  });
}
