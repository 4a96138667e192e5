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

// Content: every row's hash recomputed from its own fields. A plain
// aggregate, so PostgreSQL can spread the scan over parallel workers.
const CONTENT_SQL = `
  SELECT count(*)::bigint AS "checked",
         max("seq") AS "headSeq",
         min("seq") FILTER (WHERE encode(sha256(convert_to("prevHash" || E'\\n' || ${PAYLOAD_SQL}, 'UTF8')), 'hex') <> "hash") AS "firstBad"
    FROM "AuditEvent"`;

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
export async function verifyChain(pool: pg.Pool | pg.Client): Promise<VerifyResult> {
  // What this process committed is chained before it is checked.
  await chainReadBarrier();
  const [content, links, pending] = await Promise.all([
    pool.query<{ checked: string; firstBad: string | null; headSeq: string | null }>(CONTENT_SQL),
    pool.query<{ firstBad: string | null }>(LINKS_SQL),
    pool.query<{ n: string }>('SELECT count(*) AS n FROM "AuditEventPending"'),
  ]);
  const { checked, headSeq } = content.rows[0];
  const bad = [content.rows[0].firstBad, links.rows[0].firstBad].filter((v): v is string => v !== null).map(Number);
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
