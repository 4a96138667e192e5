import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { quarterOf, quarterRange, quarterSchema } from '../schema/reviews';

/** What was reviewed in a quarter, by whom, and what is overdue now. */
export async function quarterView(actor: Actor, quarter?: string) {
  authorize(actor, 'requirements:read');
  const q = quarter ? quarterSchema.parse(quarter) : quarterOf(new Date());
  const { start, end } = quarterRange(q);
  const [reviews, overdue, dueInQuarter] = await Promise.all([
    db.requirementReview.findMany({
      where: { orgId: actor.orgId, reviewedAt: { gte: start, lt: end } },
      orderBy: { reviewedAt: 'desc' },
      take: 500,
      select: { id: true, outcome: true, notes: true, reviewedAt: true, reviewerName: true, requirement: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } },
    }),
    db.requirement.findMany({
      where: { orgId: actor.orgId, nextReviewDue: { lt: new Date() } },
      orderBy: { nextReviewDue: 'asc' },
      take: 200,
      select: { id: true, ref: true, title: true, nextReviewDue: true, owner: { select: { name: true } }, framework: { select: { key: true, name: true } } },
    }),
    db.requirement.count({ where: { orgId: actor.orgId, nextReviewDue: { gte: start, lt: end } } }),
  ]);
  return {
    quarter: q,
    reviews: reviews.map((r) => ({ ...r, reviewedAt: r.reviewedAt.toISOString() })),
    overdue: overdue.map((r) => ({ id: r.id, ref: r.ref, title: r.title, nextReviewDue: r.nextReviewDue!.toISOString(), ownerName: r.owner?.name ?? null, framework: r.framework })),
    dueInQuarter,
  };
}
