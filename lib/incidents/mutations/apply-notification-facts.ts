import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { type Tx } from '@/lib/db';
import { factsUpdate, type FactsChange } from '../rules/facts';
import type { UpdateIncidentInput } from '../schema';
import { noFutureFacts } from './checks';
import { addEntry, type LockedIncident } from './lock-incident';

/** The notification facts an update names (absent ones stay as they are). */
export function factsChangeOf(data: Pick<UpdateIncidentInput, keyof FactsChange> & FactsChange): FactsChange | null {
  const change: FactsChange = {
    dataCategories: data.dataCategories,
    entityRoles: data.entityRoles,
    notificationFlags: data.notificationFlags,
    residents: data.residents,
    awareAt: data.awareAt,
    classifiedAt: data.classifiedAt,
    materiality: data.materiality,
    materialityDeterminedAt: data.materialityDeterminedAt,
  };
  return Object.values(change).some((v) => v !== undefined) ? change : null;
}

/** Records a change of the facts the notification rules read, in the caller's transaction, with its audit event. */
export async function applyNotificationFacts(tx: Tx, actor: Actor, inc: LockedIncident, input: FactsChange) {
  authorize(actor, 'incidents:update', inc.owners);
  const change = factsUpdate(inc, input, new Date());
  noFutureFacts(change.times);
  const fields = Object.keys(change.data);
  if (!fields.length) return;
  const { residents, dataCategories, entityRoles, notificationFlags, ...times } = change.data;
  await tx.incident.update({
    where: { id: inc.id },
    data: {
      ...times,
      ...(dataCategories ? { dataCategories: [...dataCategories] } : {}),
      ...(entityRoles ? { entityRoles: [...entityRoles] } : {}),
      ...(notificationFlags ? { notificationFlags: [...notificationFlags] } : {}),
      ...(residents !== undefined ? { residents: residents as Record<string, number> } : {}),
    },
  });
  await addEntry(tx, actor, inc.id, new Date(), `Notification facts changed: ${fields.join(', ')}.`);
  await recordEvent(tx, actor, { action: 'incident.facts_changed', entityType: 'incident', entityId: inc.id, changes: { before: change.before, after: change.after } });
}
