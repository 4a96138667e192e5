import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// The optional gate conditions: off by default, applied only to high-risk
// systems at the step into production, set only with models:promote, and
// every change in the audit trail.
process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('gate-policy');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');
const { getGatePolicy } = await import('./gate-policy');
const { demoModelCard } = await import('./demo-card');
const { gatePolicyFormSchema } = await import('./schema');
const off = { requireMonitor: false, minExplanationCoverage: null, requireRedTeam: false, maxCriticalVulnerabilityAgeDays: null };

let actors: Record<Role, Actor>;
const systems: Record<'HIGH' | 'MINIMAL', string> = { HIGH: '', MINIMAL: '' };

async function approvedVersion(key: string, tier: 'HIGH' | 'MINIMAL') {
  await m.createModel(actors.ENGINEER, { systemId: systems[tier], key, name: key, purpose: 'p', businessOwnerId: actors.ADMIN.userId! });
  await m.createVersion(actors.ENGINEER, key, {
    label: '1.0.0',
    artifactDigest: 'c'.repeat(64),
    metrics: [{ name: 'AUC', value: 0.9, threshold: 0.8 }],
    modelCard: demoModelCard('X', 'Y'),
    fairness: { groups: [{ attribute: 'sex', groupValue: 'f', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }, { attribute: 'sex', groupValue: 'm', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }] },
  });
  for (const target of ['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'] as const) await m.changeStage(actors.ENGINEER, key, '1.0.0', { target });
  await m.signOffVersion(actors.ADMIN, key, '1.0.0', { role: 'BUSINESS_OWNER' });
  await m.signOffVersion(actors.COMPLIANCE_OFFICER, key, '1.0.0', { role: 'COMPLIANCE' });
}

beforeAll(async () => {
  const org = await createOrgWithRoles('Gate Policy Org');
  actors = org.actors;
  for (const tier of ['HIGH', 'MINIMAL'] as const) {
    systems[tier] = (await db.aISystem.create({ data: { orgId: org.orgId, name: `System ${tier}`, purpose: 'p', domain: 'FINANCE', regions: ['EU'], riskTier: tier } })).id;
  }
});

describe('gate policy', () => {
  it('is off until set, and only models:promote may set it', async () => {
    expect((await getGatePolicy(actors.ENGINEER)).policy).toEqual({ requireMonitor: false, minExplanationCoverage: null, requireRedTeam: false, maxCriticalVulnerabilityAgeDays: null });
    expect((await getGatePolicy(actors.ENGINEER)).capabilities.canEdit).toBe(false);
    await expect(m.setGatePolicy(actors.ENGINEER, { ...off, requireMonitor: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(m.setGatePolicy(actors.COMPLIANCE_OFFICER, { ...off, minExplanationCoverage: 1.5 })).rejects.toMatchObject({ name: 'ZodError' });
    expect(await db.gatePolicy.count()).toBe(0);
  });

  it('holds a high-risk version out of production while a condition is unmet, and records every change', async () => {
    await approvedVersion('credit', 'HIGH');
    await approvedVersion('chat', 'MINIMAL');
    await m.setGatePolicy(actors.COMPLIANCE_OFFICER, gatePolicyFormSchema.parse({ requireMonitor: 'on', requireRedTeam: 'on', minExplanationCoverage: '0.95', maxCriticalVulnerabilityAgeDays: '30' }));
    expect((await getGatePolicy(actors.ADMIN)).policy).toEqual({ requireMonitor: true, minExplanationCoverage: 0.95, requireRedTeam: true, maxCriticalVulnerabilityAgeDays: 30 });

    const view = await q.getVersion(actors.ENGINEER, 'credit', '1.0.0');
    expect(view.nextReasons).toEqual([
      expect.stringMatching(/No monitor is configured/),
      expect.stringMatching(/explanation coverage/),
      expect.stringMatching(/No red-team exercise/),
      expect.stringMatching(/No vulnerability scan/),
    ]);
    expect((await q.getGate(actors.ENGINEER, 'credit', '1.0.0')).reasons).toEqual(expect.arrayContaining([expect.stringMatching(/No monitor is configured/)]));
    await expect(m.changeStage(actors.COMPLIANCE_OFFICER, 'credit', '1.0.0', { target: 'PRODUCTION' })).rejects.toMatchObject({ message: expect.stringMatching(/No monitor is configured/) });

    // A system that is not high-risk is not held by the policy.
    expect((await q.getVersion(actors.ENGINEER, 'chat', '1.0.0')).nextReasons).toEqual([]);
    await m.changeStage(actors.COMPLIANCE_OFFICER, 'chat', '1.0.0', { target: 'PRODUCTION' });

    await m.setGatePolicy(actors.ADMIN, gatePolicyFormSchema.parse({ minExplanationCoverage: '' }));
    await m.changeStage(actors.COMPLIANCE_OFFICER, 'credit', '1.0.0', { target: 'PRODUCTION' });
    const events = await db.auditEvent.findMany({ where: { action: 'model.gate_policy_changed' }, orderBy: { seq: 'asc' }, select: { changes: true } });
    expect(events).toHaveLength(2);
  });

  it('takes the explanation coverage from the decision log', async () => {
    const { appendBatch } = await import('@/lib/decisions/log');
    await approvedVersion('scoring', 'HIGH');
    await m.setGatePolicy(actors.ADMIN, gatePolicyFormSchema.parse({ minExplanationCoverage: '0.9' }));
    expect((await q.getVersion(actors.ENGINEER, 'scoring', '1.0.0')).nextReasons).toEqual([expect.stringMatching(/No logged decisions show/)]);

    const version = await db.modelVersion.findFirstOrThrow({ where: { model: { key: 'scoring' } }, select: { id: true, modelId: true, orgId: true } });
    let n = 0;
    const log = (count: number, explained: boolean) =>
      appendBatch({
        orgId: version.orgId, systemId: systems.HIGH, actorLabel: 'test', tokenId: null, report: {},
        decisions: Array.from({ length: count }, () => {
          n += 1;
          return {
            ref: `gate-${n}`, modelId: version.modelId, versionId: version.id, decidedAt: new Date(Date.now() - n * 1000).toISOString(), subjectRef: `s-${n}`,
            features: { x: n }, output: { score: 0.5 }, score: 0.5, confidence: null, outcome: 'approve', groupLabel: null, humanReviewed: false, overridden: false,
            reviewer: null, overrideReason: null, latencyMs: null, explanation: explained ? { method: 'tree-shap', baseValue: 0.4, attributions: { x: 0.1 } } : null,
            explanationStatus: explained ? ('VALID' as const) : ('MISSING' as const), topFactor: explained ? 'x' : null,
          };
        }),
      });
    await log(8, true);
    await log(2, false);
    expect((await q.getVersion(actors.ENGINEER, 'scoring', '1.0.0')).nextReasons).toEqual([expect.stringMatching(/Explanation coverage is 80 %, below the 90 %/)]);
    await log(10, true);
    expect((await q.getVersion(actors.ENGINEER, 'scoring', '1.0.0')).nextReasons).toEqual([]);
  });
});
