import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import type { RawRecord } from './formats';

const tdb = await setupTestDatabase('decisions_verify_log');
const { db } = await import('@/lib/db');
const { ingestDecisions } = await import('./ingest');
const { issueCheckpoint } = await import('./checkpoints');
const { verifyDecisionLog } = await import('./verify-log');
const { decisionsFixture, sampleDecision } = await import('./test-fixture');

let fx: Awaited<ReturnType<typeof decisionsFixture>>;
const rows = (list: unknown[]): RawRecord[] => list.map((value, i) => ({ row: i + 1, value }));
const BATCHES = 6;
const PER_BATCH = 5;

/** Changes the log behind the portal's back: a superuser switching the append-only triggers off. */
async function tamper(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: tdb.url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

const batchAt = async (seq: number) => db.decisionBatch.findFirstOrThrow({ where: { orgId: fx.orgId, seq }, select: { id: true, chainHash: true, leafHashes: true } });
const refAt = async (seq: number, leafIndex: number) => (await db.decision.findFirstOrThrow({ where: { batchId: (await batchAt(seq)).id, leafIndex }, select: { ref: true } })).ref;

beforeAll(async () => {
  fx = await decisionsFixture('Verify Org');
  // Both senders at once: rows written side by side, chained one after the other.
  await Promise.all(Array.from({ length: BATCHES }, () => ingestDecisions(fx.serving, fx.systemId, rows(Array.from({ length: PER_BATCH }, () => sampleDecision())))));
  await issueCheckpoint(fx.actors.ADMIN);
});

// Every test reads the log one batch at a time and with batches in parallel.
const shapes = [{ concurrency: 1 }, { concurrency: 3 }, { concurrency: 8 }];

describe('verification of the whole log', () => {
  it('passes an intact log read in sequence or in parallel, and chains concurrent batches in one line', async () => {
    for (const shape of shapes) {
      expect(await verifyDecisionLog(fx.actors.AUDITOR, shape)).toMatchObject({ ok: true, batches: BATCHES, decisions: BATCHES * PER_BATCH, problems: [] });
    }
    const seqs = (await db.decisionBatch.findMany({ where: { orgId: fx.orgId }, select: { seq: true }, orderBy: { seq: 'asc' } })).map((b) => b.seq);
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5]);
    await expect(verifyDecisionLog(fx.actors.ENGINEER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses concurrent batches that log the same decision id: one stores it, the other skips it', async () => {
    const same = Array.from({ length: 3 }, () => sampleDecision());
    const [a, b] = await Promise.all([ingestDecisions(fx.serving, fx.systemId, rows(same)), ingestDecisions(fx.serving, fx.systemId, rows(same))]);
    expect([a.accepted, b.accepted].sort()).toEqual([0, 3]);
    expect([a.duplicates, b.duplicates].sort()).toEqual([0, 3]);
    expect(await db.decision.count({ where: { systemId: fx.systemId, ref: { in: same.map((s) => s.decisionId) } } })).toBe(3);
    // The log is intact; the batch joins the next checkpoint.
    expect((await verifyDecisionLog(fx.actors.AUDITOR)).ok).toBe(true);
  });

  it('names an altered decision in the first batch, the last and one in between', async () => {
    const last = BATCHES - 1;
    const targets = [[0, 0], [2, 3], [last, PER_BATCH - 1]] as const;
    const refs = await Promise.all(targets.map(([seq, i]) => refAt(seq, i)));
    await tamper(`UPDATE "Decision" SET "outcome" = 'tampered' WHERE "systemId" = $1 AND "ref" = ANY($2::text[])`, [fx.systemId, refs]);
    for (const shape of shapes) {
      const v = await verifyDecisionLog(fx.actors.AUDITOR, shape);
      expect(v.ok).toBe(false);
      expect(v.problems.sort()).toEqual(targets.map(([seq], k) => `batch #${seq}: decision ${refs[k]} was altered`).sort());
    }
    await tamper(`UPDATE "Decision" SET "outcome" = 'decline' WHERE "systemId" = $1 AND "ref" = ANY($2::text[])`, [fx.systemId, refs]);
    expect((await verifyDecisionLog(fx.actors.AUDITOR)).ok).toBe(true);
  });

  it('finds a tampered leaf, a broken chain and a deleted decision', async () => {
    const one = await batchAt(1);
    const leaves = Buffer.from(one.leafHashes);
    leaves[40] ^= 0xff; // the second leaf
    await tamper(`UPDATE "DecisionBatch" SET "leafHashes" = $2 WHERE "id" = $1`, [one.id, leaves]);
    const three = await batchAt(3);
    await tamper(`UPDATE "DecisionBatch" SET "chainHash" = $2 WHERE "id" = $1`, [three.id, '00'.repeat(32)]);
    const gone = await refAt(4, 2);
    await tamper(`DELETE FROM "Decision" WHERE "systemId" = $1 AND "ref" = $2`, [fx.systemId, gone]);
    for (const shape of shapes) {
      const v = await verifyDecisionLog(fx.actors.AUDITOR, shape);
      expect(v.ok).toBe(false);
      expect(v.problems).toEqual(
        expect.arrayContaining([
          'batch #1: its stored leaves do not give its root',
          `batch #1: decision ${await refAt(1, 1)} was altered`,
          // The broken link shows at the batch whose hash changed and at the next, which names the original.
          'batch #3: the chain of batch roots is broken',
          'batch #4: the chain of batch roots is broken',
          `batch #4: 1 of its ${PER_BATCH} decisions are missing`,
        ]),
      );
      expect(v.decisions).toBe(BATCHES * PER_BATCH + 3 - 1);
    }
  });
});
