import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('models');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');
const { seedModels } = await import('@/prisma/seed/models');
const { parseFairnessFile } = await import('./upload');
const { createToken } = await import('@/lib/tokens/mutations');
const { actorForToken } = await import('@/lib/auth/token');
const { demoModelCard } = await import('./demo-card');

let actors: Record<Role, Actor>;
let orgId: string;
const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const digest = 'a'.repeat(64);

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Registry Org'));
  expect((await seedModels(orgId)).created).toBe(true);
});

describe('the demo seed', () => {
  it('builds the promised states, and a second run adds nothing', async () => {
    expect((await seedModels(orgId)).created).toBe(false);
    const triage = await q.getModel(actors.AUDITOR, 'clinical-triage');
    expect(triage.versions.find((v) => v.stage === 'PRODUCTION')?.label).toBe('1.0.0');
    expect(triage.deployments.map((d) => d.kind)).toEqual(['ROLLBACK', 'PROMOTION', 'PROMOTION']);
    expect(triage.deployments[0]).toMatchObject({ version: '1.0.0', fromVersion: '1.1.0' });

    const blocked = await q.getVersion(actors.AUDITOR, 'clinical-triage', '1.2.0');
    expect(blocked.stage).toBe('BIAS_REVIEW');
    expect(blocked.nextReasons.join(' ')).toContain('model card is incomplete: Ethical considerations, Known limitations');
    expect(blocked.nextReasons.filter((r) => r.startsWith('Fairness check')).length).toBe(3);

    const mitigated = await q.getVersion(actors.AUDITOR, 'credit-scoring', '3.1.0');
    const dir = mitigated.checks.find((c) => c.attribute === 'age' && c.check === 'DISPARATE_IMPACT')!;
    expect(dir).toMatchObject({ passed: false, value: 0.714286 });
    expect(mitigated.mitigations).toHaveLength(1);
    expect(mitigated).toMatchObject({ stage: 'PENDING_APPROVAL', nextReasons: ['A compliance officer has not signed off.'] });
  });

  it('signs approved versions: the gate allows only the production version, and the attestation verifies', async () => {
    expect(await q.getGate(actors.AUDITOR, 'clinical-triage', '1.0.0')).toEqual({ allowed: true, stage: 'PRODUCTION', reasons: [] });
    const rolledBack = await q.getGate(actors.AUDITOR, 'clinical-triage', '1.1.0');
    expect(rolledBack.allowed).toBe(false);
    expect(rolledBack.reasons).toContain('The version is in stage VALIDATION, not PRODUCTION.');
    expect(rolledBack.reasons).toContain('The version has no signed attestation.');
    const att = await q.getAttestation(actors.AUDITOR, 'clinical-triage', '1.0.0');
    expect(att).toMatchObject({ algorithm: 'Ed25519', verified: true, matchesVersion: true });
    expect(att.manifest).toMatchObject({ version: { label: '1.0.0' }, artifact: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect((att.manifest.approvals as unknown[]).length).toBe(2);
  });

  it('detects tampering: a changed digest fails the gate even in production', async () => {
    const v = await db.modelVersion.findFirstOrThrow({ where: { orgId, label: '1.0.0', model: { key: 'product-recommender' } }, select: { id: true, artifactDigest: true } });
    const before = await db.modelVersion.findFirstOrThrow({ where: { orgId, label: '1.0.0', model: { key: 'product-recommender' } }, select: { stage: true } });
    expect(before.stage).toBe('PRODUCTION');
    await db.modelVersion.update({ where: { id: v.id }, data: { artifactDigest: 'b'.repeat(64) } });
    const gate = await q.getGate(actors.AUDITOR, 'product-recommender', '1.0.0');
    expect(gate.allowed).toBe(false);
    expect(gate.reasons.join(' ')).toContain('changed after it was signed');
    await db.modelVersion.update({ where: { id: v.id }, data: { artifactDigest: v.artifactDigest } });
    expect((await q.getGate(actors.AUDITOR, 'product-recommender', '1.0.0')).allowed).toBe(true);
  });
});

describe('who may do what', () => {
  it('refuses writes to auditors, and refused calls write nothing', async () => {
    const counts = async () => [await db.model.count(), await db.modelVersion.count(), await db.auditEvent.count()];
    const before = await counts();
    const systemId = (await q.listSystemsForModels(actors.AUDITOR))[0].id;
    await deny(m.createModel(actors.AUDITOR, { systemId, key: 'aud', name: 'A', purpose: 'p' }));
    await deny(m.createVersion(actors.AUDITOR, 'clinical-triage', { label: '9.9.9' }));
    await deny(m.updateVersion(actors.AUDITOR, 'clinical-triage', '1.2.0', { notes: 'x' }));
    await deny(m.signOffVersion(actors.AUDITOR, 'credit-scoring', '3.1.0', { role: 'COMPLIANCE' }));
    await deny(m.changeStage(actors.AUDITOR, 'credit-scoring', '3.0.0', { target: 'RETIRED' }));
    await deny(m.acceptMitigation(actors.AUDITOR, 'clinical-triage', '1.2.0', { attribute: 'age band', check: 'EQUAL_OPPORTUNITY', mitigation: 'A documented mitigation text.' }));
    await deny(m.setFairnessThresholds(actors.AUDITOR, { systemId, maxParityDifference: 1, minDisparateImpact: 0, maxOpportunityDifference: 1 }));
    const triageId = (await q.getModel(actors.AUDITOR, 'clinical-triage')).id;
    await deny(m.rollbackModel(actors.AUDITOR, triageId, { reason: 'x' }));
    expect(await counts()).toEqual(before);
  });

  it('lets engineers write only what they own, and never promote, sign off for compliance or set thresholds', async () => {
    const systemId = (await q.listSystemsForModels(actors.ENGINEER))[0].id;
    // The seeded models belong to the seed's engineer, the same user as actors.ENGINEER; a second engineer owns nothing.
    const other = await db.user.create({ data: { orgId, email: 'eng2@test.example', name: 'Second Engineer', role: 'ENGINEER' }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
    const { userActor } = await import('@/lib/auth/session');
    const eng2 = userActor(other, { id: 'r', ip: null });
    await deny(m.updateVersion(eng2, 'clinical-triage', '1.2.0', { notes: 'not mine' }));
    await deny(m.createVersion(eng2, 'clinical-triage', { label: '5.0.0' }));
    await deny(m.changeStage(actors.ENGINEER, 'credit-scoring', '3.0.0', { target: 'RETIRED' }));
    await deny(m.signOffVersion(actors.ENGINEER, 'credit-scoring', '3.1.0', { role: 'COMPLIANCE' }));
    await deny(m.setFairnessThresholds(actors.ENGINEER, { systemId, maxParityDifference: 1, minDisparateImpact: 0, maxOpportunityDifference: 1 }));
    const own = await m.createModel(eng2, { systemId, key: 'eng2-model', name: 'Mine', purpose: 'Testing ownership' });
    await expect(m.createVersion(eng2, own.key, { label: '0.1.0' })).resolves.toMatchObject({ stage: 'DRAFT' });
  });

  it('keeps sign-offs personal: business owner only by the business owner, never the creator, two different people', async () => {
    const systemId = (await q.listSystemsForModels(actors.ADMIN))[0].id;
    // The compliance officer is also this model's business owner: they cannot give both sign-offs.
    await m.createModel(actors.ENGINEER, { systemId, key: 'signoff-model', name: 'Sign-off model', purpose: 'p', businessOwnerId: actors.COMPLIANCE_OFFICER.userId! });
    await readyVersion(actors.ENGINEER, 'signoff-model', '1.0.0');
    await deny(m.signOffVersion(actors.ADMIN, 'signoff-model', '1.0.0', { role: 'BUSINESS_OWNER' }));
    await m.signOffVersion(actors.COMPLIANCE_OFFICER, 'signoff-model', '1.0.0', { role: 'BUSINESS_OWNER' });
    await expect(m.signOffVersion(actors.COMPLIANCE_OFFICER, 'signoff-model', '1.0.0', { role: 'COMPLIANCE' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('different person') });
    const approved = await m.signOffVersion(actors.ADMIN, 'signoff-model', '1.0.0', { role: 'COMPLIANCE' });
    expect(approved).toMatchObject({ approved: true, stage: 'APPROVED' });

    // An admin who created a version cannot approve it.
    await m.createModel(actors.ADMIN, { systemId, key: 'admin-model', name: 'Admin model', purpose: 'p', businessOwnerId: actors.COMPLIANCE_OFFICER.userId! });
    await readyVersion(actors.ADMIN, 'admin-model', '1.0.0');
    await expect(m.signOffVersion(actors.ADMIN, 'admin-model', '1.0.0', { role: 'COMPLIANCE' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('You created this version') });
  });
});

async function readyVersion(actor: Actor, key: string, label: string) {
  await m.createVersion(actor, key, {
    label,
    artifactDigest: digest,
    metrics: [{ name: 'AUC', value: 0.9, threshold: 0.8 }],
    modelCard: demoModelCard('X', 'Y'),
    fairness: { groups: [{ attribute: 'sex', groupValue: 'f', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }, { attribute: 'sex', groupValue: 'm', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }] },
  });
  for (const target of ['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'] as const) await m.changeStage(actor, key, label, { target });
}

describe('gates and promotion', () => {
  it('lists every unmet condition instead of failing on the first', async () => {
    const systemId = (await q.listSystemsForModels(actors.ENGINEER))[0].id;
    await m.createModel(actors.ENGINEER, { systemId, key: 'gate-model', name: 'Gate model', purpose: 'p', businessOwnerId: actors.ADMIN.userId! });
    await m.createVersion(actors.ENGINEER, 'gate-model', { label: '1' });
    await expect(m.changeStage(actors.ENGINEER, 'gate-model', '1', { target: 'VALIDATION' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reasons: ['The artifact SHA-256 digest is missing.', 'No metrics are recorded.'] },
    });
    await expect(m.changeStage(actors.COMPLIANCE_OFFICER, 'gate-model', '1', { target: 'PRODUCTION' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('next stage is VALIDATION') });
    const v = await q.getVersion(actors.ENGINEER, 'gate-model', '1');
    expect(v.productionReasons).toEqual(
      expect.arrayContaining([
        'The artifact SHA-256 digest is missing.',
        'No fairness results are recorded.',
        'The business owner has not signed off.',
        'A compliance officer has not signed off.',
        'The version has no signed attestation.',
      ]),
    );
    expect(v.productionReasons.find((r) => r.startsWith('The model card is incomplete'))).toBeDefined();
    // The refusal is told (gate.failed) and audited, in a transaction of its own; the version did not move.
    const failed = await db.domainEvent.findMany({ where: { orgId, type: 'gate.failed', entityId: v.id }, select: { data: true } });
    expect(failed).toEqual([{ data: expect.objectContaining({ target: 'VALIDATION', from: 'DRAFT', reasons: ['The artifact SHA-256 digest is missing.', 'No metrics are recorded.'] }) }]);
    expect(await db.auditEvent.count({ where: { entityId: v.id, action: 'model.promotion_refused' } })).toBe(1);
  });

  it('promotes the approved version, keeps one in production, and rolls back in one action', async () => {
    await m.changeStage(actors.COMPLIANCE_OFFICER, 'signoff-model', '1.0.0', { target: 'PRODUCTION', reason: 'first release' });
    await readyVersion(actors.ENGINEER, 'signoff-model', '1.1.0');
    await m.signOffVersion(actors.COMPLIANCE_OFFICER, 'signoff-model', '1.1.0', { role: 'BUSINESS_OWNER' });
    await m.signOffVersion(actors.ADMIN, 'signoff-model', '1.1.0', { role: 'COMPLIANCE' });
    await m.changeStage(actors.COMPLIANCE_OFFICER, 'signoff-model', '1.1.0', { target: 'PRODUCTION' });
    const model = await q.getModel(actors.AUDITOR, 'signoff-model');
    expect(model.versions.filter((v) => v.stage === 'PRODUCTION').map((v) => v.label)).toEqual(['1.1.0']);
    expect(model.versions.find((v) => v.label === '1.0.0')?.stage).toBe('APPROVED');

    await expect(m.rollbackModel(actors.COMPLIANCE_OFFICER, model.id, { reason: '  ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const r = await m.rollbackModel(actors.COMPLIANCE_OFFICER, model.id, { reason: 'Latency regression' });
    expect(r).toMatchObject({ from: { label: '1.1.0' }, to: { label: '1.0.0' } });
    const after = await q.getModel(actors.AUDITOR, 'signoff-model');
    expect(after.deployments[0]).toMatchObject({ kind: 'ROLLBACK', reason: 'Latency regression', version: '1.0.0', fromVersion: '1.1.0' });
    const rolled = await q.getVersion(actors.AUDITOR, 'signoff-model', '1.1.0');
    expect(rolled).toMatchObject({ stage: 'VALIDATION', signOffs: [], attestation: null });
    const events = await db.domainEvent.findMany({ where: { orgId, entityId: model.id }, orderBy: { occurredAt: 'asc' }, select: { type: true, data: true } });
    expect(events.map((e) => e.type)).toEqual(['model.promoted', 'model.promoted', 'model.rolled_back']);
    expect(events[2].data).toMatchObject({ from: '1.1.0', to: '1.0.0', reason: 'Latency regression' });
  });

  it('enforces one production version per model in the database itself', async () => {
    const model = await db.model.findFirstOrThrow({ where: { orgId, key: 'signoff-model' }, select: { id: true } });
    const approved = await db.modelVersion.findFirstOrThrow({ where: { modelId: model.id, stage: { not: 'PRODUCTION' } }, select: { id: true } });
    await expect(db.modelVersion.update({ where: { id: approved.id }, data: { stage: 'PRODUCTION' } })).rejects.toMatchObject({ code: 'P2002' });
  });
});

describe('bad input: clear errors, nothing written', () => {
  it('rejects a digest that is not 64 hex characters, non-numeric metrics and negative counts', async () => {
    const before = await db.modelVersion.count();
    await expect(m.createVersion(actors.ENGINEER, 'gate-model', { label: 'bad1', artifactDigest: 'abc123' })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: expect.stringContaining('64 hexadecimal') })] });
    await expect(m.createVersion(actors.ENGINEER, 'gate-model', { label: 'bad2', metrics: [{ name: 'AUC', value: 'high' as unknown as number }] })).rejects.toMatchObject({ issues: [expect.objectContaining({ message: expect.stringContaining('must be a number') })] });
    await expect(
      m.createVersion(actors.ENGINEER, 'gate-model', { label: 'bad3', fairness: { groups: [{ attribute: 'a', groupValue: 'x', count: -1 }] } }),
    ).rejects.toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('count cannot be negative') })]) });
    // An unknown dataset fails the whole registration, not only the link.
    await expect(m.createVersion(actors.ENGINEER, 'gate-model', { label: 'bad4', datasets: [{ dataset: 'No such data', role: 'TRAINING' }] })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('No such data') });
    expect(await db.modelVersion.count()).toBe(before);
  });

  it('names the missing columns of a group CSV and every bad row', () => {
    expect(() => parseFairnessFile('groups', 'attribute,count\nsex,10')).toThrow(/missing required column: group/);
    expect(() => parseFairnessFile('predictions', 'y_true,group\n1,a')).toThrow(/missing required column: y_pred/);
    try {
      parseFairnessFile('groups', 'attribute,group,count,selection_rate\nsex,f,-3,0.2\nsex,m,ten,0.3\nsex,x,4,1.5');
      expect.unreachable();
    } catch (e) {
      const fe = (e as { fieldErrors: { file: string[] } }).fieldErrors.file;
      expect(fe.some((l) => l.startsWith('Row 2') && l.includes('negative'))).toBe(true);
      expect(fe.some((l) => l.startsWith('Row 3'))).toBe(true);
      expect(fe.some((l) => l.startsWith('Row 4') && l.includes('between 0 and 1'))).toBe(true);
    }
    const ok = parseFairnessFile('predictions', 'y_true,y_pred,group\n1,1,a\n0,1,b', 'sex');
    expect(ok).toMatchObject({ attribute: 'sex', predictions: [{ y_true: 1, y_pred: 1, group: 'a' }, { y_true: 0, y_pred: 1, group: 'b' }] });
  });

  it('computes group metrics from uploaded predictions', async () => {
    await m.createVersion(actors.ENGINEER, 'gate-model', { label: '2' });
    const r = await m.uploadFairness(actors.ENGINEER, 'gate-model', '2', parseFairnessFile('predictions', 'y_true,y_pred,group\n1,1,A\n1,0,A\n0,1,A\n0,0,A\n1,1,B\n0,0,B\n0,0,B\n0,0,B', 'g'));
    expect(r).toMatchObject({ groups: 2, computed: true });
    expect(r.checks.map((c) => [c.check, c.value])).toEqual([['DEMOGRAPHIC_PARITY', 0.25], ['DISPARATE_IMPACT', 0.5], ['EQUAL_OPPORTUNITY', 0.5]]);
  });
});

describe('datasets', () => {
  it('shows restricted details only to compliance, admin, auditor and the owner', async () => {
    const restricted = (await q.listDatasets(actors.AUDITOR, { classification: 'RESTRICTED' })).items;
    expect(restricted.length).toBe(2);
    const id = restricted[0].id;
    expect((await q.getDataset(actors.ENGINEER, id))).toMatchObject({ restricted: true, details: null });
    for (const role of ['AUDITOR', 'COMPLIANCE_OFFICER', 'ADMIN'] as const) expect((await q.getDataset(actors[role], id)).details).not.toBeNull();
    const triage = (await q.getDataset(actors.AUDITOR, id));
    expect(triage.lineage.length).toBeGreaterThan(0);
    const engineerView = await q.getVersion(actors.ENGINEER, 'credit-scoring', '3.0.0');
    expect(engineerView.datasets.find((d) => d.name === 'Credit bureau sample')).toMatchObject({ restricted: true, steps: [], transformation: null });
  });
});

describe('API tokens', () => {
  it('needs the scope: a read token cannot write; a models:create token registers a version for its creator', async () => {
    const read = await createToken(actors.ADMIN, { name: 'deploy', scopes: ['models:read'], expiresInDays: 30 });
    const readActor = (await actorForToken(read.secret, { id: 't', ip: null }))!;
    expect((await q.getGate(readActor, 'clinical-triage', '1.0.0')).allowed).toBe(true);
    await deny(m.createVersion(readActor, 'gate-model', { label: 'tok' }));
    await deny(m.uploadFairness(readActor, 'gate-model', '2', { groups: [{ attribute: 'a', groupValue: 'x', count: 1 }] }));

    const write = await createToken(actors.ADMIN, { name: 'train', scopes: ['models:create', 'models:write'], expiresInDays: 30 });
    const writeActor = (await actorForToken(write.secret, { id: 't', ip: null }))!;
    await m.createVersion(writeActor, 'gate-model', { label: 'tok', artifactDigest: digest, metrics: [{ name: 'AUC', value: 0.9, threshold: 0.8 }] });
    const v = await q.getVersion(actors.AUDITOR, 'gate-model', 'tok');
    expect(v.createdBy).toBe(actors.ADMIN.name);
    await m.updateVersion(writeActor, 'gate-model', 'tok', { metrics: [{ name: 'AUC', value: 0.7, threshold: 0.8 }] });
    expect((await q.getVersion(actors.AUDITOR, 'gate-model', 'tok')).metrics[0].value).toBe(0.7);
  });
});
