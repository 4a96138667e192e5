import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { MinimisationReason } from '../schema';
import { personalDatasetsWithUse } from './mutations';
import { isDevelopmentCopy, retentionDue } from './rules';

/**
 * The retention screen: the rules, each personal-data dataset with the rule
 * that applies and its deletion due date, and the deletion tasks the
 * retention job opened. "Past due" is the job's open task, not a read's clock.
 */
export async function retentionOverview(actor: Actor) {
  authorize(actor, 'privacy:read');
  const [rules, datasets, tasks] = await Promise.all([
    db.retentionRule.findMany({ where: { orgId: actor.orgId }, orderBy: [{ datasetId: 'asc' }, { category: 'asc' }] }),
    personalDatasetsWithUse(db, actor.orgId),
    db.privacyTask.findMany({ where: { orgId: actor.orgId, kind: 'DELETION', retentionRuleId: { not: null } }, orderBy: { createdAt: 'desc' }, take: 500 }),
  ]);
  const people = await db.user.findMany({ where: { orgId: actor.orgId, id: { in: [...new Set([...datasets.map((d) => d.ownerId), ...tasks.map((t) => t.assigneeId).filter((x): x is string => !!x)])] } }, select: { id: true, name: true } });
  const nameOf = (uid: string | null) => people.find((p) => p.id === uid)?.name ?? null;
  const dsName = (id: string | null) => datasets.find((d) => d.id === id)?.name ?? null;
  const manage = can(actor, 'privacy:manage');
  return {
    rules: rules.map((r) => ({ id: r.id, dataset: dsName(r.datasetId), datasetId: r.datasetId, category: r.category, periodDays: r.periodDays, event: r.event, eventName: r.eventName, eventAt: r.eventAt?.toISOString() ?? null, keepBasis: r.keepBasis })),
    datasets: datasets.map((d) => {
      const due = retentionDue(d, rules);
      const openTask = tasks.find((t) => t.datasetId === d.id && t.status === 'OPEN');
      return {
        id: d.id,
        name: d.name,
        owner: nameOf(d.ownerId),
        categories: d.personalDataCategories,
        classification: d.classification,
        storageLocation: d.storageLocation,
        rule: due ? `${due.rule.periodDays} days from ${due.from}${due.rule.datasetId ? '' : ` (category ${due.rule.category})`}` : null,
        keepBasis: due?.rule.keepBasis ?? null,
        dueAt: due?.dueAt.toISOString() ?? null,
        deletionTaskOpen: !!openTask,
        developmentCopy: isDevelopmentCopy(d),
        lastUsedAt: d.lastUsedAt?.toISOString() ?? null,
      };
    }),
    tasks: tasks.map((t) => ({
      id: t.id, title: t.title, status: t.status, dataset: dsName(t.datasetId), assignee: nameOf(t.assigneeId), createdAt: t.createdAt.toISOString(), doneAt: t.doneAt?.toISOString() ?? null, outcome: t.outcome, evidence: t.evidence,
      capabilities: { complete: t.status === 'OPEN' && (manage || can(actor, 'privacy:respond', { ownerIds: [t.assigneeId] })) },
    })),
    categories: [...new Set(datasets.flatMap((d) => d.personalDataCategories.map((c) => c.toLowerCase())))].sort(),
    capabilities: { manage },
  };
}

/** The minimisation reviews: all of them for privacy readers, one's own for a dataset owner. */
export async function listMinimisationReviews(actor: Actor) {
  const all = can(actor, 'privacy:read');
  if (!all) authorize(actor, 'privacy:respond', { ownerIds: [actor.userId] });
  const reviews = await db.minimisationReview.findMany({
    where: { orgId: actor.orgId, ...(all ? {} : { ownerId: actor.userId ?? '' }) },
    orderBy: [{ quarter: 'desc' }, { createdAt: 'asc' }],
    take: 500,
    include: { items: { select: { decision: true } } },
  });
  const owners = await db.user.findMany({ where: { id: { in: reviews.map((r) => r.ownerId) } }, select: { id: true, name: true } });
  return reviews.map((r) => ({
    id: r.id, quarter: r.quarter, owner: owners.find((o) => o.id === r.ownerId)?.name ?? '', dueAt: r.dueAt.toISOString(), completedAt: r.completedAt?.toISOString() ?? null,
    overdue: !!r.overdueAt && !r.completedAt, answered: r.items.filter((i) => i.decision).length, total: r.items.length,
  }));
}

/** Open minimisation reviews the person owns (the home page's flag); overdue is the job's mark. */
export async function myMinimisationReviews(actor: Actor) {
  if (!actor.userId || !can(actor, 'privacy:respond', { ownerIds: [actor.userId] })) return [];
  const rows = await db.minimisationReview.findMany({ where: { orgId: actor.orgId, ownerId: actor.userId, completedAt: null }, orderBy: { dueAt: 'asc' }, select: { id: true, quarter: true, dueAt: true, overdueAt: true } });
  return rows.map((r) => ({ id: r.id, quarter: r.quarter, dueAt: r.dueAt.toISOString(), overdue: !!r.overdueAt }));
}

export async function getMinimisationReview(actor: Actor, id: string) {
  const r = await db.minimisationReview.findFirst({ where: { id, orgId: actor.orgId }, include: { items: true } });
  if (!r) throw notFound('The minimisation review');
  if (!can(actor, 'privacy:read')) authorize(actor, 'privacy:respond', { ownerIds: [r.ownerId] });
  const [datasets, people] = await Promise.all([
    db.dataset.findMany({ where: { orgId: actor.orgId, id: { in: r.items.map((i) => i.datasetId) } }, select: { id: true, name: true, classification: true, storageLocation: true, personalDataCategories: true } }),
    db.user.findMany({ where: { orgId: actor.orgId, id: { in: [r.ownerId, ...r.items.map((i) => i.decidedById).filter((x): x is string => !!x)] } }, select: { id: true, name: true } }),
  ]);
  const nameOf = (uid: string | null) => people.find((p) => p.id === uid)?.name ?? null;
  const answer = can(actor, 'privacy:manage') || can(actor, 'privacy:respond', { ownerIds: [r.ownerId] });
  return {
    id: r.id, quarter: r.quarter, owner: nameOf(r.ownerId), dueAt: r.dueAt.toISOString(), completedAt: r.completedAt?.toISOString() ?? null, overdue: !!r.overdueAt && !r.completedAt,
    items: r.items.map((i) => {
      const d = datasets.find((x) => x.id === i.datasetId);
      return {
        id: i.id, dataset: d?.name ?? '(removed)', classification: d?.classification ?? null, storageLocation: d?.storageLocation ?? '', categories: d?.personalDataCategories ?? [],
        reasons: i.reasons as MinimisationReason[], decision: i.decision, note: i.note, evidence: i.evidence, decidedBy: nameOf(i.decidedById), decidedAt: i.decidedAt?.toISOString() ?? null,
        capabilities: { answer: answer && !i.decision },
      };
    }),
  };
}

/** Past retention at `at`: a personal-data dataset past the registry's deletion date, or with an open deletion task the retention job raised. */
export const pastRetentionWhere = (orgId: string, at: Date) => Prisma.sql`d."orgId" = ${orgId} AND d."personalData"
  AND (d."deletionDate" < ${at} OR EXISTS (SELECT 1 FROM "PrivacyTask" t WHERE t."datasetId" = d.id AND t.kind = 'DELETION' AND t.status = 'OPEN' AND t."retentionRuleId" IS NOT NULL))`;

export type PrivacyReviewFigures = {
  minimisationOverdue: number;
  pastRetention: number;
  overdueReviews: { id: string; quarter: string; owner: string; dueAt: string }[];
  datasetsPastRetention: { id: string; name: string; owner: string; deletionDate: string | null }[];
};

const REVIEW_LIST_LIMIT = 100;

/**
 * For the quarterly review meeting: the minimisation reviews overdue at the
 * quarter's end (or now, while it runs) — due before then and not completed
 * by then, whichever quarter opened them — and the datasets past retention.
 * Counts are exact; the lists stop at 100.
 */
export async function privacyReviewFigures(orgId: string, period: { start: Date; end: Date }, now = new Date()): Promise<PrivacyReviewFigures> {
  const at = period.end < now ? period.end : now;
  const overdueWhere = { orgId, dueAt: { lt: at }, OR: [{ completedAt: null }, { completedAt: { gt: at } }] };
  const [minimisationOverdue, reviews, pastCount, datasets] = await Promise.all([
    db.minimisationReview.count({ where: overdueWhere }),
    db.minimisationReview.findMany({ where: overdueWhere, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: REVIEW_LIST_LIMIT, select: { id: true, quarter: true, ownerId: true, dueAt: true } }),
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Dataset" d WHERE ${pastRetentionWhere(orgId, at)}`,
    db.$queryRaw<{ id: string; name: string; ownerId: string; deletionDate: Date | null }[]>`
      SELECT d.id, d.name, d."ownerId", d."deletionDate" FROM "Dataset" d WHERE ${pastRetentionWhere(orgId, at)} ORDER BY d.name, d.id LIMIT ${REVIEW_LIST_LIMIT}`,
  ]);
  const people = await db.user.findMany({ where: { orgId, id: { in: [...new Set([...reviews.map((r) => r.ownerId), ...datasets.map((d) => d.ownerId)])] } }, select: { id: true, name: true } });
  const nameOf = (uid: string) => people.find((p) => p.id === uid)?.name ?? '';
  return {
    minimisationOverdue,
    pastRetention: Number(pastCount[0]?.n ?? 0),
    overdueReviews: reviews.map((r) => ({ id: r.id, quarter: r.quarter, owner: nameOf(r.ownerId), dueAt: r.dueAt.toISOString() })),
    datasetsPastRetention: datasets.map((d) => ({ id: d.id, name: d.name, owner: nameOf(d.ownerId), deletionDate: d.deletionDate?.toISOString() ?? null })),
  };
}
