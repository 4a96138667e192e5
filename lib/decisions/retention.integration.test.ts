import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/lib/auth/actor';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('decisions_retention');
const { db } = await import('@/lib/db');
const { rawPool } = await import('@/lib/db-raw');
const { appendBatch } = await import('./log');
const { issueCheckpoint } = await import('./checkpoints');
const { listPartitions, partitionName } = await import('./partitions');
const { createPartitionsAhead, purgeExpiredPartitions } = await import('./retention');
const { decisionProof } = await import('./proofs');
const { verifyDecisionProof } = await import('./verify-proof');
const { publicKeyPem } = await import('@/lib/signing/keys');
const { decisionsFixture } = await import('./test-fixture');

let fx: Awaited<ReturnType<typeof decisionsFixture>>;

const decision = (at: string, ref: string) => ({
  ref, modelId: fx.modelId, versionId: fx.versions.v1, decidedAt: at, subjectRef: `s-${ref}`, features: { income: 1 }, output: { score: 0.5 },
  score: 0.5, confidence: null, outcome: 'approve', groupLabel: null, humanReviewed: false, overridden: false, reviewer: null, overrideReason: null,
  latencyMs: null, explanation: null, explanationStatus: 'MISSING' as const, topFactor: null,
});

beforeAll(async () => {
  fx = await decisionsFixture('Retention Org');
});

describe('partitions and retention', () => {
  it('creates the month partitions ahead, one table per month', async () => {
    const job = systemActor(fx.orgId, 'job:decisions.partitions');
    const now = new Date('2031-05-14T10:00:00Z');
    expect(await createPartitionsAhead(job, now)).toBe(4);
    expect(await createPartitionsAhead(job, now)).toBe(0);
    const names = (await listPartitions(rawPool())).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['decision_2031_05', 'decision_2031_06', 'decision_2031_07', 'decision_2031_08']));
    await expect(createPartitionsAhead(fx.actors.ENGINEER, now)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('drops a month past retention with a signed purge record; the proofs of other months still verify', async () => {
    await appendBatch({ orgId: fx.orgId, systemId: fx.systemId, actorLabel: 'test', tokenId: null, report: {}, decisions: [decision('2020-01-10T00:00:00.000Z', 'old-1'), decision('2020-01-20T00:00:00.000Z', 'old-2')] });
    await appendBatch({ orgId: fx.orgId, systemId: fx.systemId, actorLabel: 'test', tokenId: null, report: {}, decisions: [decision(new Date().toISOString(), 'new-1')] });
    await issueCheckpoint(fx.actors.ADMIN);
    expect(partitionName(new Date('2020-01-10T00:00:00Z'))).toBe('decision_2020_01');
    const job = systemActor(fx.orgId, 'job:decisions.retention');
    const purged = await purgeExpiredPartitions(job, new Date());
    expect(purged).toEqual([{ partition: 'decision_2020_01', decisionCount: 2 }]);
    expect((await listPartitions(rawPool())).map((p) => p.name)).not.toContain('decision_2020_01');
    expect(await db.decision.count({ where: { systemId: fx.systemId } })).toBe(1);

    const record = await db.decisionPurge.findFirstOrThrow({ where: { partition: 'decision_2020_01' } });
    expect(JSON.parse(record.statement)).toMatchObject({ format: 'agp-decision-purge/1', decisionCount: 2, from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' });
    expect(verify(null, Buffer.from(record.statement), createPublicKey(publicKeyPem()), Buffer.from(record.signature, 'base64'))).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'decision-log.partition-purged', entityId: record.id } })).toBe(1);
    await expect(db.$executeRawUnsafe(`DELETE FROM "DecisionPurge"`)).rejects.toThrow(/append-only/);

    const proof = await decisionProof(fx.actors.ADMIN, { systemId: fx.systemId, ref: 'new-1' });
    expect(verifyDecisionProof(proof, publicKeyPem()).ok).toBe(true);
    // Nothing left to purge; the current month stays.
    expect(await purgeExpiredPartitions(job, new Date())).toEqual([]);
  });
});
