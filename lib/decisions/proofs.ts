import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { readableSystemIds } from './access';
import { batchLeafHash, PROOF_FORMAT, type CanonicalDecision, type BatchHeader } from './canonical';
import { batchHeaders } from './checkpoints';
import { consistencyProof, inclusionPath, merkleRoot, treeLevels } from './merkle';

// Inclusion proofs (a decision → its batch root → a signed checkpoint) and
// consistency proofs between two checkpoints, as JSON an auditor verifies
// offline with `npm run verify-decision -- proof.json --key key.pem`.

export type DecisionProof = {
  format: typeof PROOF_FORMAT;
  decision: CanonicalDecision;
  leafIndex: number;
  batch: BatchHeader;
  batchPath: string[];
  log: { index: number; treeSize: number; path: string[] } | null;
  checkpoint: { orgId: string; treeSize: number; decisionCount: number; rootHash: string; issuedAt: string; statement: string; signature: string; publicKey: string } | null;
};

const hex = (b: Buffer) => b.toString('hex');
const iso = (d: Date) => d.toISOString();

function splitLeaves(bytes: Uint8Array): Buffer[] {
  const buf = Buffer.from(bytes);
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += 32) out.push(buf.subarray(i, i + 32));
  return out;
}

/** The proof of one decision, by the portal's id or by the system's decision id. */
export async function decisionProof(actor: Actor, where: { id: string } | { systemId: string; ref: string }): Promise<DecisionProof> {
  authorize(actor, 'decisions:read');
  const allowed = await readableSystemIds(actor);
  const d = await db.decision.findFirst({
    where: { orgId: actor.orgId, ...where, ...(allowed ? { systemId: { in: allowed } } : {}) },
    omit: { receivedAt: true },
  });
  if (!d) throw new AppError('NOT_FOUND', 'The decision was not found.');
  const batch = await db.decisionBatch.findUniqueOrThrow({ where: { id: d.batchId } });
  const header: BatchHeader = { id: batch.id, seq: batch.seq, systemId: batch.systemId, size: batch.size, rootHash: batch.rootHash, firstAt: iso(batch.firstAt), lastAt: iso(batch.lastAt) };
  const levels = treeLevels(splitLeaves(batch.leafHashes));
  const checkpoint = await db.decisionCheckpoint.findFirst({ where: { orgId: actor.orgId, treeSize: { gt: batch.seq } }, orderBy: { treeSize: 'desc' } });
  let log: DecisionProof['log'] = null;
  if (checkpoint) {
    const logLevels = treeLevels((await batchHeaders(actor.orgId, checkpoint.treeSize)).map(batchLeafHash));
    log = { index: batch.seq, treeSize: checkpoint.treeSize, path: inclusionPath(logLevels, batch.seq).map(hex) };
  }
  return {
    format: PROOF_FORMAT,
    decision: {
      id: d.id, ref: d.ref, orgId: d.orgId, systemId: d.systemId, modelId: d.modelId, versionId: d.versionId, decidedAt: iso(d.decidedAt),
      subjectRef: d.subjectRef, featuresCipher: d.featuresCipher, output: d.output, score: d.score, confidence: d.confidence, outcome: d.outcome,
      groupLabel: d.groupLabel, humanReviewed: d.humanReviewed, overridden: d.overridden, reviewer: d.reviewer, overrideReason: d.overrideReason,
      latencyMs: d.latencyMs, explanation: d.explanation,
    },
    leafIndex: d.leafIndex,
    batch: header,
    batchPath: inclusionPath(levels, d.leafIndex).map(hex),
    log,
    checkpoint: checkpoint && {
      orgId: checkpoint.orgId, treeSize: checkpoint.treeSize, decisionCount: checkpoint.decisionCount, rootHash: checkpoint.rootHash,
      issuedAt: iso(checkpoint.issuedAt), statement: checkpoint.statement, signature: checkpoint.signature, publicKey: checkpoint.publicKey,
    },
  };
}

export type ConsistencyProof = { from: { treeSize: number; rootHash: string }; to: { treeSize: number; rootHash: string }; proof: string[] };

/** That the log at checkpoint `fromSize` is a prefix of the log at `toSize`: nothing removed or rewritten. */
export async function checkpointConsistency(actor: Actor, fromSize: number, toSize: number): Promise<ConsistencyProof> {
  authorize(actor, 'decisions:verify');
  const [a, b] = await Promise.all([
    db.decisionCheckpoint.findUnique({ where: { orgId_treeSize: { orgId: actor.orgId, treeSize: fromSize } }, select: { treeSize: true, rootHash: true } }),
    db.decisionCheckpoint.findUnique({ where: { orgId_treeSize: { orgId: actor.orgId, treeSize: toSize } }, select: { treeSize: true, rootHash: true } }),
  ]);
  if (!a || !b) throw new AppError('NOT_FOUND', 'No checkpoint of that tree size was found.');
  if (a.treeSize > b.treeSize) throw new AppError('VALIDATION', 'The first checkpoint must be the older one.', { fieldErrors: { from: ['Give the smaller tree size first'] } });
  const leaves = (await batchHeaders(actor.orgId, b.treeSize)).map(batchLeafHash);
  if (merkleRoot(leaves).toString('hex') !== b.rootHash) throw new AppError('CONFLICT', 'The stored batches no longer give the checkpoint root: the log was altered.');
  return { from: a, to: b, proof: consistencyProof(leaves, a.treeSize).map(hex) };
}
