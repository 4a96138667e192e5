import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { publishEvent } from '@/lib/events/publish';
import { db } from '@/lib/db';
import { notify } from '@/lib/notifications/notify';
import { loadRuleSettings } from '@/lib/notifications/rule-settings';
import { peopleOf } from '@/lib/notifications/reminders/sources';
import { addEntry } from './mutations/lock-incident';
import { obligations } from './rules/evaluate';
import { incidentFactsFrom } from './rules/facts';
import { activeNotificationRules } from './rules/library';

/** Shares of a notification clock at which the incident's timeline and the audit trail say so. */
export const NOTIFICATION_THRESHOLDS = [50, 80, 100] as const;

const marker = (citation: string, ruleKey: string, t: number) => `Notification clock ${citation} (${ruleKey}): ${t === 100 ? 'the deadline has passed' : `${t} % of the time is used`}.`;

/**
 * For every running notification clock of the organisation's open incidents,
 * records each threshold (50 %, 80 %, deadline) it has crossed, once: a
 * timeline entry and `incident.notification_threshold`, in one transaction per
 * incident. Run by a scheduled job (lib/jobs); the incident page only computes
 * the state it shows. Resolves how many thresholds it recorded.
 */
export async function recordNotificationThresholds(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'incidents:manage');
  const rules = await activeNotificationRules(actor);
  const [reminders, people] = await Promise.all([loadRuleSettings(actor.orgId), peopleOf(actor.orgId)]);
  const incidents = await db.incident.findMany({
    where: { orgId: actor.orgId, nearMiss: false, status: { not: 'CLOSED' } },
    select: {
      id: true, title: true, reportedById: true, detectedAt: true, awareAt: true, classifiedAt: true, materiality: true, materialityDeterminedAt: true, nearMiss: true, peopleAffected: true,
      dataCategories: true, entityRoles: true, notificationFlags: true, residents: true,
      systems: { select: { riskTier: true, regions: true, domain: true, technicalOwnerId: true, businessOwnerId: true } },
      notifications: { select: { ruleKey: true, notifiedAt: true, recipient: true, reference: true } },
    },
    take: 5000,
  });
  let recorded = 0;
  for (const inc of incidents) {
    const sent = inc.notifications.map((n) => ({ ...n, notifiedAt: n.notifiedAt.toISOString() }));
    const crossed = obligations(rules, incidentFactsFrom(inc, inc.notifications), sent, now).flatMap((o) => {
      if (o.applies !== true || o.notification || !o.dueAt || !o.startedBy) return [];
      const start = Date.parse(o.startedBy.at);
      const due = Date.parse(o.dueAt);
      const used = due > start ? ((now.getTime() - start) / (due - start)) * 100 : 100;
      return NOTIFICATION_THRESHOLDS.filter((t) => used >= t).map((t) => ({ o, t, text: marker(o.citation, o.ruleKey, t) }));
    });
    if (!crossed.length) continue;
    // The incident's owners (of its systems; the reporter when none) and compliance officers.
    const owners = inc.systems.flatMap((sys) => [sys.technicalOwnerId, sys.businessOwnerId]).filter((id): id is string => Boolean(id));
    const recipients = [...(owners.length ? owners : inc.reportedById ? [inc.reportedById] : []), ...people.complianceOfficers];
    recorded += await db.$transaction(async (tx) => {
      const done = new Set((await tx.incidentTimelineEntry.findMany({ where: { incidentId: inc.id, text: { in: crossed.map((c) => c.text) } }, select: { text: true } })).map((e) => e.text));
      let n = 0;
      for (const c of crossed) {
        if (done.has(c.text)) continue;
        await addEntry(tx, actor, inc.id, now, c.text);
        await recordEvent(tx, actor, { action: 'incident.notification_threshold', entityType: 'incident', entityId: inc.id, changes: { ruleKey: c.o.ruleKey, threshold: c.t, dueAt: c.o.dueAt } });
        // 80 % and the deadline are mandatory (kind incident.clock_urgent); 50 % follows its admin rule.
        if (c.t >= 80 || reminders['incident-clock'].enabled) {
          await notify(tx, {
            orgId: actor.orgId,
            userIds: recipients,
            kind: c.t >= 80 ? 'incident.clock_urgent' : 'incident.clock',
            title: `Incident "${inc.title}": ${c.t === 100 ? `the ${c.o.citation} notification deadline has passed` : `${c.t} % of the time to notify under ${c.o.citation} is used`}`,
            body: `Notify by ${c.o.dueAt} (${c.o.ruleKey}).`,
            link: `/incidents/${inc.id}`,
            entity: { type: 'incident', id: inc.id },
            dedupeKey: `incident-clock:${inc.id}:${c.o.ruleKey}:${c.o.dueAt}:${c.t}`,
            mandatory: c.t >= 80,
          });
        }
        await publishEvent(tx, actor, { type: 'incident.deadline_approaching', entity: { type: 'incident', id: inc.id }, data: { title: `${inc.title}: ${c.o.citation} ${c.t === 100 ? 'deadline passed' : `at ${c.t} %`}`, ruleKey: c.o.ruleKey, citation: c.o.citation, threshold: c.t, dueAt: c.o.dueAt } });
        n++;
      }
      return n;
    });
  }
  return recorded;
}
