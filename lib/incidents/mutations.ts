import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { createFinding } from '@/lib/audits/findings/mutations';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { rollbackModel } from '@/lib/models/rollback';
import { DEFAULT_NOTIFICATION_RULES, DEFAULT_RESPONSE_TARGETS, FACT_KEYS } from './clocks';
import {
  correctiveActionSchema,
  exerciseSchema,
  incidentFindingSchema,
  MILESTONE_STATUS,
  MILESTONES,
  notificationRuleSchema,
  notificationSchema,
  postmortemSchema,
  reportIncidentSchema,
  REQUIRES_POSTMORTEM,
  responsePlanSchema,
  responseTargetSchema,
  STATUSES,
  timelineEntrySchema,
  updateIncidentSchema,
  type Milestone,
  type ReportIncidentInput,
  type UpdateIncidentInput,
} from './schema';
import { assessSeverity, type Severity, type TreeAnswers } from './severity';

// Clocks on different machines disagree a little; allow that much "future".
const CLOCK_SKEW_MS = 60_000;

const invalid = (field: string, message: string) => new AppError('VALIDATION', message, { fieldErrors: { [field]: [message] } });

function notInFuture(at: Date, field: string, what: string) {
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw invalid(field, `${what} is in the future (${at.toISOString()}). Give the time it actually happened.`);
}

/** Locks the incident row and returns what the gate and the rules need. */
async function lockIncident(tx: Tx, actor: Actor, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Incident" WHERE "id" = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!locked.length) throw notFound('The incident');
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      title: true,
      description: true,
      severity: true,
      status: true,
      detectedAt: true,
      peopleAffected: true,
      acknowledgedAt: true,
      containedAt: true,
      resolvedAt: true,
      closedAt: true,
      rolledBackAt: true,
      systems: { select: { technicalOwnerId: true, businessOwnerId: true } },
      models: { select: { id: true, key: true } },
      postmortem: { select: { id: true } },
    },
  });
  return { ...incident, owners: { ownerIds: incident.systems.flatMap((s) => [s.technicalOwnerId, s.businessOwnerId]) } };
}
type LockedIncident = Awaited<ReturnType<typeof lockIncident>>;

async function addEntry(tx: Tx, actor: Actor, incidentId: string, at: Date, text: string) {
  await tx.incidentTimelineEntry.create({
    data: { orgId: actor.orgId, incidentId, at, authorId: actor.userId, authorName: actor.name, text },
  });
}

async function assertMember(tx: Tx, actor: Actor, userId: string, field: string) {
  const user = await tx.user.findFirst({ where: { id: userId, orgId: actor.orgId, active: true }, select: { id: true, name: true } });
  if (!user) throw invalid(field, 'Choose an active member of the organisation.');
  return user;
}

export async function reportIncident(actor: Actor, input: ReportIncidentInput) {
  authorize(actor, 'incidents:report');
  const data = reportIncidentSchema.parse(input);
  notInFuture(data.detectedAt, 'detectedAt', 'The detection time');
  return db.$transaction(async (tx) => {
    const orgId = actor.orgId;
    const systems = data.systemIds.length
      ? await tx.aISystem.findMany({ where: { orgId, id: { in: data.systemIds } }, select: { id: true } })
      : [];
    const unknownSystems = data.systemIds.filter((id) => !systems.some((s) => s.id === id));
    if (unknownSystems.length) throw invalid('systemIds', `Unknown AI system: ${unknownSystems.join(', ')}.`);

    const models = data.modelIds.length || data.modelKeys.length
      ? await tx.model.findMany({
          where: { orgId, OR: [{ id: { in: data.modelIds } }, { key: { in: data.modelKeys } }] },
          select: { id: true, key: true, systemId: true },
        })
      : [];
    const unknownModels = [
      ...data.modelIds.filter((id) => !models.some((m) => m.id === id)),
      ...data.modelKeys.filter((key) => !models.some((m) => m.key === key)),
    ];
    if (unknownModels.length) throw invalid('modelIds', `Unknown model: ${unknownModels.join(', ')}.`);

    const versions = data.versionIds.length
      ? await tx.modelVersion.findMany({ where: { orgId, id: { in: data.versionIds } }, select: { id: true, modelId: true, model: { select: { systemId: true } } } })
      : [];
    const unknownVersions = data.versionIds.filter((id) => !versions.some((v) => v.id === id));
    if (unknownVersions.length) throw invalid('versionIds', `Unknown model version: ${unknownVersions.join(', ')}.`);

    // A model implies its AI system; a version implies its model.
    const modelIds = new Set([...models.map((m) => m.id), ...versions.map((v) => v.modelId)]);
    const systemIds = new Set([...systems.map((s) => s.id), ...models.map((m) => m.systemId), ...versions.map((v) => v.model.systemId)]);

    const answers: TreeAnswers = {
      death: data.death,
      seriousHarm: data.seriousHarm,
      criticalInfrastructure: data.criticalInfrastructure,
      personalDataExposed: data.personalData,
      specialCategoryData: data.healthData,
      protectedGroupAffected: data.protectedGroup,
      fundamentalRights: data.fundamentalRights,
      widespread: data.widespread,
      ongoingImpact: data.ongoingImpact,
      peopleAffected: data.peopleAffected ?? 0,
      nearMiss: data.nearMiss,
    };
    const outcome = assessSeverity(answers);
    const created = await tx.incident.create({
      data: {
        orgId,
        title: data.title,
        description: data.description,
        type: data.type,
        detectedAt: data.detectedAt,
        reportedById: actor.userId,
        peopleAffected: data.peopleAffected ?? null,
        protectedGroup: data.protectedGroup,
        personalData: data.personalData,
        healthData: data.healthData,
        nearMiss: data.nearMiss,
        treeAnswers: { answers, reasons: outcome.reasons },
        treeSeverity: outcome.severity,
        severity: outcome.severity,
        systems: { connect: [...systemIds].map((id) => ({ id })) },
        models: { connect: [...modelIds].map((id) => ({ id })) },
        versions: { connect: versions.map((v) => ({ id: v.id })) },
      },
      select: { id: true, title: true, severity: true, status: true, type: true, detectedAt: true, nearMiss: true },
    });
    await addEntry(tx, actor, created.id, new Date(), `Reported by ${actor.name}. Decision tree: ${outcome.severity} (${outcome.reasons.join('; ')}).`);
    await recordEvent(tx, actor, {
      action: 'incident.reported',
      entityType: 'incident',
      entityId: created.id,
      after: {
        title: created.title,
        type: created.type,
        severity: created.severity,
        detectedAt: created.detectedAt.toISOString(),
        nearMiss: created.nearMiss,
        systemIds: [...systemIds],
        modelIds: [...modelIds],
        versionIds: versions.map((v) => v.id),
        treeAnswers: answers,
      },
    });
    return { ...created, detectedAt: created.detectedAt.toISOString() };
  });
}

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

async function rulesFor(tx: Tx, orgId: string) {
  const stored = await tx.incidentNotificationRule.findMany({ where: { orgId }, select: { key: true, active: true } });
  return stored.length ? stored : DEFAULT_NOTIFICATION_RULES.map((r) => ({ key: r.key, active: true }));
}

export async function recordNotification(actor: Actor, input: z.input<typeof notificationSchema>) {
  authorize(actor, 'incidents:manage');
  const data = notificationSchema.parse(input);
  notInFuture(data.notifiedAt, 'notifiedAt', 'The notification time');
  return db.$transaction(async (tx) => {
    const inc = await lockIncident(tx, actor, data.id);
    if (!(await rulesFor(tx, actor.orgId)).some((r) => r.key === data.ruleKey)) throw invalid('ruleKey', `Unknown notification rule: ${data.ruleKey}.`);
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

/**
 * Rolls a linked model back through the registry (which checks models:promote
 * and records the deployment event with the incident), and stores the time
 * from detection to the first rollback on the incident.
 */
export async function rollbackFromIncident(actor: Actor, input: { id: string; modelId: string; reason: string }) {
  authorize(actor, 'models:promote');
  return db.$transaction(async (tx) => {
    const inc = await lockIncident(tx, actor, input.id);
    const model = inc.models.find((m) => m.id === input.modelId);
    if (!model) throw invalid('modelId', 'Unknown model: it is not linked to this incident.');
    const result = await rollbackModel(actor, model.id, { reason: input.reason, incidentId: inc.id }, tx);
    const at = new Date(result.at);
    if (!inc.rolledBackAt) {
      const minutes = Math.max(0, Math.round((at.getTime() - inc.detectedAt.getTime()) / 60_000));
      await tx.incident.update({ where: { id: inc.id }, data: { rolledBackAt: at, minutesToRollback: minutes } });
    }
    await addEntry(tx, actor, inc.id, at, `Rolled back ${model.key} from ${result.from.label} to ${result.to.label}: ${input.reason}`);
    await recordEvent(tx, actor, {
      action: 'incident.rollback',
      entityType: 'incident',
      entityId: inc.id,
      changes: { modelId: model.id, from: result.from.label, to: result.to.label, deploymentId: result.deploymentId },
      reason: input.reason,
    });
    return { ...result, model: model.key };
  });
}

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

export async function saveResponseTarget(actor: Actor, input: z.input<typeof responseTargetSchema>) {
  authorize(actor, 'settings:manage');
  const data = responseTargetSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.incidentResponseTarget.findUnique({ where: { orgId_severity: { orgId: actor.orgId, severity: data.severity } }, select: { ackMinutes: true, containMinutes: true, resolveMinutes: true } });
    const fallback = DEFAULT_RESPONSE_TARGETS.find((t) => t.severity === data.severity)!;
    const values = { ackMinutes: data.ackMinutes, containMinutes: data.containMinutes, resolveMinutes: data.resolveMinutes };
    await tx.incidentResponseTarget.upsert({
      where: { orgId_severity: { orgId: actor.orgId, severity: data.severity } },
      create: { orgId: actor.orgId, severity: data.severity, ...values },
      update: values,
    });
    await recordEvent(tx, actor, {
      action: 'incident.response_target_changed',
      entityType: 'incident-settings',
      entityId: data.severity,
      before: before ?? { ackMinutes: fallback.ackMinutes, containMinutes: fallback.containMinutes, resolveMinutes: fallback.resolveMinutes },
      after: values,
    });
    return { severity: data.severity, ...values };
  });
}

/** Stores the shipped rules for the org the first time an admin edits any. */
async function ensureRules(tx: Tx, orgId: string) {
  const count = await tx.incidentNotificationRule.count({ where: { orgId } });
  if (count) return;
  await tx.incidentNotificationRule.createMany({
    data: DEFAULT_NOTIFICATION_RULES.map((r) => ({ ...r, whenAll: [...r.whenAll], whenAny: [...r.whenAny], orgId })),
  });
}

export async function saveNotificationRule(actor: Actor, input: z.input<typeof notificationRuleSchema>) {
  authorize(actor, 'settings:manage');
  const data = notificationRuleSchema.parse(input);
  const unknown = [...data.whenAll, ...data.whenAny].filter((f) => !(FACT_KEYS as string[]).includes(f));
  if (unknown.length) throw invalid('whenAll', `Unknown fact: ${unknown.join(', ')}. Use: ${FACT_KEYS.join(', ')}.`);
  return db.$transaction(async (tx) => {
    await ensureRules(tx, actor.orgId);
    const before = await tx.incidentNotificationRule.findUnique({
      where: { orgId_key: { orgId: actor.orgId, key: data.key } },
      select: { name: true, regulation: true, recipient: true, hours: true, group: true, whenAll: true, whenAny: true, active: true },
    });
    const { key, ...values } = data;
    await tx.incidentNotificationRule.upsert({ where: { orgId_key: { orgId: actor.orgId, key } }, create: { orgId: actor.orgId, key, ...values }, update: values });
    await recordEvent(tx, actor, { action: before ? 'incident.rule_changed' : 'incident.rule_added', entityType: 'incident-rule', entityId: key, before, after: values });
    return { key };
  });
}

export async function ensureIncidentDefaults(actor: Actor, outer?: Tx) {
  authorize(actor, 'settings:manage');
  return inTransaction(outer, (tx) => ensureRules(tx, actor.orgId));
}

/** Every save is a new version; earlier versions stay for the record. */
export async function saveResponsePlan(actor: Actor, input: z.input<typeof responsePlanSchema>) {
  authorize(actor, 'incidents:manage');
  const data = responsePlanSchema.parse(input);
  if (data.lastTestedAt) notInFuture(data.lastTestedAt, 'lastTestedAt', 'The last-tested date');
  return db.$transaction(async (tx) => {
    if (data.systemId) {
      const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true } });
      if (!system) throw invalid('systemId', 'Unknown AI system.');
    }
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`incident-plan:${actor.orgId}:${data.systemId ?? 'org'}`}))`;
    const latest = await tx.incidentResponsePlan.findFirst({
      where: { orgId: actor.orgId, systemId: data.systemId ?? null },
      orderBy: { version: 'desc' },
      select: { version: true, lastTestedAt: true },
    });
    const plan = await tx.incidentResponsePlan.create({
      data: {
        orgId: actor.orgId,
        systemId: data.systemId ?? null,
        version: (latest?.version ?? 0) + 1,
        title: data.title,
        content: data.content,
        lastTestedAt: data.lastTestedAt ?? latest?.lastTestedAt ?? null,
        createdById: actor.userId,
      },
      select: { id: true, version: true },
    });
    await recordEvent(tx, actor, {
      action: 'incident.plan_saved',
      entityType: 'incident-plan',
      entityId: plan.id,
      after: { systemId: data.systemId ?? null, version: plan.version, title: data.title, lastTestedAt: data.lastTestedAt?.toISOString() ?? null },
    });
    return plan;
  });
}

/** A tabletop exercise or rollback drill; it also marks the tested plan as tested. */
export async function recordExercise(actor: Actor, input: z.input<typeof exerciseSchema>) {
  authorize(actor, 'incidents:manage');
  const data = exerciseSchema.parse(input);
  notInFuture(data.heldAt, 'heldAt', 'The exercise date');
  if (data.kind === 'ROLLBACK_DRILL' && data.rollbackMinutes === undefined) throw invalid('rollbackMinutes', 'Give the time it took to roll back in the drill.');
  return db.$transaction(async (tx) => {
    if (data.planId) {
      const plan = await tx.incidentResponsePlan.findFirst({ where: { id: data.planId, orgId: actor.orgId }, select: { id: true, lastTestedAt: true } });
      if (!plan) throw invalid('planId', 'Unknown response plan.');
      if (!plan.lastTestedAt || plan.lastTestedAt < data.heldAt) await tx.incidentResponsePlan.update({ where: { id: plan.id }, data: { lastTestedAt: data.heldAt } });
    }
    if (data.systemId && !(await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true } }))) {
      throw invalid('systemId', 'Unknown AI system.');
    }
    const row = await tx.incidentExercise.create({
      data: {
        orgId: actor.orgId,
        kind: data.kind,
        heldAt: data.heldAt,
        scenario: data.scenario,
        participants: data.participants,
        outcome: data.outcome,
        rollbackMinutes: data.rollbackMinutes ?? null,
        followUps: data.followUps,
        planId: data.planId ?? null,
        systemId: data.systemId ?? null,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await recordEvent(tx, actor, {
      action: 'incident.exercise_recorded',
      entityType: 'incident-exercise',
      entityId: row.id,
      after: { kind: data.kind, heldAt: data.heldAt.toISOString(), scenario: data.scenario, rollbackMinutes: data.rollbackMinutes ?? null, planId: data.planId ?? null },
    });
    return row;
  });
}
