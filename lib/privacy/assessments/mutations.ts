import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { conflict, invalid } from '../checks';
import { residualRisk, type Risk } from '../screening';
import { createAssessmentSchema, updateAssessmentSchema, type CreateAssessmentInput, type UpdateAssessmentInput } from './schema';

async function checkControls(tx: Tx, orgId: string, risks: Risk[]) {
  const ids = [...new Set(risks.flatMap((r) => r.controlIds))];
  if (!ids.length) return;
  const found = await tx.control.findMany({ where: { orgId, id: { in: ids } }, select: { id: true } });
  const unknown = ids.filter((id) => !found.some((c) => c.id === id));
  if (unknown.length) throw invalid('risks', `Unknown control: ${unknown.join(', ')}.`);
}

export async function createAssessment(actor: Actor, input: CreateAssessmentInput) {
  authorize(actor, 'privacy:manage');
  const data = createAssessmentSchema.parse(input);
  return db.$transaction(async (tx) => {
    const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true } });
    if (!system) throw invalid('systemId', `Unknown AI system: ${data.systemId}.`);
    await checkControls(tx, actor.orgId, data.risks);
    const created = await tx.privacyAssessment.create({
      data: {
        orgId: actor.orgId,
        kind: data.kind,
        systemId: data.systemId,
        lineageId: randomUUID(),
        title: data.title,
        authorId: actor.userId ?? '',
        screening: data.screening,
        sections: data.sections,
        risks: data.risks as unknown as Prisma.InputJsonValue,
        dpoAdvice: data.dpoAdvice,
        reviewDate: data.reviewDate,
      },
      select: { id: true, kind: true, version: true, status: true, lineageId: true },
    });
    await recordEvent(tx, actor, { action: 'privacy.assessment_created', entityType: 'privacy-assessment', entityId: created.id, after: { kind: data.kind, systemId: data.systemId, title: data.title, screening: data.screening } });
    return created;
  });
}

async function lockAssessment(tx: Tx, actor: Actor, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PrivacyAssessment" WHERE id = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!rows.length) throw notFound('The assessment');
  return tx.privacyAssessment.findUniqueOrThrow({ where: { id } });
}

/**
 * Edits a draft in place. A signed-off assessment is frozen: a change to it
 * creates the next version as a draft (the signed-off one stays as it was
 * until the new one is signed off). A superseded version never changes.
 */
export async function updateAssessment(actor: Actor, id: string, input: UpdateAssessmentInput) {
  authorize(actor, 'privacy:manage');
  const data = updateAssessmentSchema.parse(input);
  return db.$transaction(async (tx) => {
    const a = await lockAssessment(tx, actor, id);
    if (data.risks) await checkControls(tx, actor.orgId, data.risks);
    const fields = {
      ...(data.title !== undefined ? { title: data.title } : {}),
      ...(data.screening !== undefined ? { screening: data.screening } : {}),
      ...(data.sections !== undefined ? { sections: { ...(a.sections as Record<string, string>), ...data.sections } } : {}),
      ...(data.risks !== undefined ? { risks: data.risks as unknown as Prisma.InputJsonValue } : {}),
      ...(data.dpoAdvice !== undefined ? { dpoAdvice: data.dpoAdvice } : {}),
      ...(data.reviewDate !== undefined ? { reviewDate: data.reviewDate } : {}),
    };
    if (a.status === 'SUPERSEDED') throw conflict('This version has been superseded; change the latest version.');
    if (a.status === 'SIGNED_OFF') {
      const newer = await tx.privacyAssessment.findFirst({ where: { lineageId: a.lineageId, version: { gt: a.version } }, select: { id: true } });
      if (newer) throw conflict('A newer version exists; change that one.');
      const next = await tx.privacyAssessment.create({
        data: {
          orgId: a.orgId,
          kind: a.kind,
          systemId: a.systemId,
          lineageId: a.lineageId,
          version: a.version + 1,
          title: a.title,
          authorId: actor.userId ?? a.authorId,
          screening: a.screening,
          sections: a.sections as Prisma.InputJsonValue,
          risks: a.risks as Prisma.InputJsonValue,
          dpoAdvice: a.dpoAdvice,
          reviewDate: a.reviewDate,
          ...fields,
        },
        select: { id: true, version: true, status: true },
      });
      await recordEvent(tx, actor, { action: 'privacy.assessment_versioned', entityType: 'privacy-assessment', entityId: next.id, changes: { from: a.id, version: next.version, fields: Object.keys(fields) } });
      return { ...next, newVersion: true };
    }
    const updated = await tx.privacyAssessment.update({ where: { id }, data: fields, select: { id: true, version: true, status: true } });
    await recordEvent(tx, actor, { action: 'privacy.assessment_updated', entityType: 'privacy-assessment', entityId: id, changes: { fields: Object.keys(fields) } });
    return { ...updated, newVersion: false };
  });
}

/**
 * Sign-off by someone other than the author freezes the version and
 * supersedes the one before. Residual high risk raises the Art. 36 prior
 * consultation task in the same transaction.
 */
export async function signOffAssessment(actor: Actor, id: string) {
  authorize(actor, 'privacy:signoff');
  return db.$transaction(async (tx) => {
    const a = await lockAssessment(tx, actor, id);
    if (a.status !== 'DRAFT') throw conflict('Only a draft can be signed off.');
    if (a.authorId === actor.userId) throw conflict('The author of an assessment cannot sign it off; ask another privacy or compliance officer.');
    if (!actor.userId) throw conflict('A sign-off is given by a person, not a token.');
    if (a.kind === 'DPIA' && !a.dpoAdvice) throw invalid('dpoAdvice', 'Record the data protection officer’s advice before sign-off (Art. 35(2)).');
    const now = new Date();
    await tx.privacyAssessment.updateMany({ where: { lineageId: a.lineageId, status: 'SIGNED_OFF' }, data: { status: 'SUPERSEDED' } });
    await tx.privacyAssessment.update({ where: { id }, data: { status: 'SIGNED_OFF', signedOffById: actor.userId, signedOffAt: now } });
    const residual = residualRisk(a.risks as unknown as Risk[]);
    let consultationTaskId: string | null = null;
    if (residual === 'high' && a.kind === 'DPIA') {
      const task = await tx.privacyTask.create({
        data: { orgId: a.orgId, kind: 'PRIOR_CONSULTATION', title: `Prior consultation of the supervisory authority (Art. 36): ${a.title} v${a.version}`, assigneeId: actor.userId, dpiaId: a.id, systemId: a.systemId },
        select: { id: true },
      });
      consultationTaskId = task.id;
    }
    await recordEvent(tx, actor, { action: 'privacy.assessment_signed_off', entityType: 'privacy-assessment', entityId: id, before: { status: 'DRAFT' }, after: { status: 'SIGNED_OFF', signedOffAt: now.toISOString(), residualRisk: residual, consultationTaskId } });
    return { id, status: 'SIGNED_OFF' as const, residualRisk: residual, consultationTaskId };
  });
}
