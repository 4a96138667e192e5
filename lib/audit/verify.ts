import type pg from 'pg';
import { chainHash, GENESIS_HASH } from './chain';

export type VerifyResult = {
  intact: boolean;
  checked: number;
  headSeq: number;
  headHash: string;
  firstBrokenSeq: number | null;
};

const BATCH = 20_000;

type Row = [string, Date, string | null, string | null, string, string, string, string | null, unknown, string | null, string | null, string | null, string, string];

function fetchBatch(pool: pg.Pool, afterSeq: string): Promise<Row[]> {
  return pool
    .query<Row>({
      text: `SELECT "seq", "at", "orgId", "actorId", "actorLabel", "action", "entityType", "entityId",
                    "changes", "reason", "requestId", "ip", "prevHash", "hash"
               FROM "AuditEvent" WHERE "seq" > $1 ORDER BY "seq" LIMIT ${BATCH}`,
      values: [afterSeq],
      rowMode: 'array',
    })
    .then((r) => r.rows);
}

/**
 * Walks the whole chain in sequence order, recomputing every hash. Reports
 * the first event whose sequence, link or content does not match. The next
 * batch is fetched while the current one is hashed.
 */
export async function verifyChain(pool: pg.Pool): Promise<VerifyResult> {
  let expectedSeq = 1n;
  let prev = GENESIS_HASH;
  let checked = 0;
  let firstBroken: number | null = null;
  let headSeq = 0;
  let headHash = GENESIS_HASH;

  let pending = fetchBatch(pool, '0');
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) break;
    pending = rows.length === BATCH ? fetchBatch(pool, rows[rows.length - 1][0]) : Promise.resolve([]);
    for (const r of rows) {
      const seq = BigInt(r[0]);
      const storedHash = r[13];
      if (firstBroken === null) {
        const recomputed = chainHash(prev, {
          seq,
          at: r[1],
          orgId: r[2],
          actorId: r[3],
          actorLabel: r[4],
          action: r[5],
          entityType: r[6],
          entityId: r[7],
          changes: r[8],
          reason: r[9],
          requestId: r[10],
          ip: r[11],
        });
        if (seq !== expectedSeq || r[12] !== prev || recomputed !== storedHash) firstBroken = Number(seq);
      }
      prev = storedHash;
      expectedSeq = seq + 1n;
      checked += 1;
      headSeq = Number(seq);
      headHash = storedHash;
    }
  }
  return { intact: firstBroken === null, checked, headSeq, headHash, firstBrokenSeq: firstBroken };
}
