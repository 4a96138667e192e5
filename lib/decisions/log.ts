import 'server-only';
import { randomBytes, randomFillSync } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { recordEventRaw } from '@/lib/audit/record';
import { eventsCommitted } from '@/lib/db';
import { rawPool } from '@/lib/db-raw';
import { batchLeafHash, decisionLeafHash, type CanonicalDecision } from './canonical';
import { packLevels, sha256, treeLevels, EMPTY_ROOT } from './merkle';
import { ensurePartitions } from './partitions';
import { encryptFeatures, newSubjectKey, unwrapSubjectKey } from './subject-keys';
import type { ExplanationStatus } from './schema';

// Appends one batch to an organisation's decision log: per-subject
// encryption, leaf hashes, the batch's Merkle root chained to the previous
// batch, and the rows written with a few multi-row statements (unnest over
// arrays), never row by row. The batch order (seq) is taken under an
// advisory lock per organisation, so concurrent batches chain in one line.

export const GENESIS_CHAIN = '0'.repeat(64);

export type NewDecision = Omit<CanonicalDecision, 'id' | 'featuresCipher' | 'orgId' | 'systemId'> & {
  features: Record<string, unknown>;
  explanationStatus: ExplanationStatus;
  topFactor: string | null;
};

/** Another batch logged some of these decision ids while this one was prepared. */
export class DuplicateRefsError extends Error {
  constructor(readonly refs: string[]) {
    super(`already logged: ${refs.length} decision ids`);
  }
}

export type AppendedBatch = { batchId: string; seq: number; rootHash: string; ids: string[] };

const newBatchId = () => `b${randomBytes(12).toString('base64url')}`;

export function chainHash(prev: string, batchLeaf: Buffer): string {
  return sha256(Buffer.from(prev, 'hex'), batchLeaf).toString('hex');
}

/** Data keys of these subjects, creating the missing ones; erased subjects map to null. */
export async function subjectKeys(orgId: string, refs: string[]): Promise<Map<string, Buffer | null>> {
  const pool = rawPool();
  const unique = [...new Set(refs)];
  const read = async () =>
    (await pool.query<{ subjectRef: string; wrappedKey: string | null }>('SELECT "subjectRef", "wrappedKey" FROM "DecisionSubject" WHERE "orgId" = $1 AND "subjectRef" = ANY($2::text[])', [orgId, unique])).rows;
  let rows = await read();
  const have = new Set(rows.map((r) => r.subjectRef));
  const missing = unique.filter((r) => !have.has(r));
  if (missing.length) {
    const wrapped = missing.map((ref) => newSubjectKey(orgId, ref).wrapped);
    const ids = missing.map(() => `s${randomBytes(12).toString('base64url')}`);
    await pool.query(
      `INSERT INTO "DecisionSubject" ("id", "orgId", "subjectRef", "wrappedKey") SELECT i, $1, r, w FROM unnest($2::text[], $3::text[], $4::text[]) AS t(i, r, w) ON CONFLICT ("orgId", "subjectRef") DO NOTHING`,
      [orgId, ids, missing, wrapped],
    );
    rows = await read();
  }
  return new Map(rows.map((r) => [r.subjectRef, r.wrappedKey ? unwrapSubjectKey(orgId, r.subjectRef, r.wrappedKey) : null]));
}

const iso = (d: Date) => d.toISOString();

export async function appendBatch(input: {
  orgId: string;
  systemId: string;
  actorLabel: string;
  tokenId: string | null;
  decisions: NewDecision[];
  report: unknown;
  receivedAt?: Date;
  /** Who sent the batch: one audit event per batch (never per decision) in the batch's transaction. */
  actor?: Actor;
}): Promise<AppendedBatch> {
  const { orgId, systemId } = input;
  const keys = await subjectKeys(orgId, input.decisions.map((d) => d.subjectRef));
  // The batch's randomness drawn at once: 12 bytes of id and 12 of nonce a decision.
  const random = randomFillSync(Buffer.allocUnsafe(input.decisions.length * 24));
  const records: (CanonicalDecision & { explanationStatus: ExplanationStatus; topFactor: string | null })[] = input.decisions.map((d, i) => {
    const key = keys.get(d.subjectRef);
    if (!key) throw new Error(`subject ${d.subjectRef} is erased`);
    const id = `d${random.toString('base64url', i * 24, i * 24 + 12)}`;
    const { features, ...rest } = d;
    return { ...rest, id, orgId, systemId, featuresCipher: encryptFeatures(key, id, features, random.subarray(i * 24 + 12, i * 24 + 24)) };
  });
  const leaves = records.map(decisionLeafHash);
  const levels = treeLevels(leaves);
  const rootHash = (levels[levels.length - 1][0] ?? EMPTY_ROOT).toString('hex');
  const times = records.map((r) => new Date(r.decidedAt).getTime());
  const firstAt = iso(new Date(Math.min(...times)));
  const lastAt = iso(new Date(Math.max(...times)));
  const receivedAt = input.receivedAt ?? new Date();
  const batchId = newBatchId();

  const pool = rawPool();
  await ensurePartitions(pool, times.map((t) => new Date(t)));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // One JSON document for the whole batch, expanded by PostgreSQL
    // (json_to_recordset): one statement and one parameter, with no array
    // literals built row by row on this side. The rows name no seq, so they
    // are written before the log's lock: concurrent batches insert side by
    // side and queue only for the chain. Under the lock, a decision id that
    // another batch committed meanwhile is seen (READ COMMITTED) and refused.
    const rowsJson = JSON.stringify(
      records.map((r, i) => ({
        id: r.id, at: r.decidedAt, model: r.modelId, version: r.versionId, ref: r.ref, idx: i, subject: r.subjectRef, cipher: r.featuresCipher,
        output: r.output, score: r.score, confidence: r.confidence, outcome: r.outcome, grp: r.groupLabel, reviewed: r.humanReviewed,
        overridden: r.overridden, reviewer: r.reviewer, reason: r.overrideReason, latency: r.latencyMs, explanation: r.explanation ?? null,
        status: r.explanationStatus, top: r.topFactor, leaf: leaves[i].toString('hex'),
      })),
    );
    await client.query(
      `INSERT INTO "Decision" ("id", "decidedAt", "orgId", "systemId", "modelId", "versionId", "ref", "batchId", "leafIndex", "subjectRef",
         "featuresCipher", "output", "score", "confidence", "outcome", "groupLabel", "humanReviewed", "overridden", "reviewer", "overrideReason",
         "latencyMs", "explanation", "explanationStatus", "topFactor", "leafHash", "receivedAt")
       SELECT id, at, $1, $2, model, version, ref, $3, idx, subject, cipher, output, score, confidence, outcome, grp,
         reviewed, overridden, reviewer, reason, latency, CASE WHEN jsonb_typeof(explanation) = 'null' THEN NULL ELSE explanation END,
         status::"ExplanationStatus", top, leaf, $4::timestamptz
       FROM json_to_recordset($5::json) AS t(id text, at timestamptz, model text, version text, ref text, idx int4, subject text, cipher text,
         output jsonb, score float8, confidence float8, outcome text, grp text, reviewed bool, overridden bool, reviewer text, reason text,
         latency float8, explanation jsonb, status text, top text, leaf text)`,
      [orgId, systemId, batchId, iso(receivedAt), rowsJson],
    );
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`decision-log:${orgId}`]);
    const last = await client.query<{ seq: number; chainHash: string }>('SELECT "seq", "chainHash" FROM "DecisionBatch" WHERE "orgId" = $1 ORDER BY "seq" DESC LIMIT 1', [orgId]);
    const taken = await client.query<{ ref: string }>('SELECT "ref" FROM "Decision" WHERE "systemId" = $1 AND "ref" = ANY($2::text[]) AND "batchId" <> $3', [systemId, records.map((r) => r.ref), batchId]);
    if (taken.rows.length) throw new DuplicateRefsError(taken.rows.map((r) => r.ref));
    const seq = last.rows.length ? last.rows[0].seq + 1 : 0;
    const prev = last.rows[0]?.chainHash ?? GENESIS_CHAIN;
    const header = { id: batchId, seq, systemId, size: records.length, rootHash, firstAt, lastAt };
    const chain = chainHash(prev, batchLeafHash(header));
    await client.query(
      `INSERT INTO "DecisionBatch" ("id", "orgId", "seq", "systemId", "size", "firstAt", "lastAt", "rootHash", "leafHashes", "nodeHashes", "prevChainHash", "chainHash", "actorLabel", "tokenId", "receivedAt", "report")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb)`,
      [batchId, orgId, seq, systemId, records.length, firstAt, lastAt, rootHash, Buffer.concat(leaves), packLevels(levels, 1), prev, chain, input.actorLabel, input.tokenId, iso(receivedAt), JSON.stringify(input.report ?? {})],
    );
    if (input.actor) {
      await recordEventRaw(client, input.actor, {
        action: 'decision-batch.ingested',
        entityType: 'DecisionBatch',
        entityId: batchId,
        changes: { systemId, seq, size: records.length, rootHash, firstAt, lastAt, report: input.report ?? {} },
      });
    }
    await client.query('COMMIT');
    if (input.actor) eventsCommitted();
    return { batchId, seq, rootHash, ids: records.map((r) => r.id) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
