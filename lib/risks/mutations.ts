import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { assertActiveMember, assertInOrg } from '@/lib/auth/org';
import { personBehind } from '@/lib/auth/person';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { nextReview, score, scoreProblems } from './scale';
import { acceptanceProblem, pairText, stateProblem, treatmentProblem } from './rules';
import {
  acceptRiskSchema,
  closeRiskSchema,
  createRiskSchema,
  riskRowSchema,
  reviewRiskSchema,
  scaleLevelSchema,
  updateRiskSchema,
  type CreateRiskInput,
  type UpdateRiskInput,
} from './schema';

type RiskData = ReturnType<typeof riskRowSchema.parse>;

function refuse(problem: string | null, code: 'FORBIDDEN' | 'CONFLICT' = 'CONFLICT') {
  if (problem) throw code === 'FORBIDDEN' ? forbidden(problem) : new AppError('CONFLICT', problem);
}

/** Everything a risk links to belongs to the organisation; the scores obey the residual rules. */
export async function checkRiskData(tx: Tx, orgId: string, d: RiskData) {
  const problems = scoreProblems(d, d.treatment, d.controlIds.length);
  if (Object.keys(problems).length) throw new AppError('VALIDATION', Object.values(problems)[0][0], { fieldErrors: problems });
  await assertActiveMember(tx, orgId, d.ownerId, 'ownerId');
  await assertInOrg(tx, orgId, 'systemIds', 'aISystem', d.systemIds);
  await assertInOrg(tx, orgId, 'requirementIds', 'requirement', d.requirementIds);
  await assertInOrg(tx, orgId, 'controlIds', 'control', d.controlIds);
  const [models, datasets] = await Promise.all([
    d.modelIds.length ? tx.model.count({ where: { orgId, id: { in: [...new Set(d.modelIds)] } } }) : 0,
    d.datasetIds.length ? tx.dataset.count({ where: { orgId, id: { in: [...new Set(d.datasetIds)] } } }) : 0,
  ]);
  if (models !== new Set(d.modelIds).size) throw new AppError('VALIDATION', 'Unknown modelIds: some of the ids do not exist in this organisation.', { fieldErrors: { modelIds: ['Unknown id'] } });
  if (datasets !== new Set(d.datasetIds).size) throw new AppError('VALIDATION', 'Unknown datasetIds: some of the ids do not exist in this organisation.', { fieldErrors: { datasetIds: ['Unknown id'] } });
}

const uniq = (ids: string[]) => [...new Set(ids)];
const links = (d: RiskData) => ({
  systems: { create: uniq(d.systemIds).map((systemId) => ({ systemId })) },
  models: { create: uniq(d.modelIds).map((modelId) => ({ modelId })) },
  datasets: { create: uniq(d.datasetIds).map((datasetId) => ({ datasetId })) },
  requirements: { create: uniq(d.requirementIds).map((requirementId) => ({ requirementId })) },
  controls: { create: uniq(d.controlIds).map((controlId) => ({ controlId })) },
});

const columns = (d: RiskData) => ({
  title: d.title,
  description: d.description,
  category: d.category,
  treatment: d.treatment,
  treatmentPlan: d.treatmentPlan ?? null,
  inherentLikelihood: d.inherentLikelihood,
  inherentImpact: d.inherentImpact,
  inherentScore: score(d.inherentLikelihood, d.inherentImpact),
  residualLikelihood: d.residualLikelihood,
  residualImpact: d.residualImpact,
  residualScore: d.residualLikelihood != null && d.residualImpact != null ? score(d.residualLikelihood, d.residualImpact) : null,
  ownerId: d.ownerId,
  reviewCadenceDays: d.reviewCadenceDays,
});

/** What the trail keeps of a risk: the scores as "L×I" so the history reads them back. */
const trailView = (d: RiskData) => ({
  title: d.title,
  category: d.category,
  treatment: d.treatment,
  inherent: pairText(d.inherentLikelihood, d.inherentImpact),
  residual: pairText(d.residualLikelihood, d.residualImpact),
  ownerId: d.ownerId,
  reviewCadenceDays: d.reviewCadenceDays,
  systemIds: uniq(d.systemIds).sort(),
  modelIds: uniq(d.modelIds).sort(),
  datasetIds: uniq(d.datasetIds).sort(),
  requirementIds: uniq(d.requirementIds).sort(),
  controlIds: uniq(d.controlIds).sort(),
});

/** The next free reference of the organisation, under a lock held to the end of the transaction. */
async function nextRefs(tx: Tx, orgId: string, n: number): Promise<string[]> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`risk-ref:${orgId}`}))`;
  const [row] = await tx.$queryRaw<{ max: number | null }[]>`SELECT max(substring("ref" from 5)::int) AS max FROM "Risk" WHERE "orgId" = ${orgId} AND "ref" ~ '^RSK-[0-9]+$'`;
  const start = (row?.max ?? 0) + 1;
  return Array.from({ length: n }, (_, i) => `RSK-${String(start + i).padStart(4, '0')}`);
}

/** Creates one risk inside `tx` (checked data): the import and the form share it. */
export async function insertRisk(tx: Tx, actor: Actor, d: RiskData, ref: string, now = new Date()) {
  const risk = await tx.risk.create({
    data: { orgId: actor.orgId, ref, ...columns(d), nextReviewAt: nextReview(now, d.reviewCadenceDays), createdById: actor.userId, ...links(d) },
    select: { id: true, ref: true, title: true },
  });
  await recordEvent(tx, actor, { action: 'risk.created', entityType: 'risk', entityId: risk.id, before: null, after: { ref, ...trailView(d) } });
  return risk;
}

export async function createRisk(actor: Actor, input: CreateRiskInput, outer?: Tx) {
  authorize(actor, 'risks:manage');
  const d = createRiskSchema.parse(input);
  return inTransaction(outer, async (tx) => {
    await checkRiskData(tx, actor.orgId, d);
    const [ref] = await nextRefs(tx, actor.orgId, 1);
    return insertRisk(tx, actor, d, ref);
  });
}

export { nextRefs };

const lockedSelect = {
  id: true, ref: true, orgId: true, ownerId: true, status: true, title: true, description: true, category: true, treatment: true, treatmentPlan: true,
  inherentLikelihood: true, inherentImpact: true, residualLikelihood: true, residualImpact: true, reviewCadenceDays: true, acceptanceExpiresAt: true,
  systems: { select: { systemId: true } }, models: { select: { modelId: true } }, datasets: { select: { datasetId: true } },
  requirements: { select: { requirementId: true } }, controls: { select: { controlId: true } },
} as const;

async function lockRisk(tx: Tx, actor: Actor, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Risk" WHERE "id" = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!rows.length) throw notFound('The risk');
  const r = await tx.risk.findUniqueOrThrow({ where: { id }, select: lockedSelect });
  // A write never acts on an acceptance that has already run out.
  const expired = r.status === 'ACCEPTED' && !!r.acceptanceExpiresAt && r.acceptanceExpiresAt <= new Date();
  return { ...r, status: expired ? ('OPEN' as const) : r.status };
}

type Locked = Awaited<ReturnType<typeof lockRisk>>;
const storedData = (r: Locked): RiskData => ({
  title: r.title, description: r.description, category: r.category, treatment: r.treatment, treatmentPlan: r.treatmentPlan ?? undefined,
  inherentLikelihood: r.inherentLikelihood, inherentImpact: r.inherentImpact, residualLikelihood: r.residualLikelihood, residualImpact: r.residualImpact,
  ownerId: r.ownerId, reviewCadenceDays: r.reviewCadenceDays,
  systemIds: r.systems.map((x) => x.systemId), modelIds: r.models.map((x) => x.modelId), datasetIds: r.datasets.map((x) => x.datasetId),
  requirementIds: r.requirements.map((x) => x.requirementId), controlIds: r.controls.map((x) => x.controlId),
});

/** Rewrites one risk inside `tx` with checked data (the import's update path too). */
export async function rewriteRisk(tx: Tx, actor: Actor, r: Locked, d: RiskData, action = 'risk.updated') {
  const before = trailView(storedData(r));
  const after = trailView(d);
  await tx.risk.update({
    where: { id: r.id },
    data: {
      ...columns(d),
      ...(d.reviewCadenceDays !== r.reviewCadenceDays ? { nextReviewAt: nextReview(new Date(), d.reviewCadenceDays) } : {}),
      systems: { deleteMany: {}, ...links(d).systems },
      models: { deleteMany: {}, ...links(d).models },
      datasets: { deleteMany: {}, ...links(d).datasets },
      requirements: { deleteMany: {}, ...links(d).requirements },
      controls: { deleteMany: {}, ...links(d).controls },
    },
  });
  await recordEvent(tx, actor, { action, entityType: 'risk', entityId: r.id, before, after });
  return { id: r.id, ref: r.ref };
}

export { lockRisk };

export async function updateRisk(actor: Actor, input: UpdateRiskInput) {
  const { id, ...rest } = updateRiskSchema.parse(input);
  return db.$transaction(async (tx) => {
    const r = await lockRisk(tx, actor, id);
    authorize(actor, 'risks:manage', { ownerIds: [r.ownerId] });
    refuse(stateProblem(r, 'edit'));
    const treatment = treatmentProblem(rest.treatment, r.treatment);
    if (treatment) throw new AppError('VALIDATION', `treatment: ${treatment}`, { fieldErrors: { treatment: [treatment] } });
    // Handing a risk to someone else is compliance's call, not the owner's.
    if (rest.ownerId !== r.ownerId && !can(actor, 'risks:manage')) throw forbidden('Only a compliance officer or an administrator can give the risk a new owner.');
    await checkRiskData(tx, actor.orgId, rest);
    return rewriteRisk(tx, actor, r, rest);
  });
}

/** Acceptance by someone who does not own the risk (session or token creator), with a rationale and an expiry. */
export async function acceptRisk(actor: Actor, input: { id: string; rationale: string; expiresAt: string }) {
  const data = acceptRiskSchema.parse(input);
  authorize(actor, 'risks:accept');
  return db.$transaction(async (tx) => {
    const r = await lockRisk(tx, actor, data.id);
    const person = await personBehind(tx, actor);
    refuse(acceptanceProblem(actor, person, r), 'FORBIDDEN');
    refuse(stateProblem(r, 'accept'));
    const expiresAt = new Date(`${data.expiresAt}T00:00:00.000Z`);
    const now = new Date();
    await tx.risk.update({
      where: { id: r.id },
      data: { status: 'ACCEPTED', treatment: 'ACCEPT', acceptedById: person, acceptedAt: now, acceptanceRationale: data.rationale, acceptanceExpiresAt: expiresAt },
    });
    await recordEvent(tx, actor, {
      action: 'risk.accepted',
      entityType: 'risk',
      entityId: r.id,
      changes: { status: { from: r.status, to: 'ACCEPTED' }, treatment: { from: r.treatment, to: 'ACCEPT' }, acceptedById: person, expiresAt: data.expiresAt },
      reason: data.rationale,
    });
    return { id: r.id, status: 'ACCEPTED' as const, acceptanceExpiresAt: expiresAt.toISOString() };
  });
}

/** Records that the risk was reviewed: the next review moves one cadence on. */
export async function reviewRisk(actor: Actor, input: { id: string; note: string }) {
  const data = reviewRiskSchema.parse(input);
  return db.$transaction(async (tx) => {
    const r = await lockRisk(tx, actor, data.id);
    authorize(actor, 'risks:manage', { ownerIds: [r.ownerId] });
    refuse(stateProblem(r, 'review'));
    const now = new Date();
    const next = nextReview(now, r.reviewCadenceDays);
    await tx.risk.update({ where: { id: r.id }, data: { lastReviewedAt: now, nextReviewAt: next } });
    await recordEvent(tx, actor, { action: 'risk.reviewed', entityType: 'risk', entityId: r.id, changes: { nextReviewAt: next.toISOString() }, reason: data.note });
    return { id: r.id, nextReviewAt: next.toISOString() };
  });
}

export async function closeRisk(actor: Actor, input: { id: string; reason: string }) {
  const data = closeRiskSchema.parse(input);
  authorize(actor, 'risks:manage');
  return db.$transaction(async (tx) => {
    const r = await lockRisk(tx, actor, data.id);
    refuse(stateProblem(r, 'close'));
    await tx.risk.update({ where: { id: r.id }, data: { status: 'CLOSED' } });
    await recordEvent(tx, actor, { action: 'risk.closed', entityType: 'risk', entityId: r.id, changes: { status: { from: r.status, to: 'CLOSED' } }, reason: data.reason });
    return { id: r.id, status: 'CLOSED' as const };
  });
}

const BATCH = 200;

/**
 * The scheduled job's mutation (as the job's system actor): accepted risks
 * whose acceptance has expired go back to open, each with a
 * `risk.acceptance_expired` event. Reads only show them as open.
 */
export async function reopenExpiredRiskAcceptances(actor: Actor, now = new Date()): Promise<number> {
  authorize(actor, 'risks:accept');
  let reopened = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; acceptanceExpiresAt: Date }[]>`
        SELECT "id", "acceptanceExpiresAt" FROM "Risk"
        WHERE "orgId" = ${actor.orgId} AND "status" = 'ACCEPTED' AND "acceptanceExpiresAt" <= ${now}
        ORDER BY "id" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      for (const r of rows) {
        await tx.risk.update({ where: { id: r.id }, data: { status: 'OPEN', acceptedById: null, acceptedAt: null, acceptanceRationale: null, acceptanceExpiresAt: null } });
        await recordEvent(tx, actor, {
          action: 'risk.acceptance_expired',
          entityType: 'risk',
          entityId: r.id,
          changes: { status: { from: 'ACCEPTED', to: 'OPEN' }, acceptanceExpiresAt: r.acceptanceExpiresAt.toISOString() },
          reason: 'The risk acceptance expired',
        });
      }
      return rows.length;
    });
    reopened += batch;
    if (batch < BATCH) return reopened;
  }
}

/** An administrator rewords one level of the 5 × 5 scale. */
export async function saveScaleLevel(actor: Actor, input: { axis: string; level: number | string; label: string; description: string }) {
  authorize(actor, 'risks:configure');
  const d = scaleLevelSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.riskScaleLevel.findUnique({ where: { orgId_axis_level: { orgId: actor.orgId, axis: d.axis, level: d.level } }, select: { label: true, description: true } });
    await tx.riskScaleLevel.upsert({
      where: { orgId_axis_level: { orgId: actor.orgId, axis: d.axis, level: d.level } },
      create: { orgId: actor.orgId, ...d },
      update: { label: d.label, description: d.description },
    });
    await recordEvent(tx, actor, { action: 'risk.scale_level_saved', entityType: 'risk-scale', entityId: `${d.axis}:${d.level}`, before, after: { label: d.label, description: d.description } });
    return d;
  });
}
