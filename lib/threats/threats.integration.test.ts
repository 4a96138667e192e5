import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('threats');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const threats = await import('./mutations');
const queries = await import('./queries');
const search = await import('./search');
const { toPublicError } = await import('@/lib/errors');

const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => toPublicError(e));

let actors: Record<Role, Actor>;
let orgId: string;
let systemId: string;
let ownedSystemId: string;
let controlId: string;
let riskId: string;
let modelId: string;

const events = () => db.auditEvent.count({ where: { entityType: 'threat-model' } });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Threat Org'));
  const system = (name: string, technicalOwnerId?: string) =>
    db.aISystem.create({ data: { orgId, name, purpose: 'x', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH', technicalOwnerId }, select: { id: true } }).then((s) => s.id);
  systemId = await system('Credit scoring');
  ownedSystemId = await system('Fraud triage', actors.ENGINEER.userId!);
  controlId = (await db.control.create({ data: { orgId, key: 'CTL-RATE', name: 'Rate limiting' }, select: { id: true } })).id;
  riskId = (await db.risk.create({
    data: { orgId, ref: 'RSK-0001', title: 'Model extraction', description: 'x', category: 'mit.privacy-security', inherentLikelihood: 3, inherentImpact: 4, inherentScore: 12, ownerId: actors.COMPLIANCE_OFFICER.userId!, nextReviewAt: new Date(), createdById: actors.COMPLIANCE_OFFICER.userId! },
    select: { id: true },
  })).id;
});

describe('threat models on MITRE ATLAS', () => {
  it('starts one model per system on the shipped release; owners on their own systems only', async () => {
    const m = await threats.createThreatModel(actors.COMPLIANCE_OFFICER, { systemId, components: ['data-pipeline', 'serving-api'], summary: 'Scoring API exposed to brokers' });
    modelId = m.id;
    expect((await db.threatModel.findUniqueOrThrow({ where: { id: m.id } })).atlasVersion).toBe('5.6.0');
    expect(await refusal(threats.createThreatModel(actors.COMPLIANCE_OFFICER, { systemId, components: ['training'] }))).toMatchObject({ status: 409 });
    expect(await refusal(threats.createThreatModel(actors.COMPLIANCE_OFFICER, { systemId: ownedSystemId, components: [] }))).toMatchObject({ status: 422, fieldErrors: { components: expect.any(Array) } });
    await deny(threats.createThreatModel(actors.AUDITOR, { systemId: ownedSystemId, components: ['training'] }));
    await deny(threats.createThreatModel(actors.ENGINEER, { systemId, components: ['training'] }));
    expect((await threats.createThreatModel(actors.ENGINEER, { systemId: ownedSystemId, components: ['training'] })).id).toBeTruthy();
  });

  it('records techniques with ATLAS mitigations, controls and risks, refusing unknown ids with the field named', async () => {
    const before = await events();
    expect(await refusal(threats.addThreatEntry(actors.COMPLIANCE_OFFICER, { threatModelId: modelId, techniqueId: 'AML.T9999', component: 'serving-api', likelihood: 3, impact: 3 }))).toMatchObject({ status: 422, fieldErrors: { techniqueId: expect.any(Array) } });
    expect(await refusal(threats.addThreatEntry(actors.COMPLIANCE_OFFICER, { threatModelId: modelId, techniqueId: 'AML.T0024', component: 'training', likelihood: 3, impact: 3 }))).toMatchObject({ status: 422, fieldErrors: { component: expect.any(Array) } });
    expect(await refusal(threats.addThreatEntry(actors.COMPLIANCE_OFFICER, { threatModelId: modelId, techniqueId: 'AML.T0024', component: 'serving-api', likelihood: 3, impact: 3, atlasMitigationIds: ['AML.M9999'] }))).toMatchObject({ status: 422, fieldErrors: { atlasMitigationIds: expect.any(Array) } });
    await deny(threats.addThreatEntry(actors.AUDITOR, { threatModelId: modelId, techniqueId: 'AML.T0024', component: 'serving-api', likelihood: 3, impact: 3 }));
    expect(await events()).toBe(before);

    await threats.addThreatEntry(actors.COMPLIANCE_OFFICER, { threatModelId: modelId, techniqueId: 'AML.T0024', component: 'serving-api', likelihood: 4, impact: 4, status: 'MITIGATING', atlasMitigationIds: ['AML.M0004'], controlIds: [controlId], riskIds: [riskId] });
    await threats.addThreatEntry(actors.COMPLIANCE_OFFICER, { threatModelId: modelId, techniqueId: 'AML.T0020', component: 'data-pipeline', likelihood: 2, impact: 5 });
    expect(await refusal(threats.addThreatEntry(actors.COMPLIANCE_OFFICER, { threatModelId: modelId, techniqueId: 'AML.T0020', component: 'data-pipeline', likelihood: 2, impact: 5 }))).toMatchObject({ status: 422, fieldErrors: { techniqueId: expect.any(Array) } });
    expect(await events()).toBe(before + 2);

    const detail = await queries.getThreatModel(actors.AUDITOR, modelId);
    expect(detail.capabilities.edit).toBe(false);
    const exfil = detail.entries.find((e) => e.techniqueId === 'AML.T0024')!;
    expect(exfil).toMatchObject({ score: 16, status: 'MITIGATING', atlasMitigations: [{ id: 'AML.M0004' }], controls: [{ id: controlId }], risks: [{ id: riskId }] });
    // Coverage: the poisoning technique has no mitigation, so its tactic shows a gap.
    const poisoning = detail.entries.find((e) => e.techniqueId === 'AML.T0020')!;
    expect(poisoning.suggestedMitigations.length).toBeGreaterThan(0);
    const gap = detail.coverage.filter((c) => c.unmitigated > 0).map((c) => c.tacticId);
    expect(gap.length).toBeGreaterThan(0);
    expect(poisoning.tacticIds.every((t) => gap.includes(t))).toBe(true);
  });

  it('edits and removes entries; components in use cannot be dropped; lists paginate', async () => {
    const [entry] = (await queries.getThreatModel(actors.COMPLIANCE_OFFICER, modelId)).entries.filter((e) => e.techniqueId === 'AML.T0020');
    await threats.updateThreatEntry(actors.COMPLIANCE_OFFICER, { id: entry.id, likelihood: 1, impact: 5, status: 'MITIGATED', atlasMitigationIds: ['AML.M0007'] });
    const after = await queries.getThreatModel(actors.COMPLIANCE_OFFICER, modelId);
    expect(after.entries.find((e) => e.id === entry.id)).toMatchObject({ score: 5, status: 'MITIGATED' });
    expect(await refusal(threats.updateThreatModel(actors.COMPLIANCE_OFFICER, { id: modelId, components: ['serving-api'] }))).toMatchObject({ status: 422, fieldErrors: { components: expect.any(Array) } });
    await deny(threats.removeThreatEntry(actors.ENGINEER, { id: entry.id }));
    await threats.removeThreatEntry(actors.COMPLIANCE_OFFICER, { id: entry.id });
    expect(await db.threatEntry.count({ where: { id: entry.id } })).toBe(0);

    const page = await queries.listThreatModels(actors.AUDITOR, { pageSize: 1 });
    expect(page).toMatchObject({ total: 2, atlasVersion: '5.6.0' });
    expect(page.items).toHaveLength(1);
    expect((await queries.listThreatModels(actors.AUDITOR, { q: 'credit' })).items[0]).toMatchObject({ id: modelId, entries: 1, open: 1 });
  });

  it('searches ATLAS techniques and mitigations for the pickers', async () => {
    const found = await search.searchAtlasTechniques(actors.AUDITOR, { q: 'prompt injection', limit: 20 });
    expect(found.map((f) => f.value)).toContain('AML.T0051');
    expect(found.find((f) => f.value === 'AML.T0051.000')?.label).toMatch(/^AML\.T0051\.000 LLM Prompt Injection: /);
    expect((await search.searchAtlasMitigations(actors.AUDITOR, { q: 'AML.M0004', limit: 5 }))[0].value).toBe('AML.M0004');
  });
});
