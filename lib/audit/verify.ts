import { availableParallelism } from 'node:os';
import type pg from 'pg';
import { chainReadBarrier } from './barrier';
import { GENESIS_HASH } from './chain';

export type VerifyResult = {
  intact: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  firstBrokenSeq: number | null;
  /** Committed events the sealer has not chained yet. */
  pending: number;
};

// The event's canonical JSON, built in SQL byte for byte as eventPayload()
// in ./chain.ts builds it (to_json() escapes strings as JSON.stringify does).
const js = (col: string) => `coalesce(to_json(${col})::text, 'null')`;
export const PAYLOAD_SQL = `'{"action":' || ${js('"action"')}
  || ',"actorId":' || ${js('"actorId"')}
  || ',"actorLabel":' || ${js('"actorLabel"')}
  || ',"at":"' || to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
  || ',"changes":' || coalesce("changes", 'null')
  || ',"entityId":' || ${js('"entityId"')}
  || ',"entityType":' || ${js('"entityType"')}
  || ',"ip":' || ${js('"ip"')}
  || ',"orgId":' || ${js('"orgId"')}
  || ',"reason":' || ${js('"reason"')}
  || ',"requestId":' || ${js('"requestId"')}
  || ',"seq":"' || "seq"::text || '"}'`;

// Content: every row's hash recomputed from its own fields, over one range
// of sequence numbers. verifyChain runs one such query per range at the same
// time, each on its own connection, so the hashing (the whole cost: the JSON
// escaping and SHA-256 of every row) is spread over the server's cores.
const CONTENT_SQL = `
  SELECT count(*)::bigint AS "checked",
         max("seq") AS "headSeq",
         min("seq") FILTER (WHERE encode(sha256(convert_to("prevHash" || E'\\n' || ${PAYLOAD_SQL}, 'UTF8')), 'hex') <> "hash") AS "firstBad"
    FROM "AuditEvent" WHERE "seq" BETWEEN $1 AND $2`;

/** Ranges checked at once: the cores of this machine (the database is local), at least 2, at most 8. */
const RANGES = Math.min(8, Math.max(2, availableParallelism()));

// Links: each event names the previous event's hash and follows it by one.
const LINKS_SQL = `
  SELECT min("seq") AS "firstBad" FROM (
    SELECT "seq", "prevHash", lag("hash") OVER w AS "prevStored", lag("seq") OVER w AS "prevSeq"
      FROM "AuditEvent" WINDOW w AS (ORDER BY "seq")
  ) links
   WHERE "prevHash" <> coalesce("prevStored", '${GENESIS_HASH}') OR "seq" <> coalesce("prevSeq", 0) + 1`;

/**
 * Recomputes every event's hash inside PostgreSQL (no rows are shipped to
 * the app) and checks each link and sequence number. Reports the
 * first event whose sequence, link or content does not match.
 */
export async function verifyChain(pool: pg.Pool | pg.Client, opts: { ranges?: number } = {}): Promise<VerifyResult> {
  // What this process committed is chained before it is checked.
  await chainReadBarrier();
  // The span of sequence numbers (two index lookups), cut into equal ranges;
  // every row falls in exactly one range, gaps included.
  const span = await pool.query<{ lo: string | null; hi: string | null }>('SELECT min("seq")::text AS lo, max("seq")::text AS hi FROM "AuditEvent"');
  const lo = BigInt(span.rows[0].lo ?? 0);
  const hi = BigInt(span.rows[0].hi ?? 0);
  const n = BigInt(Math.max(1, opts.ranges ?? RANGES));
  const step = (hi - lo + n) / n;
  const ranges: [string, string][] = [];
  for (let from = lo; from <= hi; from += step) ranges.push([String(from), String(from + step - 1n > hi ? hi : from + step - 1n)]);
  type Content = { checked: string; firstBad: string | null; headSeq: string | null };
  const [contents, links, pending] = await Promise.all([
    Promise.all(ranges.map((range) => pool.query<Content>(CONTENT_SQL, range))),
    pool.query<{ firstBad: string | null }>(LINKS_SQL),
    pool.query<{ n: string }>('SELECT count(*) AS n FROM "AuditEventPending"'),
  ]);
  const rows = contents.map((c) => c.rows[0]);
  const checked = rows.reduce((sum, r) => sum + Number(r.checked), 0);
  const heads = rows.map((r) => r.headSeq).filter((v): v is string => v !== null);
  const headSeq = heads.length ? heads.reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b)) : null;
  const bad = [...rows.map((r) => r.firstBad), links.rows[0].firstBad].filter((v): v is string => v !== null).map(Number);
  const firstBroken = bad.length ? Math.min(...bad) : null;
  let headHash = GENESIS_HASH;
  if (headSeq) {
    const head = await pool.query<{ hash: string }>('SELECT "hash" FROM "AuditEvent" WHERE "seq" = $1', [headSeq]);
    headHash = head.rows[0]?.hash ?? GENESIS_HASH;
  }
  return {
    intact: firstBroken === null,
    checked: Number(checked),
    headSeq: Number(headSeq ?? 0),
    headHash,
    firstBrokenSeq: firstBroken,
    pending: Number(pending.rows[0].n),
  };
}
