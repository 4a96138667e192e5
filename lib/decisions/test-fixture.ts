import type { Actor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import type { DecisionRecordInput } from './schema';

// A credit system with two model versions served one after the other, the
// people of every role, and a serving-stack token, for the decisions tests.

export const DAY = 86_400_000;

export async function decisionsFixture(label = 'Decisions Org') {
  const { db } = await import('@/lib/db');
  const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
  const { orgId, actors } = await createOrgWithRoles(label);
  const owner = actors.ENGINEER.userId!;
  const system = await db.aISystem.create({
    data: { orgId, name: `Credit decisions ${orgId.slice(-6)}`, purpose: 'Consumer credit', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH', status: 'IN_PRODUCTION' },
    select: { id: true },
  });
  const model = await db.model.create({ data: { orgId, systemId: system.id, key: 'credit', name: 'Credit PD', purpose: 'PD', ownerId: owner }, select: { id: true } });
  const v1 = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '1.0', stage: 'RETIRED', createdById: owner }, select: { id: true } });
  const v2 = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '2.0', stage: 'PRODUCTION', createdById: owner }, select: { id: true } });
  const now = Date.now();
  await db.deploymentEvent.create({ data: { orgId, modelId: model.id, kind: 'PROMOTION', versionId: v1.id, at: new Date(now - 100 * DAY) } });
  await db.deploymentEvent.create({ data: { orgId, modelId: model.id, kind: 'PROMOTION', versionId: v2.id, fromVersionId: v1.id, at: new Date(now - 10 * DAY) } });
  await db.decisionSystemSettings.create({ data: { orgId, systemId: system.id, highStakes: true, restrictedFeatures: ['income'], retentionDays: 365 } });
  const token = (scopes: Permission[]): Actor => ({
    kind: 'token',
    userId: null,
    tokenId: null,
    orgId,
    role: null,
    name: 'serving',
    email: null,
    label: 'token:serving',
    grants: { any: scopes, own: [] },
    request: { id: 'req-token', ip: null },
  });
  return { orgId, actors, systemId: system.id, modelId: model.id, versions: { v1: v1.id, v2: v2.id }, serving: token(['decisions:write']), token };
}

let n = 0;

/** One decision of version 2.0 an hour ago whose explanation adds up. */
export function sampleDecision(overrides: Partial<DecisionRecordInput> = {}): DecisionRecordInput {
  n += 1;
  const attributions = { income: -0.12, debt_ratio: 0.2, age: 0.02 };
  return {
    decisionId: `dec-${process.pid}-${n}`,
    model: 'credit',
    version: '2.0',
    timestamp: new Date(Date.now() - 3_600_000).toISOString(),
    subjectRef: `subj-${n % 5}`,
    features: { income: 42_000, debt_ratio: 0.4, age: 37 },
    output: { score: 0.3 + 0.1, class: 'decline' },
    confidence: 0.8,
    decision: 'decline',
    latencyMs: 12,
    explanation: { method: 'tree-shap', baseValue: 0.3, attributions },
    ...overrides,
  };
}
