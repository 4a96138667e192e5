import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { responseClocks, responseTargets } from '@/lib/incidents/queries';
import { notifyMany, type NotifyInput } from '../notify';
import { loadRuleSettings } from '../rule-settings';
import { peopleOf } from './sources';

const THRESHOLDS = [50, 80, 100] as const;

/**
 * Response clocks (acknowledge, contain, resolve within the severity's
 * targets), as the incident domain computes them (`responseClocks`): the
 * highest of 50 %, 80 % and the deadline a running clock has reached, to the
 * incident's owners and compliance officers. 80 % and the deadline are
 * mandatory; 50 % follows the admin rule. Run every 5 minutes by
 * `notifications.response-clocks`; idempotent by dedupe key.
 */
export async function sendResponseClockReminders(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'notifications:rules');
  const [settings, people, targets] = await Promise.all([loadRuleSettings(actor.orgId), peopleOf(actor.orgId), responseTargets(actor)]);
  const incidents = await db.incident.findMany({
    where: { orgId: actor.orgId, nearMiss: false, status: { not: 'CLOSED' }, resolvedAt: null },
    select: {
      id: true, title: true, severity: true, detectedAt: true, acknowledgedAt: true, containedAt: true, resolvedAt: true, reportedById: true,
      systems: { select: { technicalOwnerId: true, businessOwnerId: true } },
    },
    take: 5000,
  });
  const inputs: NotifyInput[] = [];
  for (const inc of incidents) {
    const target = targets.find((t) => t.severity === inc.severity);
    if (!target) continue;
    const owners = inc.systems.flatMap((s) => [s.technicalOwnerId, s.businessOwnerId]).filter((id): id is string => Boolean(id));
    const userIds = [...(owners.length ? owners : inc.reportedById ? [inc.reportedById] : []), ...people.complianceOfficers];
    for (const clock of responseClocks(inc, target, now)) {
      if (clock.doneAt) continue;
      const start = inc.detectedAt.getTime();
      const due = Date.parse(clock.dueAt);
      const used = due > start ? ((now.getTime() - start) / (due - start)) * 100 : 100;
      const reached = THRESHOLDS.filter((t) => used >= t).pop();
      if (!reached || (reached < 80 && !settings['incident-clock'].enabled)) continue;
      inputs.push({
        orgId: actor.orgId,
        userIds,
        kind: reached >= 80 ? 'incident.clock_urgent' : 'incident.clock',
        mandatory: reached >= 80,
        title: `Incident "${inc.title}" (${inc.severity}): ${reached === 100 ? `the time to ${clock.label.toLowerCase()} has run out` : `${reached} % of the time to ${clock.label.toLowerCase()} is used`}`,
        body: `${clock.label} by ${clock.dueAt} (the ${inc.severity} response target).`,
        link: `/incidents/${inc.id}`,
        entity: { type: 'incident', id: inc.id },
        dedupeKey: `response-clock:${inc.id}:${clock.key}:${clock.dueAt}:${reached}`,
      });
    }
  }
  if (!inputs.length) return 0;
  return db.$transaction(async (tx) => {
    const n = await notifyMany(tx, inputs);
    if (n) await recordEvent(tx, actor, { action: 'notification.reminders_sent', entityType: 'notification_rule', entityId: 'incident-response-clocks', changes: { created: n, reminders: inputs.length, at: now.toISOString() } });
    return n;
  });
}
