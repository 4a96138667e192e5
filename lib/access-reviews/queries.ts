import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';

export async function listAccessReviews(actor: Actor) {
  authorize(actor, 'users:manage');
  const rows = await db.accessReview.findMany({
    where: { orgId: actor.orgId },
    orderBy: { startedAt: 'desc' },
    take: 50,
    select: { id: true, title: true, status: true, dueAt: true, startedAt: true, closedAt: true, _count: { select: { items: true } } },
  });
  const open = await db.accessReviewItem.groupBy({ by: ['reviewId'], where: { reviewId: { in: rows.map((r) => r.id) }, decision: null }, _count: { _all: true } });
  const openBy = new Map(open.map((o) => [o.reviewId, o._count._all]));
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, dueAt: r.dueAt.toISOString(), startedAt: r.startedAt.toISOString(), closedAt: r.closedAt?.toISOString() ?? null, items: r._count.items, unanswered: openBy.get(r.id) ?? 0 }));
}

export async function getAccessReview(actor: Actor, id: string) {
  authorize(actor, 'users:manage');
  const r = await db.accessReview.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true, title: true, status: true, dueAt: true, startedAt: true, closedAt: true, evidenceId: true, reportSha256: true,
      items: { orderBy: [{ kind: 'asc' }, { subject: 'asc' }], select: { id: true, kind: true, subject: true, decision: true, decidedBy: true, decidedAt: true, note: true, escalatedAt: true, reviewer: { select: { email: true } } } },
    },
  });
  if (!r) throw notFound('The access review');
  const open = r.status === 'OPEN';
  return {
    ...r,
    dueAt: r.dueAt.toISOString(),
    startedAt: r.startedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    items: r.items.map((i) => ({ ...i, reviewer: i.reviewer.email, decidedAt: i.decidedAt?.toISOString() ?? null, escalatedAt: i.escalatedAt?.toISOString() ?? null, capabilities: { decide: open && !i.decision } })),
    capabilities: { close: open && r.items.every((i) => i.decision) },
  };
}
