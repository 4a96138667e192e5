import { canonicalJson } from '@/lib/audit/canonical';
import { leafHash } from './merkle';

// What a decision's leaf hash covers, and a batch's leaf in the log tree.
// Pure (no database), shared by the portal and the offline verifier. The
// features are their ciphertext: erasing a subject's key changes nothing here.

export const RECORD_FORMAT = 'agp-decision/1';
export const BATCH_FORMAT = 'agp-decision-batch/1';
export const CHECKPOINT_FORMAT = 'agp-decision-checkpoint/1';
export const PROOF_FORMAT = 'agp-decision-proof/1';

export type CanonicalDecision = {
  id: string;
  ref: string;
  orgId: string;
  systemId: string;
  modelId: string;
  versionId: string;
  decidedAt: string;
  subjectRef: string;
  featuresCipher: string;
  output: unknown;
  score: number | null;
  confidence: number | null;
  outcome: string;
  groupLabel: string | null;
  humanReviewed: boolean;
  overridden: boolean;
  reviewer: string | null;
  overrideReason: string | null;
  latencyMs: number | null;
  explanation: unknown;
};

export const CANONICAL_DECISION_FIELDS = [
  'id', 'ref', 'orgId', 'systemId', 'modelId', 'versionId', 'decidedAt', 'subjectRef', 'featuresCipher', 'output', 'score',
  'confidence', 'outcome', 'groupLabel', 'humanReviewed', 'overridden', 'reviewer', 'overrideReason', 'latencyMs', 'explanation',
] as const satisfies readonly (keyof CanonicalDecision)[];

// The record's members in canonical (sorted) order with their key text, so
// that the hot paths write the same bytes as canonicalJson without building
// and sorting an object per record.
const ORDERED_MEMBERS = (['format', ...CANONICAL_DECISION_FIELDS] as const)
  .slice()
  .sort()
  .map((k, i) => ({ key: k, prefix: `${i === 0 ? '{' : ','}${JSON.stringify(k)}:` }));

function member(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return canonicalJson(value);
}

/** The record exactly as hashed: the listed fields only, nulls explicit (canonicalJson of them with the format). */
export function decisionText(d: CanonicalDecision): string {
  let out = '';
  for (const m of ORDERED_MEMBERS) out += m.prefix + (m.key === 'format' ? JSON.stringify(RECORD_FORMAT) : member(d[m.key]));
  return `${out}}`;
}

export function decisionLeafHash(d: CanonicalDecision): Buffer {
  return leafHash(decisionText(d));
}

export type BatchHeader = { id: string; seq: number; systemId: string; size: number; rootHash: string; firstAt: string; lastAt: string };

export function batchText(b: BatchHeader): string {
  return canonicalJson({ format: BATCH_FORMAT, id: b.id, seq: b.seq, systemId: b.systemId, size: b.size, rootHash: b.rootHash, firstAt: b.firstAt, lastAt: b.lastAt });
}

export function batchLeafHash(b: BatchHeader): Buffer {
  return leafHash(batchText(b));
}

export type CheckpointBody = { orgId: string; treeSize: number; decisionCount: number; rootHash: string; issuedAt: string };

/** The exact text a checkpoint's Ed25519 signature covers. */
export function checkpointStatement(c: CheckpointBody): string {
  return canonicalJson({ format: CHECKPOINT_FORMAT, orgId: c.orgId, treeSize: c.treeSize, decisionCount: c.decisionCount, rootHash: c.rootHash, issuedAt: c.issuedAt });
}
