import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { rawPool } from '@/lib/db-raw';
import { batchLeafHash, decisionLeafHash, type CanonicalDecision } from './canonical';
import { batchHeaders } from './checkpoints';
import { GENESIS_CHAIN, chainHash } from './log';
import { merkleRoot } from './merkle';
import { listPartitions, partitionName } from './partitions';

// Verifies an organisation's whole log: every batch's rows rehashed against
// its stored leaves and root, the chain of batch roots, and the latest
// checkpoint's root. Batches are read one a query (rows as arrays, a batch's
// leaves with it, never the whole log's in memory), several in flight so
// PostgreSQL sends the next while this process hashes the last. A batch
// whose month partition retention dropped is checked from its stored leaves
// only; any other batch must have every one of its rows.

export type LogVerification = { ok: boolean; batches: number; decisions: number; problems: string[]; ms: number };

type BatchRow = { id: string; seq: number; size: number; rootHash: string; prevChainHash: string; chainHash: string; firstAt: Date; lastAt: Date };

/** Columns in CANONICAL_DECISION_FIELDS order, then the leaf index. */
const ROW_COLUMNS = `"id", "ref", "orgId", "systemId", "modelId", "versionId", to_char("decidedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  "subjectRef", "featuresCipher", "output", "score", "confidence", "outcome", "groupLabel", "humanReviewed", "overridden", "reviewer",
  "overrideReason", "latencyMs", "explanation", "leafIndex"`;

type Row = [string, string, string, string, string, string, string, string, string, unknown, number | null, number | null, string, string | null, boolean, boolean, string | null, string | null, number | null, unknown, number];

const toCanonical = (r: Row): CanonicalDecision => ({
  id: r[0], ref: r[1], orgId: r[2], systemId: r[3], modelId: r[4], versionId: r[5], decidedAt: r[6], subjectRef: r[7], featuresCipher: r[8],
  output: r[9], score: r[10], confidence: r[11], outcome: r[12], groupLabel: r[13], humanReviewed: r[14], overridden: r[15], reviewer: r[16],
  overrideReason: r[17], latencyMs: r[18], explanation: r[19],
});

export async function verifyDecisionLog(actor: Actor, options: { concurrency?: number } = {}): Promise<LogVerification> {
  authorize(actor, 'decisions:verify');
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const started = performance.now();
  const pool = rawPool();
  const problems: string[] = [];
  const { rows: batches } = await pool.query<BatchRow>(
    'SELECT "id", "seq", "size", "rootHash", "prevChainHash", "chainHash", "firstAt", "lastAt" FROM "DecisionBatch" WHERE "orgId" = $1 ORDER BY "seq"',
    [actor.orgId],
  );
  const headers = await batchHeaders(actor.orgId);
  let prev = GENESIS_CHAIN;
  batches.forEach((b, i) => {
    if (b.prevChainHash !== prev || chainHash(prev, batchLeafHash(headers[i])) !== b.chainHash) problems.push(`batch #${b.seq}: the chain of batch roots is broken`);
    prev = b.chainHash;
  });
  const present = new Set((await listPartitions(pool)).map((p) => p.name));
  const complete = (b: BatchRow) => {
    // Every month from the batch's first decision to its last must still be there.
    for (let m = new Date(Date.UTC(b.firstAt.getUTCFullYear(), b.firstAt.getUTCMonth(), 1)); m <= b.lastAt; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) {
      if (!present.has(partitionName(m))) return false;
    }
    return true;
  };

  let decisions = 0;
  let next = 0;
  // One batch a query: its rows come through the (batchId, leafIndex) index of
  // each partition; a list of batch ids would let the planner scan whole
  // partitions, once a list.
  const verifyBatch = async (b: BatchRow) => {
    const [leavesResult, rowsResult] = await Promise.all([
      pool.query<{ leafHashes: Buffer }>('SELECT "leafHashes" FROM "DecisionBatch" WHERE "id" = $1', [b.id]),
      pool.query<Row>({ text: `SELECT ${ROW_COLUMNS} FROM "Decision" WHERE "batchId" = $1`, values: [b.id], rowMode: 'array' }),
    ]);
    const leaves = leavesResult.rows[0]?.leafHashes ?? Buffer.alloc(0);
    const list: Buffer[] = [];
    for (let i = 0; i < leaves.length; i += 32) list.push(leaves.subarray(i, i + 32));
    if (list.length !== b.size || merkleRoot(list).toString('hex') !== b.rootHash) problems.push(`batch #${b.seq}: its stored leaves do not give its root`);
    for (const r of rowsResult.rows) {
      const index = r[20];
      const leaf = index >= 0 && index < list.length ? list[index] : null;
      if (!leaf || !decisionLeafHash(toCanonical(r)).equals(leaf)) problems.push(`batch #${b.seq}: decision ${r[1]} was altered`);
    }
    const count = rowsResult.rows.length;
    if (count > b.size) problems.push(`batch #${b.seq}: holds ${count} decisions, its tree ${b.size}`);
    else if (count < b.size && complete(b)) problems.push(`batch #${b.seq}: ${b.size - count} of its ${b.size} decisions are missing`);
    decisions += count;
  };
  const worker = async () => {
    while (next < batches.length) await verifyBatch(batches[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, batches.length)) }, worker));
  const { rows: cps } = await pool.query<{ treeSize: number; rootHash: string }>('SELECT "treeSize", "rootHash" FROM "DecisionCheckpoint" WHERE "orgId" = $1 ORDER BY "treeSize" DESC LIMIT 1', [actor.orgId]);
  if (cps[0] && merkleRoot(headers.slice(0, cps[0].treeSize).map(batchLeafHash)).toString('hex') !== cps[0].rootHash) problems.push(`checkpoint of ${cps[0].treeSize} batches: its root does not match the batches`);
  return { ok: problems.length === 0, batches: batches.length, decisions, problems: problems.slice(0, 100), ms: performance.now() - started };
}
