import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { inTransaction, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { MILESTONE_STATUS, MILESTONES, REQUIRES_POSTMORTEM, STATUSES, updateIncidentSchema, type Milestone, type UpdateIncidentInput } from '../schema';
import { type Severity } from '../severity';
import { addEntry, lockIncident, type LockedIncident } from './lock-incident';
import { applyNotificationFacts, factsChangeOf } from './apply-notification-facts';
import { invalid, notInFuture } from './checks';

const MILESTONE_FIELDS = {
  acknowledged: ['acknowledgedAt', 'acknowledgedById'],
  contained: ['containedAt', 'containedById'],
  resolved: ['resolvedAt', 'resolvedById'],
  closed: ['closedAt', 'closedById'],
} as const;

const MILESTONE_LABEL: Record<Milestone, string> = { acknowledged: 'Acknowledged', contained: 'Contained', resolved: 'Resolved', closed: 'Closed' };

async function applyMilestone(tx: Tx, actor: Actor, inc: LockedIncident, milestone: Milestone, at: Date) {
  authorize(actor, milestone === 'closed' ? 'incidents:manage' : 'incidents:update', inc.owners);
  notInFuture(at, 'milestoneAt', `The ${milestone} time`);
  if (at < inc.detectedAt) {
    throw invalid('milestoneAt', `${MILESTONE_LABEL[milestone]} (${at.toISOString()}) cannot be before the incident was detected (${inc.detectedAt.toISOString()}).`);
  }
  const target = MILESTONE_STATUS[milestone];
  if (STATUSES.indexOf(target) <= STATUSES.indexOf(inc.status)) {
    throw new AppError('CONFLICT', `The incident is already ${inc.status.toLowerCase()}.`);
  }
  const index = MILESTONES.indexOf(milestone);
  const earlier = MILESTONES.slice(0, index);
  for (const m of earlier) {
    const when = inc[MILESTONE_FIELDS[m][0]];
    if (when && at < when) throw invalid('milestoneAt', `${MILESTONE_LABEL[milestone]} cannot be before ${m} (${when.toISOString()}).`);
  }
  if (milestone === 'closed') {
    if (inc.status !== 'RESOLVED') throw new AppError('CONFLICT', 'Resolve the incident before closing it.');
    if (REQUIRES_POSTMORTEM.includes(inc.severity) && !inc.postmortem) {
      throw invalid('milestone', `A postmortem is required before closing a ${inc.severity} incident. Write it first.`);
    }
  }
  // Skipped steps take the same time and person (containing implies acknowledging).
  const data: Record<string, unknown> = { status: target };
  for (const m of [...earlier, milestone]) {
    const [atField, byField] = MILESTONE_FIELDS[m];
    if (!inc[atField] || m === milestone) {
      data[atField] = at;
      data[byField] = actor.userId;
    }
  }
  await tx.incident.update({ where: { id: inc.id }, data });
  await addEntry(tx, actor, inc.id, at, `${MILESTONE_LABEL[milestone]}.`);
  await recordEvent(tx, actor, {
    action: `incident.${milestone}`,
    entityType: 'incident',
    entityId: inc.id,
    changes: { status: { from: inc.status, to: target }, at: at.toISOString() },
  });
}

async function applyOverride(tx: Tx, actor: Actor, inc: LockedIncident, severity: Severity, reason: string | undefined) {
  authorize(actor, 'incidents:manage');
  const why = reason?.trim();
  if (!why) throw invalid('severityReason', 'Give a reason for overriding the severity.');
  if (severity === inc.severity) return;
  await tx.incident.update({ where: { id: inc.id }, data: { severity, severityOverrideReason: why, severityOverriddenById: actor.userId } });
  await addEntry(tx, actor, inc.id, new Date(), `Severity overridden from ${inc.severity} to ${severity}: ${why}`);
  await recordEvent(tx, actor, { action: 'incident.severity_overridden', entityType: 'incident', entityId: inc.id, before: { severity: inc.severity }, after: { severity }, reason: why });
}

/** PATCH semantics (API and forms): details, a milestone and/or a severity override, all or nothing. */
export async function updateIncident(actor: Actor, id: string, input: UpdateIncidentInput, outer?: Tx) {
  authorize(actor, 'incidents:read');
  const data = updateIncidentSchema.parse(input);
  return inTransaction(outer, async (tx) => {
    const inc = await lockIncident(tx, actor, id);
    const details = { title: data.title, description: data.description, peopleAffected: data.peopleAffected };
    if (Object.values(details).some((v) => v !== undefined)) {
      authorize(actor, 'incidents:update', inc.owners);
      const updated = await tx.incident.update({ where: { id }, data: details, select: { title: true, description: true, peopleAffected: true } });
      await recordEvent(tx, actor, {
        action: 'incident.updated',
        entityType: 'incident',
        entityId: id,
        before: { title: inc.title, description: inc.description, peopleAffected: inc.peopleAffected },
        after: updated,
      });
    }
    const facts = factsChangeOf(data);
    if (facts) await applyNotificationFacts(tx, actor, inc, facts);
    if (data.severity) await applyOverride(tx, actor, inc, data.severity, data.severityReason);
    if (data.milestone) await applyMilestone(tx, actor, inc, data.milestone, data.milestoneAt ?? new Date());
    else if (data.milestoneAt) throw invalid('milestone', 'Say which milestone the time is for.');
    const after = await tx.incident.findUniqueOrThrow({ where: { id }, select: { id: true, title: true, severity: true, status: true } });
    return after;
  });
}

export async function recordMilestone(actor: Actor, id: string, milestone: Milestone, at?: Date) {
  return updateIncident(actor, id, { milestone, milestoneAt: at });
}

export async function overrideSeverity(actor: Actor, id: string, severity: Severity, reason: string) {
  authorize(actor, 'incidents:manage');
  return updateIncident(actor, id, { severity, severityReason: reason });
}
