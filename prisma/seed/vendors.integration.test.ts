import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

process.env.EVIDENCE_DIR = await mkdtemp(path.join(tmpdir(), 'seed-vendors-evidence-'));
await setupTestDatabase('seed_vendors');
const { db } = await import('@/lib/db');
const { seedFoundation } = await import('./foundation');
const { seedVendorsAndPolicies } = await import('./vendors');

describe('the vendors and policies demo seed', () => {
  it('creates 6 vendors (an expiring BAA, an open questionnaire), 4 policies partly acknowledged and training gaps, once', { timeout: 120_000 }, async () => {
    const { orgId } = await seedFoundation();
    await seedVendorsAndPolicies(orgId, () => undefined);
    await seedVendorsAndPolicies(orgId, () => undefined);
    expect(await db.vendor.count({ where: { orgId } })).toBe(6);
    const baa = await db.vendorContract.findFirstOrThrow({ where: { type: 'BAA', vendor: { orgId } }, select: { expiresAt: true } });
    expect(baa.expiresAt!.getTime() - Date.now()).toBeLessThan(30 * 86_400_000);
    expect(await db.vendorQuestionnaire.count({ where: { orgId, status: 'SENT' } })).toBe(1);
    // The open draft carries one document, attached through the link (the evidence store holds its bytes).
    const docs = await db.vendorDocument.findMany({ where: { questionnaire: { orgId, status: 'SENT' } }, select: { questionKey: true, contentType: true, size: true } });
    expect(docs).toEqual([{ questionKey: 'ai.evaluation', contentType: 'application/pdf', size: expect.any(Number) }]);
    expect(await db.vendorQuestionnaire.count({ where: { orgId, status: 'REVIEWED', evidenceId: { not: null } } })).toBe(1);
    expect(await db.policy.count({ where: { orgId } })).toBe(4);
    expect(await db.policy.count({ where: { orgId, currentVersionId: null } })).toBe(1);
    expect(await db.policyAcknowledgement.count({ where: { policy: { orgId } } })).toBeGreaterThan(0);
    const { trainingCoverage } = await import('@/lib/policies/queries');
    const { systemActor } = await import('@/lib/auth/actor');
    const t = await trainingCoverage(systemActor(orgId));
    expect(t.overdue.length).toBeGreaterThan(0);
  });
});
