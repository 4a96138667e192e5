import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { answerRefusal, seesEveryItem } from './capabilities';

/** Administrators see every item; a reviewer (a manager) only those assigned to them. In the where clause. */
function itemScope(actor: Actor): Prisma.AccessReviewItemWhereInput {
  authorize(actor, 'access-reviews:answer', { ownerIds: [actor.userId] });
  return seesEveryItem(actor) ? {} : { reviewerId: actor.userId! };
}

export async function listAccessReviews(actor: Actor) {
  const scope = itemScope(actor);
  const rows = await db.accessReview.findMany({
    where: { orgId: actor.orgId, ...(seesEveryItem(actor) ? {} : { items: { some: scope } }) },
    orderBy: { startedAt: 'desc' },
    take: 50,
    select: { id: true, title: true, status: true, dueAt: true, startedAt: true, closedAt: true, _count: { select: { items: { where: scope } } } },
  });
  const open = await db.accessReviewItem.groupBy({ by: ['reviewId'], where: { ...scope, reviewId: { in: rows.map((r) => r.id) }, decision: null }, _count: { _all: true } });
  const openBy = new Map(open.map((o) => [o.reviewId, o._count._all]));
  return {
    reviews: rows.map((r) => ({ id: r.id, title: r.title, status: r.status, dueAt: r.dueAt.toISOString(), startedAt: r.startedAt.toISOString(), closedAt: r.closedAt?.toISOString() ?? null, items: r._count.items, unanswered: openBy.get(r.id) ?? 0 })),
    capabilities: { start: can(actor, 'users:manage'), everyItem: seesEveryItem(actor) },
  };
}

export async function getAccessReview(actor: Actor, id: string) {
  const scope = itemScope(actor);
  const r = await db.accessReview.findFirst({
    where: { id, orgId: actor.orgId, ...(seesEveryItem(actor) ? {} : { items: { some: scope } }) },
    select: {
      id: true, title: true, status: true, dueAt: true, startedAt: true, closedAt: true, evidenceId: true, reportSha256: true,
      items: { where: scope, orderBy: [{ kind: 'asc' }, { subject: 'asc' }], select: { id: true, kind: true, userId: true, subject: true, decision: true, decidedBy: true, decidedAt: true, note: true, escalatedAt: true, reviewerId: true, reviewer: { select: { email: true } } } },
    },
  });
  if (!r) throw notFound('The access review');
  const open = r.status === 'OPEN';
  return {
    ...r,
    dueAt: r.dueAt.toISOString(),
    startedAt: r.startedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    items: r.items.map(({ userId: _u, reviewerId: _r, ...i }) => ({ ...i, reviewer: i.reviewer.email, decidedAt: i.decidedAt?.toISOString() ?? null, escalatedAt: i.escalatedAt?.toISOString() ?? null, capabilities: { decide: !answerRefusal(actor, { ...i, userId: _u, reviewerId: _r }, open) } })),
    capabilities: { close: open && can(actor, 'users:manage') && r.items.every((i) => i.decision), everyItem: seesEveryItem(actor) },
  };
}
