import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { personBehind } from '@/lib/auth/person';
import { entityHistory } from '@/lib/audit/queries';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { categoryLabel } from './categories';
import { acceptanceProblem, mayUpdateRiskTask, riskCapabilities, stateProblem } from './rules';
import { mergeScale, type ScaleLevel } from './scale';
import { listRisksQuerySchema, type HeatMap, type ListRisksQuery, type RiskDetail, type RiskSummary } from './schema';

/** An acceptance past its expiry counts as open in every read, before the job writes it down. */
const expiredAcceptance = (now: Date): Prisma.RiskWhereInput => ({ status: 'ACCEPTED', acceptanceExpiresAt: { lte: now } });

export function riskFilterWhere(actor: Actor, q: ReturnType<typeof listRisksQuerySchema.parse>, now = new Date()): Prisma.RiskWhereInput {
  const and: Prisma.RiskWhereInput[] = [{ orgId: actor.orgId }];
  if (q.q) and.push({ OR: [{ title: { contains: q.q, mode: 'insensitive' } }, { ref: { contains: q.q, mode: 'insensitive' } }] });
  if (q.category) and.push({ category: q.category });
  if (q.status === 'OPEN') and.push({ OR: [{ status: 'OPEN' }, expiredAcceptance(now)] });
  else if (q.status === 'ACCEPTED') and.push({ status: 'ACCEPTED', acceptanceExpiresAt: { gt: now } });
  else if (q.status) and.push({ status: q.status });
  if (q.treatment) and.push({ treatment: q.treatment });
  if (q.systemId) and.push({ systems: { some: { systemId: q.systemId } } });
  if (q.ownerId) and.push({ ownerId: q.ownerId });
  if (q.minScore) and.push({ OR: [{ residualScore: { gte: q.minScore } }, { residualScore: null, inherentScore: { gte: q.minScore } }] });
  if (q.reviewOverdue === 'true') and.push({ status: { not: 'CLOSED' }, nextReviewAt: { lt: now } });
  return { AND: and };
}

export const summarySelect = {
  id: true, ref: true, title: true, category: true, status: true, treatment: true,
  inherentLikelihood: true, inherentImpact: true, inherentScore: true,
  residualLikelihood: true, residualImpact: true, residualScore: true,
  ownerId: true, owner: { select: { name: true } }, nextReviewAt: true, acceptanceExpiresAt: true,
} satisfies Prisma.RiskSelect;

type SummaryRow = Prisma.RiskGetPayload<{ select: typeof summarySelect }>;

export function toSummary(r: SummaryRow, now = Date.now()): RiskSummary {
  const acceptanceExpired = r.status === 'ACCEPTED' && !!r.acceptanceExpiresAt && r.acceptanceExpiresAt.getTime() <= now;
  const status = acceptanceExpired ? 'OPEN' : r.status;
  return {
    id: r.id, ref: r.ref, title: r.title, category: r.category, categoryLabel: categoryLabel(r.category), status, acceptanceExpired, treatment: r.treatment,
    inherentLikelihood: r.inherentLikelihood, inherentImpact: r.inherentImpact, inherentScore: r.inherentScore,
    residualLikelihood: r.residualLikelihood, residualImpact: r.residualImpact, residualScore: r.residualScore,
    ownerId: r.ownerId, ownerName: r.owner.name,
    nextReviewAt: r.nextReviewAt.toISOString(),
    reviewOverdue: status !== 'CLOSED' && r.nextReviewAt.getTime() < now,
    acceptanceExpiresAt: r.acceptanceExpiresAt?.toISOString() ?? null,
  };
}

const ORDER: Record<string, Prisma.RiskOrderByWithRelationInput[]> = {
  residual: [{ residualScore: { sort: 'desc', nulls: 'first' } }, { inherentScore: 'desc' }, { id: 'asc' }],
  inherent: [{ inherentScore: 'desc' }, { id: 'asc' }],
  nextReview: [{ nextReviewAt: 'asc' }, { id: 'asc' }],
  ref: [{ ref: 'asc' }],
};

export async function listRisks(actor: Actor, input: ListRisksQuery = {}) {
  authorize(actor, 'risks:read');
  const q = listRisksQuerySchema.parse(input);
  const where = riskFilterWhere(actor, q);
  const [rows, total] = await Promise.all([
    db.risk.findMany({ where, orderBy: ORDER[q.sort], skip: (q.page - 1) * q.pageSize, take: q.pageSize, select: summarySelect }),
    db.risk.count({ where }),
  ]);
  const now = Date.now();
  return { items: rows.map((r) => toSummary(r, now)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * Counts per likelihood × impact cell, inherent and residual, grouped in
 * the database (closed risks left out), with the same filters as the list.
 */
export async function riskHeatMap(actor: Actor, input: ListRisksQuery = {}): Promise<HeatMap> {
  authorize(actor, 'risks:read');
  const q = listRisksQuerySchema.parse(input);
  const where: Prisma.RiskWhereInput = { AND: [riskFilterWhere(actor, q), { status: { not: 'CLOSED' } }] };
  const [inherent, residual, total, unscoredResidual] = await Promise.all([
    db.risk.groupBy({ by: ['inherentLikelihood', 'inherentImpact'], where, _count: { _all: true } }),
    db.risk.groupBy({ by: ['residualLikelihood', 'residualImpact'], where: { AND: [where, { residualScore: { not: null } }] }, _count: { _all: true } }),
    db.risk.count({ where }),
    db.risk.count({ where: { AND: [where, { residualScore: null }] } }),
  ]);
  return {
    inherent: inherent.map((c) => ({ likelihood: c.inherentLikelihood, impact: c.inherentImpact, count: c._count._all })),
    residual: residual.map((c) => ({ likelihood: c.residualLikelihood!, impact: c.residualImpact!, count: c._count._all })),
    unscoredResidual,
    total,
  };
}

export async function riskScale(actor: Actor): Promise<ScaleLevel[]> {
  authorize(actor, 'risks:read');
  const custom = await db.riskScaleLevel.findMany({ where: { orgId: actor.orgId }, select: { axis: true, level: true, label: true, description: true } });
  return mergeScale(custom);
}

type HistoryChange = { from: unknown; to: unknown };
const asPair = (c: unknown) => (c && typeof c === 'object' && 'to' in c ? (c as HistoryChange) : null);

export async function getRisk(actor: Actor, id: string): Promise<RiskDetail> {
  authorize(actor, 'risks:read');
  const r = await db.risk.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      ...summarySelect,
      description: true, treatmentPlan: true, reviewCadenceDays: true, lastReviewedAt: true, acceptedAt: true, acceptanceRationale: true, createdAt: true,
      acceptedBy: { select: { name: true } },
      systems: { select: { system: { select: { id: true, name: true } } } },
      models: { select: { model: { select: { id: true, name: true } } } },
      datasets: { select: { dataset: { select: { id: true, name: true } } } },
      requirements: { select: { requirement: { select: { id: true, ref: true, title: true } } } },
      controls: { select: { control: { select: { id: true, key: true, name: true } } } },
      tasks: { orderBy: [{ status: 'asc' }, { dueDate: 'asc' }], select: { id: true, title: true, ownerId: true, dueDate: true, status: true, doneAt: true, owner: { select: { name: true } } } },
    },
  });
  if (!r) throw notFound('The risk');
  const [person, history] = await Promise.all([personBehind(db, actor), entityHistory(actor, 'risks:read', 'risk', id, 200)]);
  const summary = toSummary(r);
  const facts = { ownerId: r.ownerId, status: summary.status };
  const scoreHistory = history
    .map((h) => {
      const ch = (h.changes ?? {}) as Record<string, unknown>;
      const inherent = asPair(ch.inherent);
      const residual = asPair(ch.residual);
      const status = asPair(ch.status);
      if (!inherent && !residual && !status) return null;
      const text = (c: HistoryChange | null) => (c ? `${c.from ?? '—'} → ${c.to ?? '—'}` : null);
      return { at: h.at, actor: h.actorLabel, action: h.action, inherent: text(inherent), residual: text(residual), reason: h.reason ?? (status ? `Status ${String(status.from)} → ${String(status.to)}` : null) };
    })
    .filter((x): x is NonNullable<typeof x> => !!x);
  const capabilities = riskCapabilities(actor, person, facts);
  return {
    ...summary,
    description: r.description,
    treatmentPlan: r.treatmentPlan,
    reviewCadenceDays: r.reviewCadenceDays,
    lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null,
    acceptedByName: summary.status === 'ACCEPTED' ? (r.acceptedBy?.name ?? null) : null,
    acceptedAt: summary.status === 'ACCEPTED' ? (r.acceptedAt?.toISOString() ?? null) : null,
    acceptanceRationale: summary.status === 'ACCEPTED' ? r.acceptanceRationale : null,
    createdAt: r.createdAt.toISOString(),
    systems: r.systems.map((x) => ({ id: x.system.id, label: x.system.name })),
    models: r.models.map((x) => ({ id: x.model.id, label: x.model.name })),
    datasets: r.datasets.map((x) => ({ id: x.dataset.id, label: x.dataset.name })),
    requirements: r.requirements.map((x) => ({ id: x.requirement.id, label: `${x.requirement.ref} ${x.requirement.title}` })),
    controls: r.controls.map((x) => ({ id: x.control.id, label: `${x.control.key} ${x.control.name}` })),
    tasks: r.tasks.map((t) => ({
      id: t.id, title: t.title, ownerId: t.ownerId, ownerName: t.owner.name, dueDate: t.dueDate.toISOString(), status: t.status, doneAt: t.doneAt?.toISOString() ?? null,
      overdue: t.status === 'OPEN' && t.dueDate.getTime() < Date.now(), canUpdate: mayUpdateRiskTask(actor, person, facts, t),
    })),
    scoreHistory,
    capabilities,
    acceptRefusal: capabilities.accept ? null : (stateProblem(facts, 'accept') ?? acceptanceProblem(actor, person, facts)),
  };
}

/** The highest residual (else inherent) risks of one AI system, for the system's page. */
export async function topRisksForSystem(actor: Actor, systemId: string, take = 5) {
  authorize(actor, 'risks:read');
  const rows = await db.risk.findMany({
    where: { orgId: actor.orgId, status: { not: 'CLOSED' }, systems: { some: { systemId } } },
    orderBy: ORDER.residual,
    take,
    select: summarySelect,
  });
  const now = Date.now();
  return rows.map((r) => toSummary(r, now));
}

export type SystemTopRisk = { id: string; ref: string; title: string; score: number; residual: boolean };

/**
 * The top open or accepted risks of each of these systems (residual score,
 * else inherent), ranked in one query, for the AI systems page.
 */
export async function topRisksBySystem(actor: Actor, systemIds: string[], take = 3): Promise<Record<string, SystemTopRisk[]>> {
  authorize(actor, 'risks:read');
  if (!systemIds.length) return {};
  const rows = await db.$queryRaw<{ systemId: string; id: string; ref: string; title: string; score: number; residual: boolean }[]>`
    SELECT "systemId", "id", "ref", "title", "score", "residual" FROM (
      SELECT rs."systemId", r."id", r."ref", r."title", COALESCE(r."residualScore", r."inherentScore") AS "score", r."residualScore" IS NOT NULL AS "residual",
             ROW_NUMBER() OVER (PARTITION BY rs."systemId" ORDER BY COALESCE(r."residualScore", r."inherentScore") DESC, r."inherentScore" DESC, r."id") AS n
      FROM "RiskSystem" rs JOIN "Risk" r ON r."id" = rs."riskId"
      WHERE r."orgId" = ${actor.orgId} AND r."status" <> 'CLOSED' AND rs."systemId" = ANY(${systemIds})
    ) ranked WHERE n <= ${take} ORDER BY "systemId", n`;
  const out: Record<string, SystemTopRisk[]> = {};
  for (const r of rows) (out[r.systemId] ??= []).push({ id: r.id, ref: r.ref, title: r.title, score: Number(r.score), residual: r.residual });
  return out;
}

/** What the register page may offer this actor. */
export function registerCapabilities(actor: Actor) {
  return { create: can(actor, 'risks:manage'), configure: can(actor, 'risks:configure'), import: can(actor, 'risks:manage') };
}

// The quarterly review's risk figures (lib/reviews).
export { riskReviewFigures } from './review-figures';
