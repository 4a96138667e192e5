import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { notify } from '@/lib/notifications/notify';
import { quarterOf, quarterPeriod } from '@/lib/quarter';
import { conflict, invalid } from '../checks';
import { minimisationAnswerSchema, retentionRuleSchema, type MinimisationAnswerInput, type RetentionRuleInput } from '../schema';
import { minimisationReasons, retentionDue } from './rules';

const DAY = 86_400_000;
/** A minimisation review is due this long after its quarter starts (a review opened later gets at least MINIMISATION_MIN_DAYS, within the quarter). */
export const MINIMISATION_REVIEW_DAYS = 30;
export const MINIMISATION_MIN_DAYS = 14;

/** Adds or replaces the retention rule of a dataset or of a personal-data category. */
export async function saveRetentionRule(actor: Actor, input: RetentionRuleInput) {
  authorize(actor, 'privacy:manage');
  const data = retentionRuleSchema.parse(input);
  return db.$transaction(async (tx) => {
    if (data.datasetId) {
      const d = await tx.dataset.findFirst({ where: { id: data.datasetId, orgId: actor.orgId }, select: { id: true } });
      if (!d) throw invalid('datasetId', `Unknown dataset: ${data.datasetId}.`);
    }
    const key = data.datasetId ? { orgId_datasetId: { orgId: actor.orgId, datasetId: data.datasetId } } : { orgId_category: { orgId: actor.orgId, category: data.category!.toLowerCase() } };
    const before = await tx.retentionRule.findUnique({ where: key });
    const values = { periodDays: data.periodDays, event: data.event, eventName: data.event === 'EVENT_DATE' ? data.eventName : '', eventAt: data.event === 'EVENT_DATE' ? data.eventAt! : null, keepBasis: data.keepBasis };
    const rule = before
      ? await tx.retentionRule.update({ where: { id: before.id }, data: values })
      : await tx.retentionRule.create({ data: { orgId: actor.orgId, datasetId: data.datasetId ?? null, category: data.category?.toLowerCase() ?? null, createdById: actor.userId ?? 'system', ...values } });
    await recordEvent(tx, actor, {
      action: before ? 'privacy.retention_rule_updated' : 'privacy.retention_rule_created',
      entityType: 'retention-rule',
      entityId: rule.id,
      before: before ? { periodDays: before.periodDays, event: before.event, eventAt: before.eventAt?.toISOString() ?? null, keepBasis: before.keepBasis } : undefined,
      after: { datasetId: rule.datasetId, category: rule.category, periodDays: rule.periodDays, event: rule.event, eventName: rule.eventName, eventAt: rule.eventAt?.toISOString() ?? null, keepBasis: rule.keepBasis },
    });
    return { id: rule.id, datasetId: rule.datasetId, category: rule.category, periodDays: rule.periodDays };
  });
}

export async function deleteRetentionRule(actor: Actor, id: string) {
  authorize(actor, 'privacy:manage');
  return db.$transaction(async (tx) => {
    const rule = await tx.retentionRule.findFirst({ where: { id, orgId: actor.orgId } });
    if (!rule) throw notFound('The retention rule');
    await tx.retentionRule.delete({ where: { id } });
    await recordEvent(tx, actor, { action: 'privacy.retention_rule_deleted', entityType: 'retention-rule', entityId: id, before: { datasetId: rule.datasetId, category: rule.category, periodDays: rule.periodDays, keepBasis: rule.keepBasis } });
    return { id };
  });
}

async function datasetsWithUse(tx: Tx | typeof db, orgId: string) {
  const datasets = await tx.dataset.findMany({
    where: { orgId, personalData: true },
    select: { id: true, name: true, ownerId: true, createdAt: true, personalDataCategories: true, storageLocation: true, classification: true, personalData: true, deletionDate: true },
    orderBy: { name: 'asc' },
  });
  const usage = datasets.length
    ? await tx.$queryRaw<{ datasetId: string; lastUsedAt: Date }[]>`
        SELECT du."datasetId", max(v."createdAt") AS "lastUsedAt" FROM "DatasetUsage" du JOIN "ModelVersion" v ON v.id = du."versionId"
        WHERE du."datasetId" = ANY(${datasets.map((d) => d.id)}::text[]) GROUP BY du."datasetId"`
    : [];
  const last = new Map(usage.map((u) => [u.datasetId, u.lastUsedAt]));
  return datasets.map((d) => ({ ...d, lastUsedAt: last.get(d.id) ?? null }));
}
export { datasetsWithUse as personalDatasetsWithUse };

/**
 * The retention job: for every personal-data dataset whose retention period
 * has run out, one deletion task for its owner (with the rule that made it
 * due), a notification and an audit event. A rule changed after its task was
 * opened may open a new one; otherwise a dataset gets one task per rule.
 */
export async function openRetentionTasks(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'privacy:manage');
  return db.$transaction(async (tx) => {
    const [rules, datasets] = await Promise.all([tx.retentionRule.findMany({ where: { orgId: actor.orgId } }), datasetsWithUse(tx, actor.orgId)]);
    if (!rules.length) return 0;
    const existing = await tx.privacyTask.findMany({ where: { orgId: actor.orgId, kind: 'DELETION', retentionRuleId: { not: null } }, select: { datasetId: true, retentionRuleId: true, createdAt: true } });
    let opened = 0;
    for (const d of datasets) {
      const due = retentionDue(d, rules);
      if (!due || due.dueAt > now) continue;
      const rule = rules.find((r) => r.id === due.rule.id)!;
      if (existing.some((t) => t.datasetId === d.id && t.retentionRuleId === rule.id && t.createdAt >= rule.updatedAt)) continue;
      const task = await tx.privacyTask.create({
        data: { orgId: actor.orgId, kind: 'DELETION', title: `Retention period over: delete the personal data in ${d.name}`, assigneeId: d.ownerId, datasetId: d.id, retentionRuleId: rule.id },
        select: { id: true },
      });
      await notify(tx, {
        orgId: actor.orgId, userIds: [d.ownerId], kind: 'privacy.retention_due',
        title: `${d.name} is past its retention period`, body: `Due ${due.dueAt.toISOString().slice(0, 10)} (${rule.periodDays} days from ${due.from}). Delete the data and record the evidence.`,
        // The owner records the deletion on their home page (the retention screen is the privacy team's).
        link: '/', entity: { type: 'privacy-task', id: task.id }, dedupeKey: `retention:${task.id}`,
      });
      await recordEvent(tx, actor, { action: 'privacy.retention_due', entityType: 'privacy-task', entityId: task.id, after: { datasetId: d.id, retentionRuleId: rule.id, dueAt: due.dueAt.toISOString() } });
      opened++;
    }
    return opened;
  });
}

/**
 * The minimisation job: at the start of each quarter, one review per dataset
 * owner listing their personal-data datasets past retention, without recent
 * use, or kept as development copies of restricted data; and reviews past
 * their due date unanswered are marked overdue (once, audited, the owner told).
 */
export async function runMinimisationReviews(actor: Actor, now: Date): Promise<{ opened: number; overdue: number }> {
  authorize(actor, 'privacy:manage');
  return db.$transaction(async (tx) => {
    const quarter = quarterOf(now);
    const { start, end } = quarterPeriod(quarter);
    // "Recent" is this quarter or the last.
    const recentSince = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 3, 1));
    const [rules, datasets, open] = await Promise.all([
      tx.retentionRule.findMany({ where: { orgId: actor.orgId } }),
      datasetsWithUse(tx, actor.orgId),
      tx.minimisationReview.findMany({ where: { orgId: actor.orgId, quarter }, select: { ownerId: true } }),
    ]);
    const reviewed = new Set(open.map((r) => r.ownerId));
    const byOwner = new Map<string, { datasetId: string; reasons: string[] }[]>();
    for (const d of datasets) {
      if (reviewed.has(d.ownerId)) continue;
      const reasons = minimisationReasons(d, rules, now, recentSince);
      if (reasons.length) byOwner.set(d.ownerId, [...(byOwner.get(d.ownerId) ?? []), { datasetId: d.id, reasons }]);
    }
    const dueAt = new Date(Math.min(end.getTime(), Math.max(start.getTime() + MINIMISATION_REVIEW_DAYS * DAY, now.getTime() + MINIMISATION_MIN_DAYS * DAY)));
    for (const [ownerId, items] of byOwner) {
      const review = await tx.minimisationReview.create({ data: { orgId: actor.orgId, ownerId, quarter, dueAt, items: { create: items } }, select: { id: true } });
      await notify(tx, { orgId: actor.orgId, userIds: [ownerId], kind: 'privacy.retention_due', title: `Data-minimisation review ${quarter}: ${items.length} dataset${items.length === 1 ? '' : 's'} to answer`, body: `Keep (with the reason) or delete (with the evidence) each one by ${dueAt.toISOString().slice(0, 10)}.`, link: `/privacy/minimisation/${review.id}`, entity: { type: 'minimisation-review', id: review.id }, dedupeKey: `minimisation:${review.id}` });
      await recordEvent(tx, actor, { action: 'privacy.minimisation_review_opened', entityType: 'minimisation-review', entityId: review.id, after: { quarter, ownerId, dueAt: dueAt.toISOString(), datasets: items.map((i) => ({ datasetId: i.datasetId, reasons: i.reasons })) } });
    }
    const late = await tx.$queryRaw<{ id: string; ownerId: string; quarter: string }[]>`
      UPDATE "MinimisationReview" SET "overdueAt" = ${now}
      WHERE "orgId" = ${actor.orgId} AND "completedAt" IS NULL AND "overdueAt" IS NULL AND "dueAt" < ${now}
      RETURNING id, "ownerId", quarter`;
    for (const r of late) {
      await notify(tx, { orgId: actor.orgId, userIds: [r.ownerId], kind: 'privacy.retention_due', title: `Your data-minimisation review ${r.quarter} is overdue`, link: `/privacy/minimisation/${r.id}`, entity: { type: 'minimisation-review', id: r.id }, dedupeKey: `minimisation-overdue:${r.id}` });
      await recordEvent(tx, actor, { action: 'privacy.minimisation_review_overdue', entityType: 'minimisation-review', entityId: r.id, changes: { overdue: true }, reason: `${r.quarter} review passed its due date unanswered` });
    }
    return { opened: byOwner.size, overdue: late.length };
  });
}

/**
 * The owner (or a privacy officer) answers one dataset of a review: keep with
 * the reason, or delete with the deletion evidence. The last answer completes
 * the review, in the same transaction.
 */
export async function answerMinimisationItem(actor: Actor, input: MinimisationAnswerInput, opts: { now?: Date } = {}) {
  const data = minimisationAnswerSchema.parse(input);
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const item = await tx.minimisationItem.findFirst({ where: { id: data.itemId, review: { orgId: actor.orgId } }, include: { review: { select: { id: true, ownerId: true, completedAt: true } } } });
    if (!item) throw notFound('The review item');
    if (!can(actor, 'privacy:manage')) authorize(actor, 'privacy:respond', { ownerIds: [item.review.ownerId] });
    await tx.$queryRaw`SELECT id FROM "MinimisationReview" WHERE id = ${item.review.id} FOR UPDATE`;
    if (item.decision) throw conflict('This dataset is already answered in the review.');
    await tx.minimisationItem.update({ where: { id: item.id }, data: { decision: data.decision, note: data.note, evidence: data.evidence, decidedById: actor.userId, decidedAt: now } });
    const remaining = await tx.minimisationItem.count({ where: { reviewId: item.review.id, decision: null } });
    if (remaining === 0) await tx.minimisationReview.update({ where: { id: item.review.id }, data: { completedAt: now } });
    await recordEvent(tx, actor, {
      action: 'privacy.minimisation_answered',
      entityType: 'minimisation-review',
      entityId: item.review.id,
      after: { datasetId: item.datasetId, decision: data.decision, note: data.note || null, evidence: data.evidence || null, reviewCompleted: remaining === 0 },
    });
    return { id: item.id, decision: data.decision, reviewCompleted: remaining === 0 };
  });
}
