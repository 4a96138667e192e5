import 'server-only';
import { createHash } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { recordEvent } from '@/lib/audit/record';
import { addEvidence } from '@/lib/audits/evidence/mutations';
import { csvCell } from '@/lib/csv';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { notifyMany } from '@/lib/notifications/notify';
import type { Role } from '@/lib/auth/permissions';
import { revokeToken } from '@/lib/tokens/mutations';
import { deactivateUser } from '@/lib/users/mutations';
import { answerRefusal, mayReview, seesEveryItem } from './capabilities';
import { ACCESS_CONTROL_REQUIREMENTS, decideItemSchema, startAccessReviewSchema } from './schema';

// Node 20 has no Map.groupBy.
function byReviewerOf<T extends { reviewerId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(i.reviewerId, [...(out.get(i.reviewerId) ?? []), i]);
  return out;
}

/**
 * Starts a campaign: every active user's role and every active API token,
 * as they stand now, become items. Each goes to the person's manager (a
 * token: its creator's) when they have an active one who may review;
 * otherwise to the administrator who starts it, except their own, which go
 * to another active administrator when there is one (the report marks any
 * self-review). Every reviewer but the starter is told.
 */
export async function startAccessReview(actor: Actor, input: { title: string; dueInDays?: number | string }) {
  authorize(actor, 'users:manage');
  if (actor.kind !== 'user' || !actor.userId) throw new AppError('FORBIDDEN', 'An access review is started by a signed-in administrator.');
  const data = startAccessReviewSchema.parse(input);
  const starter = actor.userId;
  return db.$transaction(async (tx) => {
    const manager = { select: { id: true, role: true, active: true, orgId: true } } as const;
    const users = await tx.user.findMany({ where: { orgId: actor.orgId, active: true }, orderBy: { email: 'asc' }, select: { id: true, email: true, role: true, manager } });
    const tokens = await tx.apiToken.findMany({ where: { orgId: actor.orgId, revokedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true, prefix: true, scopes: true, createdById: true, createdBy: { select: { manager } } } });
    const other = users.find((u) => u.role === 'ADMIN' && u.id !== starter)?.id ?? starter;
    const reviewerFor = (userId: string, m: { id: string; role: Role; active: boolean; orgId: string } | null) =>
      m && m.active && m.id !== userId && m.orgId === actor.orgId && mayReview(m) ? m.id : userId === starter ? other : starter;
    const items = [
      ...users.map((u) => ({ kind: 'role', userId: u.id, subject: `${u.email}: ${u.role}`, reviewerId: reviewerFor(u.id, u.manager) })),
      ...tokens.map((t) => ({ kind: 'token', userId: t.createdById, tokenId: t.id, subject: `${t.name} (${t.prefix}…): ${t.scopes.join(', ')}`, reviewerId: reviewerFor(t.createdById, t.createdBy.manager) })),
    ];
    const review = await tx.accessReview.create({
      data: {
        orgId: actor.orgId,
        title: data.title,
        dueAt: new Date(Date.now() + data.dueInDays * 86_400_000),
        startedById: starter,
        items: { create: items },
      },
      select: { id: true, title: true, dueAt: true, _count: { select: { items: true } } },
    });
    const byReviewer = byReviewerOf(items);
    await recordEvent(tx, actor, { action: 'access_review.started', entityType: 'access_review', entityId: review.id, after: { title: review.title, dueAt: review.dueAt, roles: users.length, tokens: tokens.length, reviewers: Object.fromEntries([...byReviewer].map(([id, list]) => [id, list.length])) } });
    await notifyMany(
      tx,
      [...byReviewer].filter(([id]) => id !== starter).map(([id, list]) => ({
        orgId: actor.orgId,
        userIds: [id],
        kind: 'access_review.assigned' as const,
        title: `Access review “${review.title}”: ${list.length} item(s) for you to confirm or revoke`,
        body: `Confirm or revoke each role and API token assigned to you by ${review.dueAt.toISOString().slice(0, 10)}.`,
        link: `/admin/access-reviews/${review.id}`,
        entity: { type: 'access_review', id: review.id },
        dedupeKey: `access_review.assigned:${review.id}:${id}`,
      })),
    );
    return { id: review.id, items: review._count.items };
  });
}

/**
 * What revoking needs of the users and tokens domains (deactivateUser,
 * revokeToken), lent to the item's reviewer for this one call once
 * answerRefusal has passed: a manager revokes their report's access without
 * holding users:manage, and the trail names the manager.
 */
const asRevokingReviewer = (actor: Actor): Actor => ({ ...actor, grants: { any: [...new Set([...actor.grants.any, 'users:manage', 'tokens:manage'] as const)], own: actor.grants.own } });

/**
 * Confirms or revokes one item of an open campaign, by its reviewer or an
 * administrator (answerRefusal). Revoking a role deactivates the person
 * (sessions and tokens end, `deactivateUser`); revoking a token revokes it
 * (`revokeToken`). Both in the decision's transaction; an item is decided once.
 */
export async function decideAccessReviewItem(actor: Actor, input: { itemId: string; decision: 'CONFIRMED' | 'REVOKED'; note?: string }) {
  authorize(actor, 'access-reviews:answer', { ownerIds: [actor.userId] });
  const data = decideItemSchema.parse(input);
  return db.$transaction(async (tx) => {
    const item = await tx.accessReviewItem.findFirst({
      where: { id: data.itemId, review: { orgId: actor.orgId }, ...(seesEveryItem(actor) ? {} : { reviewerId: actor.userId! }) },
      select: { id: true, kind: true, userId: true, tokenId: true, subject: true, decision: true, reviewerId: true, review: { select: { id: true, status: true } }, user: { select: { active: true } } },
    });
    if (!item) throw notFound('The review item');
    const refusal = answerRefusal(actor, item, item.review.status === 'OPEN');
    if (refusal) throw new AppError(item.review.status !== 'OPEN' || item.decision ? 'CONFLICT' : 'FORBIDDEN', refusal);
    const claimed = await tx.accessReviewItem.updateMany({ where: { id: item.id, decision: null }, data: { decision: data.decision, decidedBy: actor.label, decidedAt: new Date(), note: data.note ?? null } });
    if (!claimed.count) throw new AppError('CONFLICT', 'This item has already been answered.');
    if (data.decision === 'REVOKED') {
      const revoker = asRevokingReviewer(actor);
      if (item.kind === 'role' && item.user.active) await deactivateUser(revoker, item.userId, tx);
      if (item.kind === 'token' && item.tokenId) {
        const token = await tx.apiToken.findFirst({ where: { id: item.tokenId, orgId: actor.orgId }, select: { revokedAt: true } });
        if (token && !token.revokedAt) await revokeToken(revoker, item.tokenId, tx);
      }
    }
    await recordEvent(tx, actor, { action: 'access_review.item_decided', entityType: 'access_review', entityId: item.review.id, changes: { itemId: item.id, kind: item.kind, subject: item.subject, decision: data.decision, note: data.note ?? null } });
    return { id: item.id, decision: data.decision };
  });
}

function reportCsv(review: { title: string; startedAt: Date; closedAt: Date }, items: { kind: string; subject: string; reviewer: string; selfReview: boolean; decision: string | null; decidedBy: string | null; decidedAt: Date | null; note: string | null; escalatedAt: Date | null }[]) {
  const header = ['kind', 'subject', 'reviewer', 'self_review', 'decision', 'decided_by', 'decided_at', 'note', 'escalated_at'];
  const rows = items.map((i) => [i.kind, i.subject, i.reviewer, i.selfReview ? 'yes' : 'no', i.decision, i.decidedBy, i.decidedAt?.toISOString(), i.note, i.escalatedAt?.toISOString()]);
  const meta = [`# ${review.title}`, `# started ${review.startedAt.toISOString()}, closed ${review.closedAt.toISOString()}`, `# ${items.length} items, ${items.filter((i) => i.decision === 'REVOKED').length} revoked`];
  return [...meta, header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

/**
 * Closes a campaign once every item is answered: its report (who reviewed
 * what, what was revoked) is filed as evidence linked to the organisation's
 * access-control requirements (SOC 2 CC6.2/CC6.3, ISO/IEC 27001 A.5.18, HIPAA
 * 164.308(a)(4), those it has), and the campaign is frozen. Needs a fresh factor.
 */
export async function closeAccessReview(actor: Actor, id: string) {
  authorize(actor, 'users:manage');
  requireFreshFactor(actor);
  const review = await db.accessReview.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true, title: true, status: true, startedAt: true,
      items: { orderBy: [{ kind: 'asc' }, { subject: 'asc' }], select: { kind: true, subject: true, userId: true, decision: true, decidedBy: true, decidedAt: true, note: true, escalatedAt: true, reviewer: { select: { id: true, email: true } } } },
    },
  });
  if (!review) throw notFound('The access review');
  if (review.status !== 'OPEN') throw new AppError('CONFLICT', 'This access review is already closed.');
  const open = review.items.filter((i) => !i.decision).length;
  if (open) throw new AppError('CONFLICT', `${open} item(s) are still unanswered; every role and token must be confirmed or revoked before closing.`);
  const closedAt = new Date();
  const csv = reportCsv({ ...review, closedAt }, review.items.map((i) => ({ ...i, reviewer: i.reviewer.email, selfReview: i.reviewer.id === i.userId })));
  const reportSha256 = createHash('sha256').update(csv).digest('hex');
  const requirements = await db.requirement.findMany({
    where: { orgId: actor.orgId, OR: ACCESS_CONTROL_REQUIREMENTS.map(([key, ref]) => ({ ref, framework: { key } })) },
    select: { id: true },
  });
  const evidence = await addEvidence(
    actor,
    { title: `Access review: ${review.title}`, description: `Every user's role and every API token, confirmed or revoked (${review.items.filter((i) => i.decision === 'REVOKED').length} revoked of ${review.items.length}).`, requirementIds: requirements.map((r) => r.id) },
    { name: `access-review-${review.id}.csv`, bytes: Buffer.from(csv, 'utf8') },
  );
  return db.$transaction(async (tx) => {
    const closed = await tx.accessReview.updateMany({ where: { id, status: 'OPEN' }, data: { status: 'CLOSED', closedAt, closedById: actor.userId, evidenceId: evidence.id, reportSha256 } });
    if (!closed.count) throw new AppError('CONFLICT', 'This access review was closed meanwhile.');
    await recordEvent(tx, actor, { action: 'access_review.closed', entityType: 'access_review', entityId: id, changes: { evidenceId: evidence.id, reportSha256, items: review.items.length, revoked: review.items.filter((i) => i.decision === 'REVOKED').length, requirementIds: requirements.map((r) => r.id) } });
    return { id, evidenceId: evidence.id, reportSha256, requirements: requirements.length };
  });
}

/**
 * Job: items still unanswered after the due date are escalated once, and
 * marked so: each reviewer is told of their own overdue items, and every
 * active administrator of them all.
 */
export async function escalateOverdueAccessReviews(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'users:manage');
  return db.$transaction(async (tx) => {
    const reviews = await tx.accessReview.findMany({ where: { orgId: actor.orgId, status: 'OPEN', dueAt: { lt: now } }, select: { id: true, title: true } });
    let escalated = 0;
    for (const r of reviews) {
      const overdue = await tx.accessReviewItem.findMany({ where: { reviewId: r.id, decision: null, escalatedAt: null }, select: { id: true, reviewerId: true } });
      if (!overdue.length) continue;
      const marked = await tx.accessReviewItem.updateMany({ where: { id: { in: overdue.map((i) => i.id) }, decision: null, escalatedAt: null }, data: { escalatedAt: now } });
      escalated += marked.count;
      const admins = await tx.user.findMany({ where: { orgId: actor.orgId, role: 'ADMIN', active: true }, select: { id: true } });
      const adminIds = new Set(admins.map((a) => a.id));
      const byReviewer = byReviewerOf(overdue);
      await recordEvent(tx, actor, { action: 'access_review.escalated', entityType: 'access_review', entityId: r.id, changes: { items: marked.count, reviewers: [...byReviewer.keys()], notified: admins.length } });
      const link = `/admin/access-reviews/${r.id}`;
      const entity = { type: 'access_review', id: r.id };
      await notifyMany(tx, [
        ...[...byReviewer].filter(([id]) => !adminIds.has(id)).map(([id, list]) => ({
          orgId: actor.orgId,
          userIds: [id],
          kind: 'access_review.overdue' as const,
          title: `Access review “${r.title}”: ${list.length} of your item(s) unanswered past the due date`,
          body: 'Confirm or revoke each role and token assigned to you; the administrators have been told.',
          link,
          entity,
          dedupeKey: `access_review.overdue:${r.id}:${id}:${now.toISOString()}`,
        })),
        {
          orgId: actor.orgId,
          userIds: [...adminIds],
          kind: 'access_review.overdue' as const,
          title: `Access review “${r.title}”: ${marked.count} item(s) unanswered past the due date`,
          body: 'Confirm or revoke each remaining role and token (or ask their reviewers to), then close the review.',
          link,
          entity,
          dedupeKey: `access_review.overdue:${r.id}:${now.toISOString()}`,
        },
      ]);
    }
    return escalated;
  });
}
