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
// checkpoint's root. Batches are read in ranges (a few batches a query, rows
// as arrays, never the whole log in memory), several ranges in flight so
// PostgreSQL sends the next while this process hashes the last. A batch
// whose month partition retention dropped is checked from its stored leaves
// only; any other batch must have every one of its rows.

export type LogVerification = { ok: boolean; batches: number; decisions: number; problems: string[]; ms: number };

type BatchRow = { id: string; seq: number; size: number; rootHash: string; prevChainHash: string; chainHash: string; firstAt: Date; lastAt: Date };

/** Columns in CANONICAL_DECISION_FIELDS order, then the leaf index. */
const ROW_COLUMNS = `"id", "ref", "orgId", "systemId", "modelId", "versionId", to_char("decidedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  "subjectRef", "featuresCipher", "output", "score", "confidence", "outcome", "groupLabel", "humanReviewed", "overridden", "reviewer",
  "overrideReason", "latencyMs", "explanation", "batchId", "leafIndex"`;

type Row = [string, string, string, string, string, string, string, string, string, unknown, number | null, number | null, string, string | null, boolean, boolean, string | null, string | null, number | null, unknown, string, number];

const toCanonical = (r: Row): CanonicalDecision => ({
  id: r[0], ref: r[1], orgId: r[2], systemId: r[3], modelId: r[4], versionId: r[5], decidedAt: r[6], subjectRef: r[7], featuresCipher: r[8],
  output: r[9], score: r[10], confidence: r[11], outcome: r[12], groupLabel: r[13], humanReviewed: r[14], overridden: r[15], reviewer: r[16],
  overrideReason: r[17], latencyMs: r[18], explanation: r[19],
});

export async function verifyDecisionLog(actor: Actor, options: { concurrency?: number; rangeRows?: number } = {}): Promise<LogVerification> {
  authorize(actor, 'decisions:verify');
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const rangeRows = Math.max(1, options.rangeRows ?? 40_000);
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

  // Ranges of consecutive batches of about rangeRows decisions each.
  const ranges: BatchRow[][] = [];
  for (let i = 0, rows = 0; i < batches.length; i++) {
    if (!ranges.length || rows + batches[i].size > rangeRows) {
      ranges.push([]);
      rows = 0;
    }
    ranges[ranges.length - 1].push(batches[i]);
    rows += batches[i].size;
  }

  let decisions = 0;
  let next = 0;
  const verifyRange = async (range: BatchRow[]) => {
    const ids = range.map((b) => b.id);
    const [leavesResult, rowsResult] = await Promise.all([
      pool.query<{ id: string; leafHashes: Buffer }>('SELECT "id", "leafHashes" FROM "DecisionBatch" WHERE "id" = ANY($1::text[])', [ids]),
      pool.query<Row>({ text: `SELECT ${ROW_COLUMNS} FROM "Decision" WHERE "batchId" = ANY($1::text[])`, values: [ids], rowMode: 'array' }),
    ]);
    const stored = new Map(leavesResult.rows.map((r) => [r.id, r.leafHashes]));
    const byId = new Map(range.map((b) => [b.id, b]));
    const seen = new Map<string, number>();
    for (const b of range) {
      const leaves = stored.get(b.id) ?? Buffer.alloc(0);
      const list: Buffer[] = [];
      for (let i = 0; i < leaves.length; i += 32) list.push(leaves.subarray(i, i + 32));
      if (list.length !== b.size || merkleRoot(list).toString('hex') !== b.rootHash) problems.push(`batch #${b.seq}: its stored leaves do not give its root`);
      seen.set(b.id, 0);
    }
    for (const r of rowsResult.rows) {
      const batchId = r[20];
      const index = r[21];
      const b = byId.get(batchId)!;
      seen.set(batchId, (seen.get(batchId) ?? 0) + 1);
      const leaves = stored.get(batchId);
      const leaf = leaves && index >= 0 && index < b.size ? leaves.subarray(index * 32, index * 32 + 32) : null;
      if (!leaf || !decisionLeafHash(toCanonical(r)).equals(leaf)) problems.push(`batch #${b.seq}: decision ${r[1]} was altered`);
    }
    for (const b of range) {
      const count = seen.get(b.id) ?? 0;
      if (count > b.size) problems.push(`batch #${b.seq}: holds ${count} decisions, its tree ${b.size}`);
      else if (count < b.size && complete(b)) problems.push(`batch #${b.seq}: ${b.size - count} of its ${b.size} decisions are missing`);
      decisions += count;
    }
  };
  const worker = async () => {
    while (next < ranges.length) await verifyRange(ranges[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, ranges.length)) }, worker));
  const { rows: cps } = await pool.query<{ treeSize: number; rootHash: string }>('SELECT "treeSize", "rootHash" FROM "DecisionCheckpoint" WHERE "orgId" = $1 ORDER BY "treeSize" DESC LIMIT 1', [actor.orgId]);
  if (cps[0] && merkleRoot(headers.slice(0, cps[0].treeSize).map(batchLeafHash)).toString('hex') !== cps[0].rootHash) problems.push(`checkpoint of ${cps[0].treeSize} batches: its root does not match the batches`);
  return { ok: problems.length === 0, batches: batches.length, decisions, problems: problems.slice(0, 100), ms: performance.now() - started };
}
