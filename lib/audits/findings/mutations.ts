import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { assertInOrg } from '@/lib/auth/org';
import { auditorScope, findingWhere } from '@/lib/auth/scope';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { incidentOwnership } from '@/lib/incidents/queries';
import { readAuditSettings } from '../settings/queries';
import {
  acceptRiskSchema,
  ACTIVE_STATUSES,
  commentSchema,
  createFindingSchema,
  transitionSchema,
  updateFindingSchema,
  type CreateFindingInput,
  type FindingStatus,
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
    return { ...finding, dueDate: finding.dueDate?.toISOString() ?? null };
  });
}

async function lockFinding(tx: Tx, actor: Actor, id: string) {
  const scope = await auditorScope(actor);
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Finding" WHERE "id" = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!rows.length) throw notFound('The finding');
  const f = await tx.finding.findFirst({
    where: { id, ...findingWhere(scope) },
    select: { id: true, ownerId: true, status: true, title: true, description: true, severity: true, remediationPlan: true, dueDate: true },
  });
  if (!f) throw notFound('The finding');
  return f;
}

export async function updateFinding(actor: Actor, input: UpdateFindingInput) {
  const data = updateFindingSchema.parse(input);
  return db.$transaction(async (tx) => {
    const f = await lockFinding(tx, actor, data.id);
    authorize(actor, 'findings:manage', { ownerIds: [f.ownerId] });
    if (f.status === 'CLOSED') throw new AppError('CONFLICT', 'A closed finding cannot be edited.');
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
      data: { ...after, dueDate: after.dueDate ? new Date(`${after.dueDate}T00:00:00.000Z`) : null },
    });
    await recordEvent(tx, actor, { action: 'finding.updated', entityType: 'finding', entityId: f.id, before, after });
    return { id: f.id, ...after };
  });
}

type Rule = { from: FindingStatus[]; to: FindingStatus; verify: boolean };
const RULES: Record<Transition, Rule> = {
  start_remediation: { from: ['OPEN'], to: 'IN_REMEDIATION', verify: false },
  ready_for_verification: { from: ['OPEN', 'IN_REMEDIATION'], to: 'READY_FOR_VERIFICATION', verify: false },
  close: { from: ['READY_FOR_VERIFICATION'], to: 'CLOSED', verify: true },
  reject_verification: { from: ['READY_FOR_VERIFICATION'], to: 'IN_REMEDIATION', verify: true },
  reopen: { from: ['CLOSED', 'RISK_ACCEPTED'], to: 'OPEN', verify: true },
};

/** The independence rule: whoever owns a finding never verifies or closes it. */
function assertIndependent(actor: Actor, ownerId: string | null) {
  if (actor.userId && ownerId === actor.userId) {
    throw forbidden('You own this finding: someone independent (an auditor or a compliance officer) must verify and close it.');
  }
}

export async function transitionFinding(actor: Actor, input: { id: string; transition: Transition; comment?: string }) {
  const data = transitionSchema.parse(input);
  const rule = RULES[data.transition];
  return db.$transaction(async (tx) => {
    const f = await lockFinding(tx, actor, data.id);
    if (rule.verify) {
      authorize(actor, 'findings:verify');
      assertIndependent(actor, f.ownerId);
    } else {
      authorize(actor, 'findings:manage', { ownerIds: [f.ownerId] });
    }
    if (!rule.from.includes(f.status)) {
      throw new AppError('CONFLICT', `A finding that is ${f.status.toLowerCase().replace(/_/g, ' ')} cannot move this way.`);
    }
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
        ...(rule.to === 'CLOSED' ? { closedAt: now, verifiedById: actor.userId } : {}),
        ...(rule.to === 'OPEN' ? { closedAt: null, verifiedById: null, riskApproverId: null, riskRationale: null, riskExpiresAt: null } : {}),
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
    assertIndependent(actor, f.ownerId);
    if (!ACTIVE_STATUSES.includes(f.status)) throw new AppError('CONFLICT', 'Only an open finding can have its risk accepted.');
    const expiresAt = new Date(`${data.expiresAt}T00:00:00.000Z`);
    await tx.finding.update({
      where: { id: f.id },
      data: { status: 'RISK_ACCEPTED', riskApproverId: actor.userId, riskRationale: data.rationale, riskExpiresAt: expiresAt },
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
