import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertInOrg } from '@/lib/auth/org';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { auditInputSchema, updateAuditSchema, type AuditInput, type UpdateAuditInput } from './schema';

const asDate = (d: string) => new Date(`${d}T00:00:00.000Z`);

async function assertAuditors(tx: Tx, orgId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const n = await tx.user.count({ where: { orgId, id: { in: unique }, role: 'AUDITOR', active: true } });
  if (n !== unique.length) throw new AppError('VALIDATION', 'Assign only active users with the auditor role.', { fieldErrors: { auditorIds: ['Choose auditors'] } });
  return unique;
}

async function assertScope(tx: Tx, orgId: string, frameworkIds: string[], systemIds: string[]) {
  await assertInOrg(tx, orgId, 'frameworkIds', 'framework', frameworkIds, { message: 'Unknown framework in the scope.', field: 'Unknown framework' });
  await assertInOrg(tx, orgId, 'systemIds', 'aISystem', systemIds, { message: 'Unknown AI system in the scope.', field: 'Unknown AI system' });
}

export async function createAudit(actor: Actor, input: AuditInput) {
  authorize(actor, 'audits:manage');
  const data = auditInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    const auditorIds = await assertAuditors(tx, actor.orgId, data.auditorIds);
    await assertScope(tx, actor.orgId, data.frameworkIds, data.systemIds);
    const audit = await tx.audit.create({
      data: {
        orgId: actor.orgId,
        title: data.title,
        kind: data.kind,
        standard: data.standard,
        firm: data.firm ?? null,
        periodStart: asDate(data.periodStart),
        periodEnd: asDate(data.periodEnd),
        status: data.status,
        scopeFrameworkIds: [...new Set(data.frameworkIds)],
        scopeSystemIds: [...new Set(data.systemIds)],
        createdById: actor.userId,
        assignments: { create: auditorIds.map((userId) => ({ userId })) },
      },
      select: { id: true, title: true, status: true },
    });
    await recordEvent(tx, actor, {
      action: 'audit.created',
      entityType: 'audit',
      entityId: audit.id,
      after: { ...data, auditorIds },
    });
    return audit;
  });
}

export async function updateAudit(actor: Actor, input: UpdateAuditInput) {
  authorize(actor, 'audits:manage');
  const data = updateAuditSchema.parse(input);
  return db.$transaction(async (tx) => {
    const a = await tx.audit.findFirst({
      where: { id: data.id, orgId: actor.orgId },
      select: { id: true, status: true, firm: true, reportEvidenceId: true, assignments: { select: { userId: true } } },
    });
    if (!a) throw notFound('The audit');
    const before = { status: a.status, firm: a.firm, reportEvidenceId: a.reportEvidenceId, auditorIds: a.assignments.map((x) => x.userId).sort() };
    if (data.reportEvidenceId && !(await tx.evidence.findFirst({ where: { id: data.reportEvidenceId, orgId: actor.orgId, kind: 'FILE' }, select: { id: true } }))) {
      throw new AppError('VALIDATION', 'The final report must be an uploaded evidence file.', { fieldErrors: { reportEvidenceId: ['Unknown evidence file'] } });
    }
    const after = {
      status: data.status ?? a.status,
      firm: data.firm ?? a.firm,
      reportEvidenceId: data.reportEvidenceId ?? a.reportEvidenceId,
      auditorIds: data.auditorIds ? (await assertAuditors(tx, actor.orgId, data.auditorIds)).sort() : before.auditorIds,
    };
    await tx.audit.update({ where: { id: a.id }, data: { status: after.status, firm: after.firm, reportEvidenceId: after.reportEvidenceId } });
    if (data.auditorIds) {
      await tx.auditAssignment.deleteMany({ where: { auditId: a.id } });
      await tx.auditAssignment.createMany({ data: after.auditorIds.map((userId) => ({ auditId: a.id, userId })) });
    }
    await recordEvent(tx, actor, { action: 'audit.updated', entityType: 'audit', entityId: a.id, before, after });
    return { id: a.id, ...after };
  });
}
