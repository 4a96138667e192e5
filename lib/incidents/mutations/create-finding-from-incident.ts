import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { createFinding } from '@/lib/audits/findings/mutations';
import { authorize } from '@/lib/auth/gate';
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
    // Through the findings domain: source INCIDENT, its default due date, its event.
    const finding = await createFinding(
      actor,
      { title: data.title, description: data.description, severity: data.severity, incidentId: inc.id, ownerId: owner.id, dueDate: data.dueDate?.toISOString().slice(0, 10) },
      tx,
    );
    await addEntry(tx, actor, inc.id, new Date(), `Finding raised: ${finding.title} (owner ${owner.name}).`);
    return finding;
  });
}
