import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { timelineEntrySchema } from '../schema';
import { addEntry, lockIncident } from './lock-incident';
import { notInFuture } from './checks';

export async function addTimelineEntry(actor: Actor, input: z.input<typeof timelineEntrySchema>) {
  const data = timelineEntrySchema.parse(input);
  notInFuture(data.at, 'at', 'The time');
  return db.$transaction(async (tx) => {
    const inc = await lockIncident(tx, actor, data.id);
    authorize(actor, 'incidents:update', inc.owners);
    await addEntry(tx, actor, inc.id, data.at, data.text);
    await recordEvent(tx, actor, { action: 'incident.timeline_added', entityType: 'incident', entityId: inc.id, changes: { at: data.at.toISOString(), text: data.text } });
    return { id: inc.id };
  });
}
