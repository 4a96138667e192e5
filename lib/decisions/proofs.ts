import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { rawPool } from '@/lib/db-raw';
import { AppError } from '@/lib/errors';
import { readableSystemIds } from './access';
import { batchLeafHash, PROOF_FORMAT, type CanonicalDecision, type BatchHeader } from './canonical';
import { batchHeaders } from './checkpoints';
import { consistencyProof, inclusionPath, merkleRoot, pathOffsets, treeLevels } from './merkle';

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

type BatchRow = { id: string; seq: number; systemId: string; size: number; rootHash: string; firstAt: Date; lastAt: Date; hasNodes: boolean };
type CheckpointRow = { id: string; orgId: string; treeSize: number; decisionCount: number; rootHash: string; issuedAt: Date; statement: string; signature: string; publicKey: string; hasTree: boolean };

/**
 * The audit paths read from the stored levels: one statement picks each
 * sibling's 32 bytes by offset (bytea substring), so a proof costs a few
 * index look-ups however large the batch or the log. Rows written before
 * the levels were stored fall back to rebuilding the tree.
 */
async function storedPaths(batch: BatchRow, leafIndex: number, checkpoint: CheckpointRow | null): Promise<{ batchPath: Buffer[]; logPath: Buffer[] | null }> {
  const params: unknown[] = [batch.id];
  const cols: string[] = [];
  const batchOffsets = pathOffsets(batch.size, leafIndex);
  for (const { level, offset } of batchOffsets) {
    params.push(level === 0 ? offset + 1 : offset - batch.size * 32 + 1);
    cols.push(`substring(b."${level === 0 ? 'leafHashes' : 'nodeHashes'}" from $${params.length} for 32)`);
  }
  const logOffsets = checkpoint ? pathOffsets(checkpoint.treeSize, batch.seq) : [];
  let from = 'FROM "DecisionBatch" b WHERE b."id" = $1';
  if (checkpoint) {
    params.push(checkpoint.id);
    from = `FROM "DecisionBatch" b, "DecisionCheckpoint" c WHERE b."id" = $1 AND c."id" = $${params.length}`;
    for (const { offset } of logOffsets) {
      params.push(offset + 1);
      cols.push(`substring(c."treeHashes" from $${params.length} for 32)`);
    }
  }
  if (cols.length === 0) return { batchPath: [], logPath: checkpoint ? [] : null };
  const { rows } = await rawPool().query({ text: `SELECT ${cols.join(', ')} ${from}`, values: params, rowMode: 'array' });
  const nodes = (rows[0] as Buffer[]).map((b) => Buffer.from(b));
  return { batchPath: nodes.slice(0, batchOffsets.length), logPath: checkpoint ? nodes.slice(batchOffsets.length) : null };
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
  const { rows } = await rawPool().query<BatchRow & { [k: `c_${string}`]: unknown }>(
    `SELECT b."id", b."seq", b."systemId", b."size", b."rootHash", b."firstAt", b."lastAt", b."nodeHashes" IS NOT NULL AS "hasNodes",
       c."id" AS "c_id", c."orgId" AS "c_orgId", c."treeSize" AS "c_treeSize", c."decisionCount" AS "c_decisionCount", c."rootHash" AS "c_rootHash",
       c."issuedAt" AS "c_issuedAt", c."statement" AS "c_statement", c."signature" AS "c_signature", c."publicKey" AS "c_publicKey", c."treeHashes" IS NOT NULL AS "c_hasTree"
     FROM "DecisionBatch" b
     LEFT JOIN LATERAL (SELECT * FROM "DecisionCheckpoint" x WHERE x."orgId" = b."orgId" AND x."treeSize" > b."seq" ORDER BY x."treeSize" DESC LIMIT 1) c ON true
     WHERE b."id" = $1`,
    [d.batchId],
  );
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND', 'The decision\'s batch was not found.');
  const batch: BatchRow = { id: r.id, seq: r.seq, systemId: r.systemId, size: r.size, rootHash: r.rootHash, firstAt: r.firstAt, lastAt: r.lastAt, hasNodes: r.hasNodes };
  const checkpoint: CheckpointRow | null = r.c_id
    ? {
        id: r.c_id as string, orgId: r.c_orgId as string, treeSize: r.c_treeSize as number, decisionCount: r.c_decisionCount as number, rootHash: r.c_rootHash as string,
        issuedAt: r.c_issuedAt as Date, statement: r.c_statement as string, signature: r.c_signature as string, publicKey: r.c_publicKey as string, hasTree: r.c_hasTree as boolean,
      }
    : null;
  const header: BatchHeader = { id: batch.id, seq: batch.seq, systemId: batch.systemId, size: batch.size, rootHash: batch.rootHash, firstAt: iso(batch.firstAt), lastAt: iso(batch.lastAt) };

  let batchPath: Buffer[];
  let logPath: Buffer[] | null;
  if (batch.hasNodes && (!checkpoint || checkpoint.hasTree)) {
    ({ batchPath, logPath } = await storedPaths(batch, d.leafIndex, checkpoint));
  } else {
    const stored = await db.decisionBatch.findUniqueOrThrow({ where: { id: batch.id }, select: { leafHashes: true } });
    batchPath = inclusionPath(treeLevels(splitLeaves(stored.leafHashes)), d.leafIndex);
    logPath = checkpoint ? inclusionPath(treeLevels((await batchHeaders(actor.orgId, checkpoint.treeSize)).map(batchLeafHash)), batch.seq) : null;
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
    batchPath: batchPath.map(hex),
    log: checkpoint && logPath ? { index: batch.seq, treeSize: checkpoint.treeSize, path: logPath.map(hex) } : null,
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
