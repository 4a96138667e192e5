import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { nextDue } from '../logic/rules';
import { quarterOf, recordReviewSchema, type RecordReviewInput } from '../schema/reviews';

/** The owner (or compliance) attests a review; the next due date follows the cadence. */
export async function recordReview(actor: Actor, input: RecordReviewInput) {
  const data = recordReviewSchema.parse(input);
  return db.$transaction(async (tx) => {
    const r = await tx.requirement.findFirst({ where: { id: data.requirementId, orgId: actor.orgId }, select: { id: true, ownerId: true, reviewCadenceDays: true, nextReviewDue: true } });
    if (!r) throw notFound('The requirement');
    authorize(actor, 'reviews:record', { ownerIds: [r.ownerId] });
    const today = new Date();
    const reviewedAt = data.reviewedOn ? new Date(`${data.reviewedOn}T12:00:00Z`) : today;
    if (Number.isNaN(reviewedAt.getTime())) throw new AppError('VALIDATION', 'The review date is not a real date.', { fieldErrors: { reviewedOn: ['Not a real date'] } });
    if (reviewedAt.getTime() > today.getTime() + 86_400_000) throw new AppError('VALIDATION', 'The review date cannot be in the future.', { fieldErrors: { reviewedOn: ['In the future'] } });
    const quarter = quarterOf(reviewedAt);
    const review = await tx.requirementReview.create({
      data: { orgId: actor.orgId, requirementId: r.id, reviewerId: actor.userId, reviewerName: actor.name, outcome: data.outcome, notes: data.notes ?? null, reviewedAt, quarter },
      select: { id: true },
    });
    const next = nextDue(reviewedAt, r.reviewCadenceDays);
    await tx.requirement.update({ where: { id: r.id }, data: { lastReviewedAt: reviewedAt, nextReviewDue: next } });
    await recordEvent(tx, actor, {
      action: 'requirement.reviewed',
      entityType: 'requirement',
      entityId: r.id,
      changes: { outcome: data.outcome, quarter, reviewedAt: reviewedAt.toISOString(), nextReviewDue: { from: r.nextReviewDue?.toISOString() ?? null, to: next.toISOString() } },
      reason: data.notes ?? null,
    });
    return { id: review.id, quarter, nextReviewDue: next.toISOString() };
  });
}
