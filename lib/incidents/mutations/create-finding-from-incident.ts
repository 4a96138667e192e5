import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { incidentFindingSchema } from '../schema';
import { addEntry, lockIncident } from './lock-incident';
import { assertMember } from './checks';

export async function createFindingFromIncident(actor: Actor, input: z.input<typeof incidentFindingSchema>) {
  const data = incidentFindingSchema.parse(input);
  return db.$transaction(async (tx) => {
    const inc = await lockIncident(tx, actor, data.id);
    authorize(actor, 'incidents:update', inc.owners);
    const owner = await assertMember(tx, actor, data.ownerId, 'ownerId');
    const finding = await tx.finding.create({
      data: {
        orgId: actor.orgId,
        title: data.title,
        description: data.description,
        severity: data.severity,
        status: 'OPEN',
        ownerId: owner.id,
        dueDate: data.dueDate,
        incidentId: inc.id,
        createdById: actor.userId,
      },
      select: { id: true, title: true, severity: true, status: true },
    });
    await addEntry(tx, actor, inc.id, new Date(), `Finding raised: ${finding.title} (owner ${owner.name}).`);
    await recordEvent(tx, actor, {
      action: 'finding.raised',
      entityType: 'finding',
      entityId: finding.id,
      after: { title: finding.title, severity: finding.severity, status: finding.status, ownerId: owner.id, dueDate: data.dueDate.toISOString(), incidentId: inc.id },
    });
    return finding;
  });
}
