import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { featureReader, readableSystemIds, type FeatureView } from './access';

// The per-subject index of the decision log, for data-subject requests:
// access (every decision about a subject) and erasure (crypto-shredding).

export const SUBJECT_DECISIONS_LIMIT = 10_000;

export type SubjectDecision = {
  id: string;
  ref: string;
  systemId: string;
  modelId: string;
  versionId: string;
  decidedAt: Date;
  outcome: string;
  output: unknown;
  confidence: number | null;
  humanReviewed: boolean;
  overridden: boolean;
  overrideReason: string | null;
  topFactor: string | null;
  features: FeatureView;
};

export type SubjectDecisions = {
  subjectRef: string;
  /** False when the log holds nothing about this reference. */
  known: boolean;
  erasedAt: Date | null;
  decisions: SubjectDecision[];
  /** More decisions exist than SUBJECT_DECISIONS_LIMIT returned. */
  truncated: boolean;
  capabilities: { erase: boolean };
};

const subjectRefOk = (ref: string) => ref.length > 0 && ref.length <= 200;

/**
 * Every decision about one pseudonymous subject (in one system, or in every
 * system the actor may read), newest first, with the inputs the actor's role
 * may see; after an erasure the decisions are still listed, their personal
 * features are gone.
 */
export async function findDecisionsBySubject(actor: Actor, systemId: string | null, subjectRef: string): Promise<SubjectDecisions> {
  authorize(actor, 'decisions:read');
  if (!subjectRefOk(subjectRef)) throw new AppError('VALIDATION', 'Invalid subject reference.', { fieldErrors: { subjectRef: ['Give a subject reference of 1 to 200 characters'] } });
  const allowed = await readableSystemIds(actor);
  if (systemId && allowed && !allowed.includes(systemId)) throw new AppError('NOT_FOUND', 'The AI system was not found.');
  const systemFilter = systemId ? { systemId } : allowed ? { systemId: { in: allowed } } : {};

  const [subject, rows] = await Promise.all([
    db.decisionSubject.findUnique({ where: { orgId_subjectRef: { orgId: actor.orgId, subjectRef } }, select: { erasedAt: true } }),
    db.decision.findMany({
      where: { orgId: actor.orgId, subjectRef, ...systemFilter },
      orderBy: [{ decidedAt: 'desc' }, { id: 'asc' }],
      take: SUBJECT_DECISIONS_LIMIT + 1,
      select: {
        id: true,
        ref: true,
        systemId: true,
        modelId: true,
        versionId: true,
        decidedAt: true,
        outcome: true,
        output: true,
        confidence: true,
        humanReviewed: true,
        overridden: true,
        overrideReason: true,
        topFactor: true,
        subjectRef: true,
        featuresCipher: true,
      },
    }),
  ]);
  const truncated = rows.length > SUBJECT_DECISIONS_LIMIT;
  const page = rows.slice(0, SUBJECT_DECISIONS_LIMIT);
  const reader = featureReader(actor, actor.orgId);
  await reader.prepare([subjectRef], page.map((r) => r.systemId));
  return {
    subjectRef,
    known: Boolean(subject) || page.length > 0,
    erasedAt: subject?.erasedAt ?? null,
    truncated,
    capabilities: { erase: can(actor, 'decisions:erase') && !subject?.erasedAt },
    decisions: page.map(({ subjectRef: _s, featuresCipher, ...d }) => ({
      ...d,
      features: reader.read({ id: d.id, subjectRef, systemId: d.systemId, featuresCipher }),
    })),
  };
}

export type ErasureResult = { subjectRef: string; erasedAt: Date; decisionCount: number; alreadyErased: boolean };

/**
 * Destroys the subject's data key (crypto-shredding): the ciphertext the
 * proofs hash stays, so the decisions remain countable and verifiable, but
 * their personal features can never be read again. Later decisions about an
 * erased subject are refused at ingestion. Recorded in the audit trail.
 */
export async function eraseSubject(actor: Actor, subjectRef: string, reason: string, inTx?: Tx): Promise<ErasureResult> {
  authorize(actor, 'decisions:erase');
  if (!subjectRefOk(subjectRef)) throw new AppError('VALIDATION', 'Invalid subject reference.', { fieldErrors: { subjectRef: ['Give a subject reference of 1 to 200 characters'] } });
  const why = reason.trim();
  if (why.length < 3 || why.length > 2000) throw new AppError('VALIDATION', 'Invalid reason.', { fieldErrors: { reason: ['Say why the subject is erased (3 to 2000 characters)'] } });

  // Inside another domain's transaction (a privacy erasure request) when given one.
  const run = <T,>(fn: (tx: Tx) => Promise<T>) => (inTx ? fn(inTx) : db.$transaction(fn));
  return run(async (tx) => {
    const existing = await tx.decisionSubject.findUnique({
      where: { orgId_subjectRef: { orgId: actor.orgId, subjectRef } },
      select: { id: true, erasedAt: true },
    });
    const decisionCount = await tx.decision.count({ where: { orgId: actor.orgId, subjectRef } });
    if (existing?.erasedAt) return { subjectRef, erasedAt: existing.erasedAt, decisionCount, alreadyErased: true };
    const erasedAt = new Date();
    const data = { wrappedKey: null, erasedAt, erasedById: actor.userId, erasureReason: why };
    // A subject never seen is recorded erased too, so nothing about them is logged later.
    const row = existing
      ? await tx.decisionSubject.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.decisionSubject.create({ data: { orgId: actor.orgId, subjectRef, ...data }, select: { id: true } });
    await recordEvent(tx, actor, {
      action: 'decision-subject.erased',
      entityType: 'DecisionSubject',
      entityId: row.id,
      changes: { subjectRef, decisionCount, keyDestroyed: Boolean(existing) },
      reason: why,
    });
    return { subjectRef, erasedAt, decisionCount, alreadyErased: false };
  });
}
