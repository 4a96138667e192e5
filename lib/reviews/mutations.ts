import 'server-only';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { assertActiveMember } from '@/lib/auth/org';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { personBehind } from '@/lib/auth/person';
import { canonicalJson, sha256Hex } from '@/lib/audit/canonical';
import { recordEvent } from '@/lib/audit/record';
import { publishEvent } from '@/lib/events/publish';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { computeFigures } from './figures';
import { quarterPeriod } from '@/lib/quarter';
import { getReview } from './queries';
import {
  actionItemSchema,
  actionItemStatusSchema,
  attendeeSchema,
  decisionSchema,
  minutesSchema,
  removeAttendeeSchema,
  startReviewSchema,
} from './schema';
import type { z } from 'zod';

async function openReview(tx: Tx, actor: Actor, reviewId: string) {
  const review = await tx.quarterlyReview.findFirst({ where: { id: reviewId, orgId: actor.orgId }, select: { id: true, status: true, quarter: true } });
  if (!review) throw notFound('The review');
  if (review.status === 'CLOSED') throw new AppError('CONFLICT', `The ${review.quarter} review is closed and can no longer change.`);
  return review;
}

/** Creates the quarter's review if needed and marks it in progress. */
export async function startReview(actor: Actor, input: z.input<typeof startReviewSchema>) {
  authorize(actor, 'reviews:run');
  const { quarter } = startReviewSchema.parse(input);
  const period = quarterPeriod(quarter);
  return db.$transaction(async (tx) => {
    const existing = await tx.quarterlyReview.findUnique({ where: { orgId_quarter: { orgId: actor.orgId, quarter } }, select: { id: true, status: true } });
    if (existing?.status === 'CLOSED') throw new AppError('CONFLICT', `The ${quarter} review is already closed.`);
    if (existing?.status === 'IN_PROGRESS') return { id: existing.id, quarter };
    const review = existing
      ? await tx.quarterlyReview.update({ where: { id: existing.id }, data: { status: 'IN_PROGRESS', startedAt: new Date() }, select: { id: true } })
      : await tx.quarterlyReview.create({
          data: { orgId: actor.orgId, quarter, periodStart: period.start, periodEnd: period.end, status: 'IN_PROGRESS', startedAt: new Date() },
          select: { id: true },
        });
    await recordEvent(tx, actor, { action: 'review.started', entityType: 'quarterly_review', entityId: review.id, changes: { quarter, status: { from: existing?.status ?? null, to: 'IN_PROGRESS' } } });
    return { id: review.id, quarter };
  });
}

export async function saveMinutes(actor: Actor, input: z.input<typeof minutesSchema>) {
  authorize(actor, 'reviews:run');
  const data = minutesSchema.parse(input);
  return db.$transaction(async (tx) => {
    const review = await openReview(tx, actor, data.reviewId);
    const before = await tx.quarterlyReview.findUniqueOrThrow({ where: { id: review.id }, select: { minutes: true } });
    if (before.minutes === data.minutes) return { id: review.id };
    await tx.quarterlyReview.update({ where: { id: review.id }, data: { minutes: data.minutes } });
    await recordEvent(tx, actor, {
      action: 'review.minutes_saved',
      entityType: 'quarterly_review',
      entityId: review.id,
      changes: { minutesLength: { from: before.minutes.length, to: data.minutes.length } },
    });
    return { id: review.id };
  });
}

export async function addAttendee(actor: Actor, input: z.input<typeof attendeeSchema>) {
  authorize(actor, 'reviews:run');
  const data = attendeeSchema.parse(input);
  return db.$transaction(async (tx) => {
    const review = await openReview(tx, actor, data.reviewId);
    let name = data.name;
    let role = data.role;
    if (data.userId) {
      const user = await tx.user.findFirst({ where: { id: data.userId, orgId: actor.orgId }, select: { name: true, role: true } });
      if (!user) throw notFound('The user');
      name = user.name;
      role ||= user.role.replace('_', ' ').toLowerCase();
    }
    if (!name) throw new AppError('VALIDATION', 'Choose a user or type a name.', { fieldErrors: { name: ['Choose a user or type a name'] } });
    const exists = await tx.reviewAttendee.findUnique({ where: { reviewId_name: { reviewId: review.id, name } }, select: { id: true } });
    if (exists) throw new AppError('CONFLICT', `${name} is already listed as an attendee.`);
    const attendee = await tx.reviewAttendee.create({ data: { reviewId: review.id, userId: data.userId ?? null, name, role: role || null }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'review.attendee_added', entityType: 'quarterly_review', entityId: review.id, changes: { attendee: name } });
    return attendee;
  });
}

export async function removeAttendee(actor: Actor, input: z.input<typeof removeAttendeeSchema>) {
  authorize(actor, 'reviews:run');
  const data = removeAttendeeSchema.parse(input);
  return db.$transaction(async (tx) => {
    const review = await openReview(tx, actor, data.reviewId);
    const attendee = await tx.reviewAttendee.findFirst({ where: { id: data.attendeeId, reviewId: review.id }, select: { id: true, name: true } });
    if (!attendee) throw notFound('The attendee');
    await tx.reviewAttendee.delete({ where: { id: attendee.id } });
    await recordEvent(tx, actor, { action: 'review.attendee_removed', entityType: 'quarterly_review', entityId: review.id, changes: { attendee: attendee.name } });
    return { id: attendee.id };
  });
}

export async function addDecision(actor: Actor, input: z.input<typeof decisionSchema>) {
  authorize(actor, 'reviews:run');
  const data = decisionSchema.parse(input);
  return db.$transaction(async (tx) => {
    const review = await openReview(tx, actor, data.reviewId);
    const decision = await tx.reviewDecision.create({ data: { reviewId: review.id, text: data.text, createdById: await personBehind(tx, actor) }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'review.decision_recorded', entityType: 'quarterly_review', entityId: review.id, changes: { decision: data.text } });
    return decision;
  });
}

export async function addActionItem(actor: Actor, input: z.input<typeof actionItemSchema>) {
  authorize(actor, 'reviews:run');
  const data = actionItemSchema.parse(input);
  return db.$transaction(async (tx) => {
    const review = await openReview(tx, actor, data.reviewId);
    const owner = await assertActiveMember(tx, actor.orgId, data.ownerId, 'ownerId');
    const item = await tx.actionItem.create({
      data: { orgId: actor.orgId, reviewId: review.id, title: data.title, ownerId: owner.id, dueDate: new Date(`${data.dueDate}T23:59:59.000Z`) },
      select: { id: true },
    });
    await recordEvent(tx, actor, {
      action: 'action_item.created',
      entityType: 'action_item',
      entityId: item.id,
      after: { title: data.title, owner: owner.name, dueDate: data.dueDate, quarter: review.quarter },
    });
    return item;
  });
}

/** The owner (or whoever runs reviews) marks an action item done or open again. */
export async function setActionItemStatus(actor: Actor, input: z.input<typeof actionItemStatusSchema>) {
  const data = actionItemStatusSchema.parse(input);
  return db.$transaction(async (tx) => {
    const item = await tx.actionItem.findFirst({ where: { id: data.id, orgId: actor.orgId }, select: { id: true, ownerId: true, status: true } });
    if (!item) throw notFound('The action item');
    authorize(actor, 'action-items:update', { ownerIds: [item.ownerId] });
    if (item.status === data.status) return { id: item.id, status: item.status };
    await tx.actionItem.update({ where: { id: item.id }, data: { status: data.status, doneAt: data.status === 'DONE' ? new Date() : null } });
    await recordEvent(tx, actor, { action: 'action_item.status_changed', entityType: 'action_item', entityId: item.id, before: { status: item.status }, after: { status: data.status } });
    return { id: item.id, status: data.status };
  });
}

/**
 * Closes the review: freezes the figures, what changed, what was overdue and
 * the minutes as canonical JSON, stores its SHA-256 and writes the hash into
 * the audit trail. Database triggers refuse any later change.
 */
export async function closeReview(actor: Actor, reviewId: string) {
  authorize(actor, 'reviews:run');
  requireFreshFactor(actor);
  const current = await db.quarterlyReview.findFirst({ where: { id: reviewId, orgId: actor.orgId }, select: { quarter: true, status: true } });
  if (!current) throw notFound('The review');
  if (current.status !== 'IN_PROGRESS') throw new AppError('CONFLICT', current.status === 'CLOSED' ? 'This review is already closed.' : 'Start the review before closing it.');
  const page = await getReview(actor, current.quarter);
  const r = page.review!;
  if (r.attendees.length === 0) throw new AppError('VALIDATION', 'Record who attended before closing the review.');
  return db.$transaction(async (tx) => {
    await openReview(tx, actor, reviewId);
    const closedAt = new Date();
    // A token closes as its creator, so the review always names a person.
    const closedById = await personBehind(tx, actor);
    const closer = closedById ? await tx.user.findUnique({ where: { id: closedById }, select: { name: true } }) : null;
    const figures = await computeFigures(actor.orgId, quarterPeriod(current.quarter), closedAt);
    const snapshot = canonicalJson({
      quarter: current.quarter,
      period: page.period,
      closedAt: closedAt.toISOString(),
      closedBy: closer?.name ?? actor.name,
      figures,
      changes: page.changes,
      overdue: page.overdue,
      expiring: page.expiring,
      minutes: r.minutes,
      attendees: r.attendees.map((a) => ({ name: a.name, role: a.role })),
      decisions: r.decisions.map((d) => ({ text: d.text, at: d.at, by: d.by })),
      actionItems: r.actionItems.map((a) => ({ title: a.title, owner: a.owner, dueDate: a.dueDate, status: a.status })),
    });
    const snapshotHash = sha256Hex(snapshot);
    await tx.quarterlyReview.update({
      where: { id: reviewId },
      data: { status: 'CLOSED', closedAt, closedById, snapshot, snapshotHash },
    });
    await recordEvent(tx, actor, {
      action: 'review.closed',
      entityType: 'quarterly_review',
      entityId: reviewId,
      changes: { quarter: current.quarter, snapshotHash, status: { from: 'IN_PROGRESS', to: 'CLOSED' } },
    });
    await publishEvent(tx, actor, { type: 'review.closed', entity: { type: 'quarterly_review', id: reviewId }, data: { title: `Quarterly review ${current.quarter}`, quarter: current.quarter, snapshotHash, closedAt: closedAt.toISOString() } });
    return { id: reviewId, snapshotHash };
  });
}
