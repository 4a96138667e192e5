import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
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
