import 'server-only';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { systemActor, type Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { assertInOrg } from '@/lib/auth/org';
import { personBehind } from '@/lib/auth/person';
import { auditorScope, findingWhere } from '@/lib/auth/scope';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { publishEvent } from '@/lib/events/publish';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { incidentOwnership } from '@/lib/incidents/queries';
import { readAuditSettings } from '../settings/queries';
import { findingPermissions, freshCycle, independenceProblem, stateProblem, TRANSITION_RULES, withOwner } from './rules';
import {
  acceptRiskSchema,
  commentSchema,
  createFindingSchema,
  transitionSchema,
  updateFindingSchema,
  type CreateFindingInput,
  type Transition,
  type UpdateFindingInput,
} from './schema';

const DAY = 86_400_000;

async function assertUser(tx: Tx, orgId: string, id: string, field = 'ownerId') {
  const user = await tx.user.findFirst({ where: { id, orgId, active: true }, select: { id: true } });
  if (!user) throw new AppError('VALIDATION', 'The owner must be an active user of this organisation.', { fieldErrors: { [field]: ['Unknown user'] } });
}

const dateOnly = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Raising a finding needs `findings:raise`; raising one from an incident is
 * part of responding to it, so whoever may update the incident may too.
 */
async function authorizeRaise(tx: Tx, actor: Actor, incidentId: string | undefined) {
  if (!incidentId || can(actor, 'findings:raise')) {
    authorize(actor, 'findings:raise');
    return;
  }
  const owners = await incidentOwnership(tx, actor.orgId, incidentId);
  if (!owners) throw new AppError('VALIDATION', 'Unknown incident.', { fieldErrors: { incidentId: ['Unknown incident'] } });
  authorize(actor, 'incidents:update', owners);
}

/**
 * The one way a finding is created, from this domain or inside another
 * domain's transaction (`tx`): source, default due date and the
 * `finding.created` event are decided here.
 */
export async function createFinding(actor: Actor, input: CreateFindingInput, outer?: Tx) {
  if (!input.incidentId) authorize(actor, 'findings:raise');
  const data = createFindingSchema.parse(input);
  return inTransaction(outer, async (tx) => {
    await authorizeRaise(tx, actor, data.incidentId);
    const scope = await auditorScope(actor);
    const settings = await readAuditSettings(actor.orgId);
    const dueDate = data.dueDate ? new Date(`${data.dueDate}T00:00:00.000Z`) : new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) + settings.dueDays[data.severity] * DAY);
    if (data.auditId) {
      const audit = await tx.audit.findFirst({ where: { AND: [{ id: data.auditId, orgId: actor.orgId }, scope ? { id: { in: scope.auditIds } } : {}] }, select: { id: true } });
      if (!audit) throw new AppError('VALIDATION', 'Unknown audit.', { fieldErrors: { auditId: ['Unknown audit'] } });
    } else if (scope) {
      throw new AppError('VALIDATION', 'Choose one of the audits you are assigned to.', { fieldErrors: { auditId: ['Required for your assignment'] } });
    }
    await assertInOrg(tx, actor.orgId, 'incidentId', 'incident', [data.incidentId], { message: 'Unknown incident.', field: 'Unknown incident' });
    if (data.ownerId) await assertUser(tx, actor.orgId, data.ownerId);
    await assertInOrg(tx, actor.orgId, 'requirementIds', 'requirement', data.requirementIds);
    await assertInOrg(tx, actor.orgId, 'controlIds', 'control', data.controlIds);
    await assertInOrg(tx, actor.orgId, 'systemIds', 'aISystem', data.systemIds);
    await assertInOrg(tx, actor.orgId, 'modelVersionIds', 'modelVersion', data.modelVersionIds);
    const source = data.auditId ? 'AUDIT' : data.incidentId ? 'INCIDENT' : data.source;
    const finding = await tx.finding.create({
      data: {
        orgId: actor.orgId,
        title: data.title,
        description: data.description,
        severity: data.severity,
        source,
        auditId: data.auditId ?? null,
        incidentId: data.incidentId ?? null,
        ownerId: data.ownerId ?? null,
        cycleOwnerIds: freshCycle(data.ownerId ?? null),
        remediationPlan: data.remediationPlan ?? null,
        dueDate,
        createdById: actor.userId,
        requirements: { create: [...new Set(data.requirementIds)].map((requirementId) => ({ requirementId })) },
        controls: { create: [...new Set(data.controlIds)].map((controlId) => ({ controlId })) },
        systems: { create: [...new Set(data.systemIds)].map((systemId) => ({ systemId })) },
        versions: { create: [...new Set(data.modelVersionIds)].map((modelVersionId) => ({ modelVersionId })) },
      },
      select: { id: true, title: true, severity: true, status: true, dueDate: true },
    });
    await recordEvent(tx, actor, {
      action: 'finding.created',
      entityType: 'finding',
      entityId: finding.id,
      after: {
        title: data.title,
        severity: data.severity,
        source,
        status: 'OPEN',
        auditId: data.auditId ?? null,
        incidentId: data.incidentId ?? null,
        ownerId: data.ownerId ?? null,
        dueDate: dateOnly(dueDate),
        requirementIds: data.requirementIds,
        controlIds: data.controlIds,
        systemIds: data.systemIds,
        modelVersionIds: data.modelVersionIds,
      },
    });
    await publishEvent(tx, actor, { type: 'finding.created', entity: { type: 'finding', id: finding.id }, data: { title: data.title, severity: data.severity, source, status: 'OPEN', dueDate: dateOnly(dueDate) } });
    return { ...finding, dueDate: finding.dueDate?.toISOString() ?? null };
  });
}


/** Reopens one accepted risk whose acceptance has expired (a new remediation cycle), audited as `actor`. */
async function reopenExpired(tx: Tx, actor: Actor, f: { id: string; ownerId: string | null; riskExpiresAt: Date | null }, now: Date) {
  const res = await tx.finding.updateMany({
    where: { id: f.id, status: 'RISK_ACCEPTED', riskExpiresAt: { lte: now } },
    data: { status: 'OPEN', closedAt: null, cycleOwnerIds: freshCycle(f.ownerId) },
  });
  if (!res.count) return false;
  await recordEvent(tx, actor, {
    action: 'finding.risk_acceptance_expired',
    entityType: 'finding',
    entityId: f.id,
    changes: { status: { from: 'RISK_ACCEPTED', to: 'OPEN' }, riskExpiresAt: f.riskExpiresAt?.toISOString() ?? null },
    reason: 'The risk acceptance expired',
  });
  return true;
}

const BATCH = 200;

/**
 * The scheduled job's mutation (lib/jobs, as the job's system actor): the
 * organisation's accepted risks whose acceptance has expired go back to open,
 * each with a `finding.risk_acceptance_expired` event. Reads never write this
 * down; they show such a finding as open. Resolves how many it reopened.
 */
export async function reopenExpiredRiskAcceptances(actor: Actor, now = new Date()): Promise<number> {
  authorize(actor, 'findings:verify');
  let reopened = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const rows = await tx.finding.findMany({
        where: { orgId: actor.orgId, status: 'RISK_ACCEPTED', riskExpiresAt: { lte: now } },
        select: { id: true, ownerId: true, riskExpiresAt: true },
        orderBy: { id: 'asc' },
        take: BATCH,
      });
      let changed = 0;
      for (const f of rows) if (await reopenExpired(tx, actor, f, now)) changed += 1;
      return { seen: rows.length, changed };
    });
    reopened += batch.changed;
    if (batch.seen < BATCH) return reopened;
  }
}

async function lockFinding(tx: Tx, actor: Actor, id: string) {
  const scope = await auditorScope(actor);
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Finding" WHERE "id" = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!rows.length) throw notFound('The finding');
  const f = await tx.finding.findFirst({
    where: { id, ...findingWhere(scope) },
    select: { id: true, ownerId: true, cycleOwnerIds: true, status: true, riskExpiresAt: true, title: true, description: true, severity: true, remediationPlan: true, dueDate: true },
  });
  if (!f) throw notFound('The finding');
  // A write never acts on an acceptance that has already run out.
  const now = new Date();
  if (f.status === 'RISK_ACCEPTED' && f.riskExpiresAt && f.riskExpiresAt <= now && (await reopenExpired(tx, systemActor(actor.orgId, 'risk-acceptance-expiry'), f, now))) {
    return { ...f, status: 'OPEN' as const, cycleOwnerIds: freshCycle(f.ownerId) };
  }
  return f;
}

export async function updateFinding(actor: Actor, input: UpdateFindingInput) {
  const data = updateFindingSchema.parse(input);
  return db.$transaction(async (tx) => {
    const f = await lockFinding(tx, actor, data.id);
    authorize(actor, 'findings:manage', { ownerIds: [f.ownerId] });
    refuseIf('CONFLICT', stateProblem(f, 'edit'));
    if (data.ownerId) await assertUser(tx, actor.orgId, data.ownerId);
    const before = { title: f.title, description: f.description, severity: f.severity, ownerId: f.ownerId, remediationPlan: f.remediationPlan, dueDate: dateOnly(f.dueDate) };
    const after = {
      title: data.title ?? f.title,
      description: data.description ?? f.description,
      severity: data.severity ?? f.severity,
      ownerId: data.ownerId ?? f.ownerId,
      remediationPlan: data.remediationPlan === undefined ? f.remediationPlan : data.remediationPlan || null,
      dueDate: data.dueDate ?? dateOnly(f.dueDate),
    };
    await tx.finding.update({
      where: { id: f.id },
      data: { ...after, dueDate: after.dueDate ? new Date(`${after.dueDate}T00:00:00.000Z`) : null, cycleOwnerIds: withOwner(f.cycleOwnerIds, after.ownerId) },
    });
    await recordEvent(tx, actor, { action: 'finding.updated', entityType: 'finding', entityId: f.id, before, after });
    return { id: f.id, ...after };
  });
}

function refuseIf(code: 'FORBIDDEN' | 'CONFLICT', problem: string | null) {
  if (problem) throw code === 'FORBIDDEN' ? forbidden(problem) : new AppError('CONFLICT', problem);
}

export async function transitionFinding(actor: Actor, input: { id: string; transition: Transition; comment?: string }) {
  const data = transitionSchema.parse(input);
  const rule = TRANSITION_RULES[data.transition];
  return db.$transaction(async (tx) => {
    const f = await lockFinding(tx, actor, data.id);
    for (const p of findingPermissions(data.transition)) authorize(actor, p, { ownerIds: [f.ownerId] });
    if (rule.to === 'CLOSED') requireFreshFactor(actor);
    const person = await personBehind(tx, actor);
    if (rule.verify) refuseIf('FORBIDDEN', independenceProblem(actor, person, f));
    refuseIf('CONFLICT', stateProblem(f, data.transition));
    if (data.transition === 'reject_verification' && !data.comment) {
      throw new AppError('VALIDATION', 'Say what is still missing when sending a finding back.', { fieldErrors: { comment: ['Required'] } });
    }
    const now = new Date();
    await tx.finding.update({
      where: { id: f.id },
      data: {
        status: rule.to,
        ...(rule.to === 'IN_REMEDIATION' && data.transition === 'start_remediation' ? { remediationStartedAt: now } : {}),
        ...(rule.to === 'READY_FOR_VERIFICATION' ? { readyAt: now } : {}),
        ...(rule.to === 'CLOSED' ? { closedAt: now, verifiedById: person } : {}),
        ...(rule.to === 'OPEN' ? { closedAt: null, verifiedById: null, riskApproverId: null, riskRationale: null, riskExpiresAt: null, cycleOwnerIds: freshCycle(f.ownerId) } : {}),
      },
    });
    if (data.comment && actor.userId) await tx.findingComment.create({ data: { findingId: f.id, authorId: actor.userId, body: data.comment } });
    await recordEvent(tx, actor, {
      action: `finding.${data.transition}`,
      entityType: 'finding',
      entityId: f.id,
      changes: { status: { from: f.status, to: rule.to } },
      reason: data.comment ?? null,
    });
    return { id: f.id, status: rule.to };
  });
}

/** Risk acceptance needs a compliance officer or administrator who does not own the finding. */
export async function acceptRisk(actor: Actor, input: { id: string; rationale: string; expiresAt: string }) {
  const data = acceptRiskSchema.parse(input);
  return db.$transaction(async (tx) => {
    const f = await lockFinding(tx, actor, data.id);
    authorize(actor, 'findings:verify');
    if (!can(actor, 'audits:manage')) throw forbidden('Only a compliance officer or an administrator can accept a risk.');
    requireFreshFactor(actor);
    const person = await personBehind(tx, actor);
    refuseIf('FORBIDDEN', independenceProblem(actor, person, f));
    refuseIf('CONFLICT', stateProblem(f, 'acceptRisk'));
    const expiresAt = new Date(`${data.expiresAt}T00:00:00.000Z`);
    await tx.finding.update({
      where: { id: f.id },
      data: { status: 'RISK_ACCEPTED', riskApproverId: person, riskRationale: data.rationale, riskExpiresAt: expiresAt },
    });
    await recordEvent(tx, actor, {
      action: 'finding.risk_accepted',
      entityType: 'finding',
      entityId: f.id,
      changes: { status: { from: f.status, to: 'RISK_ACCEPTED' }, riskExpiresAt: data.expiresAt },
      reason: data.rationale,
    });
    return { id: f.id, status: 'RISK_ACCEPTED' as const, riskExpiresAt: expiresAt.toISOString() };
  });
}

/** Auditors and compliance comment on any finding they see; owners on theirs. */
export async function addFindingComment(actor: Actor, input: { id: string; body: string }) {
  const data = commentSchema.parse(input);
  return db.$transaction(async (tx) => {
    const f = await lockFinding(tx, actor, data.id);
    if (!can(actor, 'findings:raise')) authorize(actor, 'findings:manage', { ownerIds: [f.ownerId] });
    if (!actor.userId) throw forbidden('Comments are written by people: sign in to comment.');
    const comment = await tx.findingComment.create({ data: { findingId: f.id, authorId: actor.userId, body: data.body }, select: { id: true, createdAt: true } });
    await recordEvent(tx, actor, { action: 'finding.commented', entityType: 'finding', entityId: f.id, changes: { commentId: comment.id, body: data.body } });
    return { id: comment.id, createdAt: comment.createdAt.toISOString() };
  });
}
