import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { canonicalJson, sha256Hex } from '@/lib/audit/canonical';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { readableSystemIds } from './access';
import { decisionReviewSchema, type DecisionReviewInput, type DecisionReviewResult } from './schema';

// A person's review of a decision after it took effect (GDPR Art. 22(3): the
// subject's right to human intervention and to contest). The decision's row
// is hashed into its batch and append-only, so the outcome is appended beside
// it: the review names the leaf hash it reviewed and hashes itself over it.

export const REVIEW_FORMAT = 'agp-decision-review/1';

export type DecisionReviewView = {
  id: string;
  result: DecisionReviewResult;
  outcomeBefore: string;
  newOutcome: string | null;
  reason: string;
  reviewer: string;
  reviewedAt: string;
  requestReference: string | null;
  decisionLeafHash: string;
  hash: string;
};

type Row = {
  id: string; result: DecisionReviewResult; outcomeBefore: string; newOutcome: string | null; reason: string; reviewerName: string; reviewedAt: Date;
  requestReference: string | null; decisionLeafHash: string; hash: string;
};
const SELECT = { id: true, result: true, outcomeBefore: true, newOutcome: true, reason: true, reviewerName: true, reviewedAt: true, requestReference: true, decisionLeafHash: true, hash: true } as const;

const toView = (r: Row): DecisionReviewView => ({
  id: r.id, result: r.result, outcomeBefore: r.outcomeBefore, newOutcome: r.newOutcome, reason: r.reason, reviewer: r.reviewerName,
  reviewedAt: r.reviewedAt.toISOString(), requestReference: r.requestReference, decisionLeafHash: r.decisionLeafHash, hash: r.hash,
});

/** What the decision's outcome is after its reviews: the last change's new outcome, else the logged one. */
export function currentOutcome(logged: string, reviews: readonly { result: DecisionReviewResult; newOutcome: string | null }[]): string {
  return reviews.reduce((o, r) => (r.result === 'CHANGED' && r.newOutcome ? r.newOutcome : o), logged);
}

/** The review's own hash: its fields and the leaf hash of the decision it reviewed, canonical JSON. */
export function reviewHash(r: { decisionId: string; decisionLeafHash: string; result: string; outcomeBefore: string; newOutcome: string | null; reason: string; reviewerId: string; reviewedAt: string }): string {
  return sha256Hex(canonicalJson({ format: REVIEW_FORMAT, ...r }));
}

/**
 * Records a review's outcome against one decision, inside the caller's
 * transaction when given one (a privacy task closing in the same commit).
 * The system's owners and compliance may; `expect` pins the decision to the
 * subject (and system) the request is about.
 */
export async function recordDecisionReview(
  actor: Actor,
  input: DecisionReviewInput,
  opts: { expect?: { subjectRef: string; systemId?: string | null }; privacyTaskId?: string; requestReference?: string; now?: Date } = {},
  inTx?: Tx,
): Promise<DecisionReviewView> {
  const data = decisionReviewSchema.parse(input);
  if (!actor.userId) throw forbidden('A review of a decision is recorded by a person, not a token.');
  const run = <T,>(fn: (tx: Tx) => Promise<T>) => (inTx ? fn(inTx) : db.$transaction(fn));
  return run(async (tx) => {
    const d = await tx.decision.findFirst({
      where: {
        orgId: actor.orgId,
        id: data.decisionId,
        ...(opts.expect ? { subjectRef: opts.expect.subjectRef } : {}),
        ...(opts.expect?.systemId ? { systemId: opts.expect.systemId } : {}),
      },
      select: { id: true, decidedAt: true, systemId: true, outcome: true, leafHash: true },
    });
    if (!d) throw new AppError('VALIDATION', 'The decision was not found.', { fieldErrors: { decisionId: ['Choose one of the subject’s decisions in the log'] } });
    const system = await tx.aISystem.findFirst({ where: { id: d.systemId, orgId: actor.orgId }, select: { businessOwnerId: true, technicalOwnerId: true } });
    authorize(actor, 'decisions:review', { ownerIds: [system?.businessOwnerId, system?.technicalOwnerId] });
    // A second review starts from what the first one left (the reviews are serialised on the decision).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`decision-review:${d.id}`}))`;
    const changed = await tx.decisionReview.findFirst({ where: { orgId: actor.orgId, decisionId: d.id, result: 'CHANGED' }, orderBy: [{ reviewedAt: 'desc' }, { id: 'desc' }], select: { newOutcome: true } });
    const current = changed?.newOutcome ?? d.outcome;
    if (data.result === 'CHANGED' && data.newOutcome === current) {
      throw new AppError('VALIDATION', 'The new outcome is the one the decision already has.', { fieldErrors: { newOutcome: [`The decision already has the outcome “${current}”: choose Upheld, or give another outcome`] } });
    }
    const reviewedAt = opts.now ?? new Date();
    const newOutcome = data.result === 'CHANGED' ? data.newOutcome : null;
    const hash = reviewHash({ decisionId: d.id, decisionLeafHash: d.leafHash, result: data.result, outcomeBefore: current, newOutcome, reason: data.reason, reviewerId: actor.userId as string, reviewedAt: reviewedAt.toISOString() });
    const row = await tx.decisionReview.create({
      data: {
        orgId: actor.orgId, decisionId: d.id, decidedAt: d.decidedAt, systemId: d.systemId, decisionLeafHash: d.leafHash, result: data.result, outcomeBefore: current,
        newOutcome, reason: data.reason, reviewerId: actor.userId as string, reviewerName: actor.name, privacyTaskId: opts.privacyTaskId ?? null,
        requestReference: opts.requestReference ?? null, reviewedAt, hash,
      },
      select: SELECT,
    });
    await recordEvent(tx, actor, {
      action: 'decision.reviewed',
      entityType: 'decision',
      entityId: d.id,
      changes: { reviewId: row.id, result: data.result, outcomeBefore: current, newOutcome, requestReference: opts.requestReference ?? null, hash },
      reason: data.reason,
    });
    return toView(row);
  });
}

/** The reviews of one decision, oldest first, within the systems the actor may read. */
export async function listDecisionReviews(actor: Actor, decisionId: string): Promise<DecisionReviewView[]> {
  authorize(actor, 'decisions:read');
  return reviewsWithin(actor, decisionId, await readableSystemIds(actor));
}

async function reviewsWithin(actor: Actor, decisionId: string, allowed: string[] | null): Promise<DecisionReviewView[]> {
  const rows = await db.decisionReview.findMany({
    where: { orgId: actor.orgId, decisionId, ...(allowed ? { systemId: { in: allowed } } : {}) },
    orderBy: [{ reviewedAt: 'asc' }, { id: 'asc' }],
    take: 100,
    select: SELECT,
  });
  return rows.map(toView);
}

/** GET /api/v1/decisions/reviews: the decision (which must be readable) and its reviews. */
export async function decisionReviews(actor: Actor, decisionId: string) {
  authorize(actor, 'decisions:read');
  const allowed = await readableSystemIds(actor);
  const d = await db.decision.findFirst({ where: { orgId: actor.orgId, id: decisionId, ...(allowed ? { systemId: { in: allowed } } : {}) }, select: { id: true, ref: true, outcome: true } });
  if (!d) throw notFound('The decision');
  // The gate and the readable systems were checked above: the reviews are read within the same.
  const reviews = await reviewsWithin(actor, decisionId, allowed);
  return { decisionId: d.id, ref: d.ref, loggedOutcome: d.outcome, currentOutcome: currentOutcome(d.outcome, reviews), reviews };
}
