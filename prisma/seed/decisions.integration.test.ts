import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('seed_decisions');
const { db } = await import('@/lib/db');
const { seedFoundation } = await import('./foundation');
const { seedModels } = await import('./models');
const { seedDecisions, DEMO_DECISIONS } = await import('./decisions');

const D = 86_400_000;

describe('the decision-log demo', () => {
  // The full demo, as `npm run demo` and the e2e suite seed it.
  it('logs 200,000 credit decisions over 90 days, about 2 % overridden, a checkpoint chain, and an erased subject whose proof verifies', { timeout: 600_000 }, async () => {
    // Only what the decision log builds on: the organisation and the model registry.
    const { orgId } = await seedFoundation();
    await seedModels(orgId);
    const started = Date.now();
    await seedDecisions(orgId, () => undefined);
    const seededAt = Date.now();
    expect(DEMO_DECISIONS).toBe(200_000);
    expect(await db.decision.count()).toBe(200_000);
    expect(await db.decision.count({ where: { explanationStatus: 'VALID' } })).toBe(200_000);

    // Art. 14: about 2 % overridden, each with its reviewer and reason.
    const overridden = await db.decision.count({ where: { overridden: true } });
    expect(overridden / 200_000).toBeGreaterThan(0.015);
    expect(overridden / 200_000).toBeLessThan(0.025);
    expect(await db.decision.count({ where: { overridden: true, OR: [{ reviewer: null }, { overrideReason: null }, { humanReviewed: false }] } })).toBe(0);
    expect(await db.decision.findFirstOrThrow({ where: { ref: 'app-100017' }, select: { overridden: true, overrideReason: true } })).toEqual({
      overridden: true,
      overrideReason: 'Verified income documents show a recent salary increase the application data did not have.',
    });

    // The 90 whole days before the seed's day, weekdays busier than weekends, all from the version in production then.
    const span = await db.decision.aggregate({ _min: { decidedAt: true }, _max: { decidedAt: true } });
    const today = new Date(started).setUTCHours(0, 0, 0, 0);
    expect(span._min.decidedAt!.getTime()).toBeGreaterThanOrEqual(today - 90 * D);
    expect(span._min.decidedAt!.getTime()).toBeLessThan(today - 89 * D);
    expect(span._max.decidedAt!.getTime()).toBeGreaterThan(today - D);
    expect(span._max.decidedAt!.getTime()).toBeLessThan(Math.min(today, seededAt));
    const days = await db.$queryRaw<{ weekend: boolean; perDay: number }[]>`
      SELECT extract(isodow FROM "decidedAt" AT TIME ZONE 'UTC') >= 6 AS weekend, count(*)::float8 / count(DISTINCT date_trunc('day', "decidedAt" AT TIME ZONE 'UTC')) AS "perDay"
      FROM "Decision" GROUP BY 1`;
    const perDay = (weekend: boolean) => days.find((d) => d.weekend === weekend)!.perDay;
    expect(perDay(false)).toBeGreaterThan(1.5 * perDay(true));
    const versions = await db.decision.groupBy({ by: ['versionId'], _count: true });
    const served = await db.modelVersion.findMany({ where: { id: { in: versions.map((v) => v.versionId) } }, select: { label: true } });
    expect(served.map((v) => v.label)).toEqual(['3.0.0']);
    expect((await db.decisionSystemSettings.findFirstOrThrow({ select: { restrictedFeatures: true } })).restrictedFeatures).toEqual(['annual_income']);

    const { ROLE_GRANTS } = await import('@/lib/auth/permissions');
    const admin = await db.user.findFirstOrThrow({ where: { role: 'ADMIN' }, select: { id: true, orgId: true, email: true, name: true, role: true } });
    const actor = { kind: 'user' as const, userId: admin.id, tokenId: null, orgId: admin.orgId, role: admin.role, name: admin.name, email: admin.email, label: admin.email, grants: ROLE_GRANTS[admin.role], request: { id: 't', ip: null } };

    // A chain of signed checkpoints, dated over the 90 days; the first is a prefix of the last.
    const batches = await db.decisionBatch.count();
    expect(batches).toBe(20);
    const checkpoints = await db.decisionCheckpoint.findMany({ orderBy: { treeSize: 'asc' }, select: { treeSize: true, decisionCount: true, issuedAt: true, statement: true, signature: true, publicKey: true } });
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(checkpoints.at(-1)).toMatchObject({ treeSize: 20, decisionCount: 200_000 });
    expect(checkpoints[0].issuedAt.getTime()).toBeLessThan(today - 60 * D);
    for (let i = 1; i < checkpoints.length; i++) expect(checkpoints[i].issuedAt.getTime()).toBeGreaterThan(checkpoints[i - 1].issuedAt.getTime());
    for (const c of checkpoints) expect(verify(null, Buffer.from(c.statement), createPublicKey(c.publicKey), Buffer.from(c.signature, 'base64'))).toBe(true);
    const { checkpointConsistency } = await import('@/lib/decisions/proofs');
    const { verifyConsistency } = await import('@/lib/decisions/merkle');
    const first = checkpoints[0];
    const last = checkpoints.at(-1)!;
    const consistency = await checkpointConsistency(actor, first.treeSize, last.treeSize);
    const hex = (s: string) => Buffer.from(s, 'hex');
    expect(verifyConsistency(first.treeSize, last.treeSize, hex(consistency.from.rootHash), hex(consistency.to.rootHash), consistency.proof.map(hex))).toBe(true);

    // The erased subject: the key is gone, the features unreadable, the proof still holds.
    const erased = await db.decisionSubject.findFirstOrThrow({ where: { subjectRef: 'applicant-00042' }, select: { wrappedKey: true, erasedAt: true } });
    expect(erased.wrappedKey).toBeNull();
    const { getDecision, verifyDecision } = await import('@/lib/decisions/queries');
    const theirs = await db.decision.findMany({ where: { subjectRef: 'applicant-00042' }, select: { id: true } });
    expect(theirs.length).toBeGreaterThan(0);
    for (const one of theirs) {
      expect((await getDecision(actor, one.id)).features).toEqual({ state: 'erased' });
      await expect(verifyDecision(actor, one.id)).resolves.toMatchObject({ ok: true });
    }

    // Every row as ingestion wrote it: the whole log rehashes to its batch roots, chain and checkpoint.
    const { verifyDecisionLog } = await import('@/lib/decisions/verify-log');
    await expect(verifyDecisionLog(actor)).resolves.toMatchObject({ ok: true, batches: 20, decisions: 200_000, problems: [] });

    // Seeding again adds nothing.
    await seedDecisions(orgId, () => undefined);
    expect(await db.decision.count()).toBe(200_000);
  });
});
