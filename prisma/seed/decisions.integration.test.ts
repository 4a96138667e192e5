import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('seed_decisions');
const { db } = await import('@/lib/db');
const { seedFoundation } = await import('./foundation');
const { seedModels } = await import('./models');
const { seedDecisions } = await import('./decisions');

describe('the decision-log demo', () => {
  it('logs credit decisions with explanations, an override, an erased subject whose proof verifies, and a checkpoint', { timeout: 120_000 }, async () => {
    // Only what the decision log builds on: the organisation and the model registry.
    const { orgId } = await seedFoundation();
    await seedModels(orgId);
    await seedDecisions(orgId, () => undefined);
    expect(await db.decision.count()).toBe(3_000);
    expect(await db.decision.count({ where: { overridden: true } })).toBe(1);
    expect(await db.decision.count({ where: { explanationStatus: 'VALID' } })).toBe(3_000);
    const checkpoint = await db.decisionCheckpoint.findFirstOrThrow({ select: { treeSize: true, decisionCount: true } });
    expect(checkpoint).toEqual({ treeSize: 3, decisionCount: 3_000 });
    const erased = await db.decisionSubject.findFirstOrThrow({ where: { subjectRef: 'applicant-00042' }, select: { wrappedKey: true, erasedAt: true } });
    expect(erased.wrappedKey).toBeNull();

    const { ROLE_GRANTS } = await import('@/lib/auth/permissions');
    const admin = await db.user.findFirstOrThrow({ where: { role: 'ADMIN' }, select: { id: true, orgId: true, email: true, name: true, role: true } });
    const actor = { kind: 'user' as const, userId: admin.id, tokenId: null, orgId: admin.orgId, role: admin.role, name: admin.name, email: admin.email, label: admin.email, grants: ROLE_GRANTS[admin.role], request: { id: 't', ip: null } };
    const { getDecision, verifyDecision } = await import('@/lib/decisions/queries');
    const one = await db.decision.findFirstOrThrow({ where: { subjectRef: 'applicant-00042' }, select: { id: true } });
    expect((await getDecision(actor, one.id)).features).toEqual({ state: 'erased' });
    await expect(verifyDecision(actor, one.id)).resolves.toMatchObject({ ok: true });
    // Seeding again adds nothing.
    await seedDecisions(orgId, () => undefined);
    expect(await db.decision.count()).toBe(3_000);
  });
});
