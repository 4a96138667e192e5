import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { auditorScope, privacyAssessmentWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { residualRisk, riskLevel, screen, type Risk } from '../screening';
import { riskSchema } from './schema';

const risksOf = (json: unknown): Risk[] => z.array(riskSchema).catch([]).parse(json) as Risk[];

/** Engineers read the assessments of the systems they own; privacy, compliance, auditors and admins read all. */
function visibleWhere(actor: Actor): Prisma.AISystemWhereInput | null {
  if (can(actor, 'privacy:read')) return null;
  if (!actor.userId) throw new AppError('FORBIDDEN', 'Your role does not allow this (privacy:read).');
  return { OR: [{ technicalOwnerId: actor.userId }, { businessOwnerId: actor.userId }] };
}

async function visibleSystemIds(actor: Actor): Promise<string[] | null> {
  const where = visibleWhere(actor);
  if (!where) return null;
  const systems = await db.aISystem.findMany({ where: { orgId: actor.orgId, ...where }, select: { id: true } });
  if (!systems.length) authorize(actor, 'privacy:read');
  return systems.map((s) => s.id);
}

export async function listAssessments(actor: Actor) {
  const systemIds = await visibleSystemIds(actor);
  const inScope = privacyAssessmentWhere(await auditorScope(actor));
  const rows = await db.privacyAssessment.findMany({
    where: { AND: [{ orgId: actor.orgId, status: { not: 'SUPERSEDED' }, ...(systemIds ? { systemId: { in: systemIds } } : {}) }, inScope] },
    orderBy: [{ updatedAt: 'desc' }],
    take: 500,
    select: { id: true, kind: true, title: true, version: true, status: true, systemId: true, risks: true, reviewDate: true, signedOffAt: true, screening: true },
  });
  const systems = await db.aISystem.findMany({ where: { orgId: actor.orgId, id: { in: rows.map((r) => r.systemId) } }, select: { id: true, name: true } });
  const now = new Date();
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      version: r.version,
      status: r.status,
      system: systems.find((s) => s.id === r.systemId)?.name ?? '',
      residualRisk: residualRisk(risksOf(r.risks)),
      screeningRequired: screen(r.screening).required,
      reviewDate: r.reviewDate?.toISOString() ?? null,
      reviewDue: !!r.reviewDate && r.reviewDate < now,
      signedOffAt: r.signedOffAt?.toISOString() ?? null,
    })),
    capabilities: { create: can(actor, 'privacy:manage') },
  };
}

export async function getAssessment(actor: Actor, id: string) {
  const a = await db.privacyAssessment.findFirst({ where: { AND: [{ id, orgId: actor.orgId }, privacyAssessmentWhere(await auditorScope(actor))] } });
  if (!a) throw notFound('The assessment');
  const system = await db.aISystem.findFirst({ where: { id: a.systemId, orgId: actor.orgId }, select: { id: true, name: true, technicalOwnerId: true, businessOwnerId: true } });
  authorize(actor, 'privacy:read', { ownerIds: [system?.technicalOwnerId, system?.businessOwnerId] });
  const [versions, people] = await Promise.all([
    db.privacyAssessment.findMany({ where: { lineageId: a.lineageId }, orderBy: { version: 'asc' }, select: { id: true, version: true, status: true, signedOffAt: true } }),
    db.user.findMany({ where: { orgId: actor.orgId, id: { in: [a.authorId, a.signedOffById].filter((x): x is string => !!x) } }, select: { id: true, name: true } }),
  ]);
  const risks = risksOf(a.risks);
  const nameOf = (uid: string | null) => people.find((p) => p.id === uid)?.name ?? null;
  const isLatest = versions[versions.length - 1]?.id === a.id;
  const manage = can(actor, 'privacy:manage');
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    version: a.version,
    status: a.status,
    system: system ? { id: system.id, name: system.name } : null,
    author: nameOf(a.authorId),
    screening: screen(a.screening),
    sections: a.sections as Record<string, string>,
    risks: risks.map((r) => ({ ...r, inherent: riskLevel(r.likelihood, r.severity), residual: riskLevel(r.residualLikelihood, r.residualSeverity) })),
    residualRisk: residualRisk(risks),
    dpoAdvice: a.dpoAdvice,
    reviewDate: a.reviewDate?.toISOString() ?? null,
    signedOffBy: nameOf(a.signedOffById),
    signedOffAt: a.signedOffAt?.toISOString() ?? null,
    versions: versions.map((v) => ({ ...v, signedOffAt: v.signedOffAt?.toISOString() ?? null })),
    evidenceId: a.evidenceId,
    capabilities: {
      storeEvidence: manage && a.status === 'SIGNED_OFF' && !a.evidenceId,
      // Editing a signed-off version makes a new draft version.
      edit: manage && isLatest && a.status !== 'SUPERSEDED',
      signOff: can(actor, 'privacy:signoff') && a.status === 'DRAFT' && !!actor.userId && a.authorId !== actor.userId,
    },
  };
}
export type AssessmentDetail = Awaited<ReturnType<typeof getAssessment>>;
