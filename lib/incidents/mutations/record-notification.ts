import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { activeNotificationRules } from '../rules/library';
import { notificationSchema } from '../schema';
import { addEntry, lockIncident } from './lock-incident';
import { invalid, notInFuture } from './checks';

export async function recordNotification(actor: Actor, input: z.input<typeof notificationSchema>) {
  authorize(actor, 'incidents:manage');
  const data = notificationSchema.parse(input);
  notInFuture(data.notifiedAt, 'notifiedAt', 'The notification time');
  return db.$transaction(async (tx) => {
    const inc = await lockIncident(tx, actor, data.id);
    if (!(await activeNotificationRules(actor, tx)).some((r) => r.key === data.ruleKey)) throw invalid('ruleKey', `Unknown notification rule: ${data.ruleKey}.`);
    if (data.notifiedAt < inc.detectedAt) throw invalid('notifiedAt', 'The notification cannot be before the incident was detected.');
    const exists = await tx.incidentNotification.findUnique({ where: { incidentId_ruleKey: { incidentId: inc.id, ruleKey: data.ruleKey } }, select: { id: true } });
    if (exists) throw new AppError('CONFLICT', 'This notification is already recorded.');
    const row = await tx.incidentNotification.create({
      data: { orgId: actor.orgId, incidentId: inc.id, ruleKey: data.ruleKey, notifiedAt: data.notifiedAt, recipient: data.recipient, reference: data.reference, recordedById: actor.userId },
      select: { id: true },
    });
    await addEntry(tx, actor, inc.id, data.notifiedAt, `Notified ${data.recipient} under ${data.ruleKey} (reference ${data.reference}).`);
    await recordEvent(tx, actor, {
      action: 'incident.notification_recorded',
      entityType: 'incident',
      entityId: inc.id,
      after: { ruleKey: data.ruleKey, notifiedAt: data.notifiedAt.toISOString(), recipient: data.recipient, reference: data.reference },
    });
    return row;
  });
}
