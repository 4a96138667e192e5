import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { publicKeyPem } from '@/lib/signing/keys';
import { featureReader, readableSystemIds, type FeatureView } from './access';
import { decisionProof, type DecisionProof } from './proofs';
import type { ExplanationStatus } from './schema';
import { currentOutcome, listDecisionReviews, type DecisionReviewView } from './reviews';
import { decisionNames } from './search';
import { verifyDecisionProof, type ProofCheck } from './verify-proof';

// One decision as its page and its explanation letter show it: "why was this
// decided" in plain language, the attributions, the inputs the role may see,
// the human review, and the proof.

export type Factor = { feature: string; attribution: number; direction: 'up' | 'down' | 'none'; share: number };

export type DecisionView = {
  id: string;
  ref: string;
  decidedAt: string;
  receivedAt: string;
  subjectRef: string;
  system: { id: string; name: string };
  model: { key: string; name: string };
  version: { id: string; label: string };
  outcome: string;
  output: Record<string, unknown>;
  score: number | null;
  confidence: number | null;
  groupLabel: string | null;
  latencyMs: number | null;
  human: { reviewed: boolean; overridden: boolean; reviewer: string | null; reason: string | null };
  /** People's reviews after the decision took effect (Art. 22(3)), oldest first, and the outcome they leave. */
  reviews: DecisionReviewView[];
  currentOutcome: string;
  explanation: { status: ExplanationStatus; method: string | null; baseValue: number | null; factors: Factor[] } | null;
  /** The factors that moved the score from the base value towards this result, largest first (at most four, as adverse-action notices give). */
  principalReasons: Factor[];
  features: FeatureView;
  proof: DecisionProof;
  capabilities: { verify: boolean; letter: boolean };
};

type StoredExplanation = { method?: string; baseValue?: number; attributions?: Record<string, number> };

export function explanationFactors(explanation: unknown): { method: string | null; baseValue: number | null; factors: Factor[] } | null {
  if (!explanation || typeof explanation !== 'object') return null;
  const e = explanation as StoredExplanation;
  const entries = Object.entries(e.attributions ?? {}).filter((x): x is [string, number] => typeof x[1] === 'number');
  const total = entries.reduce((s, [, v]) => s + Math.abs(v), 0) || 1;
  const factors = entries
    .map(([feature, attribution]) => ({ feature, attribution, direction: attribution > 0 ? 'up' : attribution < 0 ? 'down' : 'none', share: Math.abs(attribution) / total }) as Factor)
    .sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution) || a.feature.localeCompare(b.feature));
  return { method: e.method ?? null, baseValue: typeof e.baseValue === 'number' ? e.baseValue : null, factors };
}

/** The reasons a notice gives: factors pushing the score the way it went from the base value. */
export function principalReasons(explained: ReturnType<typeof explanationFactors>, score: number | null, max = 4): Factor[] {
  if (!explained) return [];
  const { baseValue, factors } = explained;
  const way = score !== null && baseValue !== null ? Math.sign(score - baseValue) : 0;
  const pushing = way === 0 ? factors : factors.filter((f) => Math.sign(f.attribution) === way);
  return pushing.slice(0, max);
}

export async function getDecision(actor: Actor, id: string): Promise<DecisionView> {
  authorize(actor, 'decisions:read');
  const allowed = await readableSystemIds(actor);
  const d = await db.decision.findFirst({
    where: { orgId: actor.orgId, id, ...(allowed ? { systemId: { in: allowed } } : {}) },
    select: {
      id: true, ref: true, decidedAt: true, receivedAt: true, subjectRef: true, systemId: true, versionId: true, outcome: true, output: true, score: true,
      confidence: true, groupLabel: true, latencyMs: true, humanReviewed: true, overridden: true, reviewer: true, overrideReason: true, explanation: true,
      explanationStatus: true, featuresCipher: true,
    },
  });
  if (!d) throw new AppError('NOT_FOUND', 'The decision was not found.');
  const reader = featureReader(actor, actor.orgId);
  const [names, proof, reviews] = await Promise.all([
    decisionNames(actor.orgId, { systemIds: [d.systemId], versionIds: [d.versionId] }),
    decisionProof(actor, { id: d.id }),
    listDecisionReviews(actor, d.id),
    reader.prepare([d.subjectRef], [d.systemId]),
  ]);
  const version = names.version.get(d.versionId);
  const explained = explanationFactors(d.explanation);
  return {
    id: d.id,
    ref: d.ref,
    decidedAt: d.decidedAt.toISOString(),
    receivedAt: d.receivedAt.toISOString(),
    subjectRef: d.subjectRef,
    system: { id: d.systemId, name: names.system.get(d.systemId) ?? d.systemId },
    model: { key: version?.modelKey ?? '', name: version?.modelName ?? '' },
    version: { id: d.versionId, label: version?.label ?? d.versionId },
    outcome: d.outcome,
    output: (d.output ?? {}) as Record<string, unknown>,
    score: d.score,
    confidence: d.confidence,
    groupLabel: d.groupLabel,
    latencyMs: d.latencyMs,
    human: { reviewed: d.humanReviewed, overridden: d.overridden, reviewer: d.reviewer, reason: d.overrideReason },
    reviews,
    currentOutcome: currentOutcome(d.outcome, reviews),
    explanation: explained && { status: d.explanationStatus, ...explained },
    principalReasons: principalReasons(explained, d.score),
    features: reader.read({ id: d.id, subjectRef: d.subjectRef, systemId: d.systemId, featuresCipher: d.featuresCipher }),
    proof,
    capabilities: { verify: can(actor, 'decisions:read'), letter: can(actor, 'decisions:read') },
  };
}

/** Checks a decision's proof on the server as the offline CLI does: the record, its paths, the checkpoint signature. */
export async function verifyDecision(actor: Actor, id: string): Promise<ProofCheck & { checkedAt: string; treeSize: number | null }> {
  const proof = await decisionProof(actor, { id });
  const check = verifyDecisionProof(proof, publicKeyPem());
  return { ...check, checkedAt: new Date().toISOString(), treeSize: proof.checkpoint?.treeSize ?? null };
}
