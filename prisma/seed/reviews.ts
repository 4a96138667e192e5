import { userActor } from '@/lib/auth/actor';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { addAttendee, addDecision, closeReview, saveMinutes, startReview } from '@/lib/reviews/mutations';
import { quarterOf, previousQuarter } from '@/lib/quarter';

type PastReview = {
  quarter: string;
  minutes: string;
  decisions: string[];
  actions: { title: string; owner: string; due: string; done: boolean }[];
};

/**
 * Two closed quarterly reviews with minutes and action items, and the current
 * quarter's review planned and ready to run. Runs after the other domains so
 * the frozen figures include their demo data.
 */
export async function seedReviews(orgId: string): Promise<void> {
  const current = quarterOf(new Date());
  const q1 = previousQuarter(current);
  const q2 = previousQuarter(q1);
  if (await db.quarterlyReview.count({ where: { orgId } })) return;
  // The compliance officer runs the demo reviews, so they read "closed by" a person.
  const chair = await db.user.findFirst({
    where: { orgId, role: 'COMPLIANCE_OFFICER', active: true },
    orderBy: { createdAt: 'asc' },
    select: { id: true, orgId: true, email: true, name: true, role: true, active: true },
  });
  if (!chair) return;
  const actor = userActor(chair, { id: 'seed', ip: null });
  const users = Object.fromEntries(
    (await db.user.findMany({ where: { orgId }, select: { id: true, email: true } })).map((u) => [u.email.split('@')[0], u.id]),
  );

  const past: PastReview[] = [
    {
      quarter: q2,
      minutes:
        'Opened the first quarterly AI compliance review.\nWalked through the EU AI Act high-risk obligations for the clinical triage assistant and agreed that the technical documentation (Annex IV) is the biggest gap.\nThe credit scoring model passed its bias review with a documented mitigation for the 18–25 age band.',
      decisions: ['Treat the clinical triage assistant as a high-risk AI system under the EU AI Act (Annex III, point 5).', 'Adopt ISO/IEC 42001 Annex A as the internal control baseline.'],
      actions: [
        { title: 'Draft Annex IV technical documentation for the triage model', owner: 'engineer', due: '-100', done: true },
        { title: 'Assign an owner to every unowned EU AI Act requirement', owner: 'compliance', due: '-95', done: true },
        { title: 'Schedule the first incident response tabletop exercise', owner: 'compliance', due: '-20', done: false },
      ],
    },
    {
      quarter: q1,
      minutes:
        'Reviewed the SOC 2 Type II results and the open findings.\nDiscussed the fairness incident on the credit scoring model and the rollback to the previous approved version.\nAgreed to tighten the disparate impact threshold for credit decisions.',
      decisions: ['Set the disparate impact ratio threshold for credit scoring to 0.85 (stricter than the four-fifths rule).', 'Require a postmortem for every SEV2 or higher incident before closure.'],
      actions: [
        { title: 'Re-run the bias review of the credit model with the new threshold', owner: 'engineer', due: '-10', done: false },
        { title: 'Refresh the stale data-retention evidence for GDPR Art. 5(1)(e)', owner: 'compliance', due: '25', done: false },
        { title: 'Verify closure of the access-review finding', owner: 'auditor', due: '30', done: false },
      ],
    },
  ];

  for (const review of past) {
    const { id } = await startReview(actor, { quarter: review.quarter });
    for (const who of ['compliance', 'engineer', 'auditor', 'admin']) if (users[who]) await addAttendee(actor, { reviewId: id, userId: users[who] });
    await saveMinutes(actor, { reviewId: id, minutes: review.minutes });
    for (const text of review.decisions) await addDecision(actor, { reviewId: id, text });
    // Historical items are due in the past, which the form refuses; write them directly.
    await db.$transaction(async (tx) => {
      for (const a of review.actions) {
        const dueDate = new Date(Date.now() + Number(a.due) * 86_400_000);
        const item = await tx.actionItem.create({
          data: { orgId, reviewId: id, title: a.title, ownerId: users[a.owner], dueDate, status: a.done ? 'DONE' : 'OPEN', doneAt: a.done ? dueDate : null },
          select: { id: true },
        });
        await recordEvent(tx, actor, { action: 'action_item.created', entityType: 'action_item', entityId: item.id, after: { title: a.title, quarter: review.quarter } });
      }
    });
    await closeReview(actor, id);
  }
  await db.$transaction(async (tx) => {
    const { quarterPeriod } = await import('@/lib/quarter');
    const period = quarterPeriod(current);
    const planned = await tx.quarterlyReview.create({ data: { orgId, quarter: current, periodStart: period.start, periodEnd: period.end }, select: { id: true } });
    await recordEvent(tx, actor, { action: 'review.planned', entityType: 'quarterly_review', entityId: planned.id, changes: { quarter: current } });
  });
}
