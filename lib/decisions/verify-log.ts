import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { rawPool } from '@/lib/db-raw';
import { batchLeafHash, decisionLeafHash, type CanonicalDecision } from './canonical';
import { batchHeaders } from './checkpoints';
import { GENESIS_CHAIN, chainHash } from './log';
import { merkleRoot } from './merkle';

// Verifies an organisation's whole log: every batch's rows rehashed against
// its stored leaves and root (batches in parallel, one connection each), the
// chain of batch roots, and the latest checkpoint's root. Batches whose
// partition retention dropped are checked from their stored leaves only.

export type LogVerification = { ok: boolean; batches: number; decisions: number; problems: string[]; ms: number };

export async function verifyDecisionLog(actor: Actor, concurrency = 4): Promise<LogVerification> {
  authorize(actor, 'decisions:verify');
  const started = performance.now();
  const pool = rawPool();
  const problems: string[] = [];
  const { rows: batches } = await pool.query<{ id: string; seq: number; size: number; rootHash: string; leafHashes: Buffer; prevChainHash: string; chainHash: string }>(
    'SELECT "id", "seq", "size", "rootHash", "leafHashes", "prevChainHash", "chainHash" FROM "DecisionBatch" WHERE "orgId" = $1 ORDER BY "seq"',
    [actor.orgId],
  );
  const headers = await batchHeaders(actor.orgId);
  let prev = GENESIS_CHAIN;
  batches.forEach((b, i) => {
    if (b.prevChainHash !== prev || chainHash(prev, batchLeafHash(headers[i])) !== b.chainHash) problems.push(`batch #${b.seq}: the chain of batch roots is broken`);
    prev = b.chainHash;
  });
  let decisions = 0;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const b = batches[next++];
      const { rows } = await pool.query<CanonicalDecision & { leafIndex: number; decidedAtIso: string }>(
        `SELECT "id", "ref", "orgId", "systemId", "modelId", "versionId", to_char("decidedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "decidedAt",
           "subjectRef", "featuresCipher", "output", "score", "confidence", "outcome", "groupLabel", "humanReviewed", "overridden", "reviewer",
           "overrideReason", "latencyMs", "explanation", "leafIndex" FROM "Decision" WHERE "batchId" = $1 ORDER BY "leafIndex"`,
        [b.id],
      );
      const stored: Buffer[] = [];
      for (let i = 0; i < b.leafHashes.length; i += 32) stored.push(b.leafHashes.subarray(i, i + 32));
      if (stored.length !== b.size || merkleRoot(stored).toString('hex') !== b.rootHash) problems.push(`batch #${b.seq}: its stored leaves do not give its root`);
      for (const r of rows) {
        if (!decisionLeafHash(r).equals(stored[r.leafIndex] ?? Buffer.alloc(0))) problems.push(`batch #${b.seq}: decision ${r.ref} was altered`);
      }
      decisions += rows.length;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const { rows: cps } = await pool.query<{ treeSize: number; rootHash: string }>('SELECT "treeSize", "rootHash" FROM "DecisionCheckpoint" WHERE "orgId" = $1 ORDER BY "treeSize" DESC LIMIT 1', [actor.orgId]);
  if (cps[0] && merkleRoot(headers.slice(0, cps[0].treeSize).map(batchLeafHash)).toString('hex') !== cps[0].rootHash) problems.push(`checkpoint of ${cps[0].treeSize} batches: its root does not match the batches`);
  return { ok: problems.length === 0, batches: batches.length, decisions, problems: problems.slice(0, 100), ms: performance.now() - started };
}
