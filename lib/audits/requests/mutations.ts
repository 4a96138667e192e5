import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertInOrg } from '@/lib/auth/org';
import { auditorScope, findingWhere, requestWhere } from '@/lib/auth/scope';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { personBehind } from '@/lib/auth/person';
import { reviewProblem } from './rules';
import { createRequestSchema, reviewRequestSchema, type CreateRequestInput } from './schema';

const asDate = (d: string) => new Date(`${d}T00:00:00.000Z`);

/**
 * Evidence was attached for the request: it moves to SUBMITTED for review.
 * The one way a request is fulfilled, inside the evidence upload's transaction.
 */
export async function submitEvidenceForRequest(tx: Tx, actor: Actor, request: { id: string; status: string }, evidenceId: string) {
  // Remembered for good: whoever submitted evidence never judges the request.
  const submitter = await personBehind(tx, actor);
  const res = await tx.evidenceRequest.updateMany({
    where: { id: request.id, orgId: actor.orgId, status: { in: ['OPEN', 'REJECTED'] } },
    data: { status: 'SUBMITTED', evidenceId, ...(submitter ? { submitterIds: { push: submitter } } : {}) },
  });
  if (!res.count) throw new AppError('CONFLICT', 'This evidence request is not waiting for evidence.');
  await recordEvent(tx, actor, { action: 'evidence_request.fulfilled', entityType: 'evidence_request', entityId: request.id, changes: { status: { from: request.status, to: 'SUBMITTED' }, evidenceId } });
}

export async function createEvidenceRequest(actor: Actor, input: CreateRequestInput) {
  authorize(actor, 'evidence:request');
  const data = createRequestSchema.parse(input);
  const scope = await auditorScope(actor);
  if (scope && (!data.auditId || !scope.auditIds.includes(data.auditId))) {
    throw new AppError('VALIDATION', 'Choose one of the audits you are assigned to.', { fieldErrors: { auditId: ['Required for your assignment'] } });
  }
  return db.$transaction(async (tx) => {
    await assertInOrg(tx, actor.orgId, 'auditId', 'audit', [data.auditId], { message: 'Unknown audit.', field: 'Unknown audit' });
    const requirement = data.requirementId ? await tx.requirement.findFirst({ where: { id: data.requirementId, orgId: actor.orgId }, select: { ownerId: true } }) : null;
    if (data.requirementId && !requirement) throw new AppError('VALIDATION', 'Unknown requirement.', { fieldErrors: { requirementId: ['Unknown requirement'] } });
    const finding = data.findingId ? await tx.finding.findFirst({ where: { id: data.findingId, orgId: actor.orgId, ...findingWhere(scope) }, select: { ownerId: true, auditId: true } }) : null;
    if (data.findingId && !finding) throw new AppError('VALIDATION', 'Unknown finding.', { fieldErrors: { findingId: ['Unknown finding'] } });
    const assigneeId = data.assigneeId ?? finding?.ownerId ?? requirement?.ownerId ?? null;
    if (assigneeId && !(await tx.user.findFirst({ where: { id: assigneeId, orgId: actor.orgId, active: true }, select: { id: true } }))) {
      throw new AppError('VALIDATION', 'Unknown assignee.', { fieldErrors: { assigneeId: ['Unknown user'] } });
    }
    const created = await tx.evidenceRequest.create({
      data: {
        orgId: actor.orgId,
        title: data.title,
        details: data.details ?? null,
        dueDate: asDate(data.dueDate),
        auditId: data.auditId ?? finding?.auditId ?? null,
        requirementId: data.requirementId ?? null,
        findingId: data.findingId ?? null,
        assigneeId,
        requestedById: actor.userId ?? (await systemRequester(tx, actor.orgId)),
      },
      select: { id: true, status: true },
    });
    await recordEvent(tx, actor, {
      action: 'evidence_request.created',
      entityType: 'evidence_request',
      entityId: created.id,
      after: { title: data.title, dueDate: data.dueDate, requirementId: data.requirementId ?? null, findingId: data.findingId ?? null, assigneeId },
    });
    return created;
  });
}

// Seeds and jobs have no user; requests then carry the first administrator.
async function systemRequester(tx: Tx, orgId: string) {
  const admin = await tx.user.findFirst({ where: { orgId, role: 'ADMIN' }, select: { id: true } });
  if (!admin) throw new AppError('CONFLICT', 'No administrator to record as requester.');
  return admin.id;
}

export async function reviewEvidenceRequest(actor: Actor, input: { id: string; decision: 'accept' | 'reject'; comment?: string }) {
  authorize(actor, 'evidence:request');
  const data = reviewRequestSchema.parse(input);
  const scope = await auditorScope(actor);
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "EvidenceRequest" WHERE "id" = ${data.id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
    if (!locked.length) throw notFound('The evidence request');
    const req = await tx.evidenceRequest.findFirst({ where: { id: data.id, orgId: actor.orgId, ...requestWhere(scope) }, select: { id: true, status: true, assigneeId: true, submitterIds: true } });
    if (!req) throw notFound('The evidence request');
    if (req.status !== 'SUBMITTED') throw new AppError('CONFLICT', 'Only submitted evidence can be accepted or rejected.');
    const reviewer = await personBehind(tx, actor);
    const problem = reviewProblem(req, reviewer);
    if (problem) throw forbidden(problem);
    const status = data.decision === 'accept' ? 'ACCEPTED' : 'REJECTED';
    await tx.evidenceRequest.update({ where: { id: req.id }, data: { status, reviewComment: data.comment ?? null, reviewedById: reviewer, reviewedAt: new Date() } });
    await recordEvent(tx, actor, {
      action: `evidence_request.${data.decision === 'accept' ? 'accepted' : 'rejected'}`,
      entityType: 'evidence_request',
      entityId: req.id,
      changes: { status: { from: req.status, to: status } },
      reason: data.comment ?? null,
    });
    return { id: req.id, status };
  });
}
