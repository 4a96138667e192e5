import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('red-team');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const rt = await import('./mutations');
const queries = await import('./queries');
const { loadGateFacts } = await import('@/lib/models/gate-policy');
const { toPublicError } = await import('@/lib/errors');

const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => toPublicError(e));

let actors: Record<Role, Actor>;
let orgId: string;
let systemId: string;
let versionId: string;

const plan = (extra: Record<string, unknown> = {}) => ({ title: 'Pre-release red team', systemId, versionId, techniqueIds: ['AML.T0051.000', 'AML.T0024'], ...extra });
const gateFacts = () => loadGateFacts(db, { id: versionId, orgId, model: { system: { riskTier: 'HIGH' } } });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Red Team Org'));
  systemId = (await db.aISystem.create({ data: { orgId, name: 'Credit scoring', purpose: 'x', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } })).id;
  const model = await db.model.create({ data: { orgId, systemId, key: 'credit', name: 'Credit', purpose: 'x', ownerId: actors.ENGINEER.userId! }, select: { id: true } });
  versionId = (await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '1.0.0', createdById: actors.ENGINEER.userId! }, select: { id: true } })).id;
  await db.gatePolicy.create({ data: { orgId, requireRedTeam: true } });
});

describe('red-team exercises', () => {
  it('plans an exercise on ATLAS techniques, refusing bad input with the field named and other roles', async () => {
    expect(await refusal(rt.createRedTeamExercise(actors.COMPLIANCE_OFFICER, plan({ techniqueIds: ['AML.T9999'] })))).toMatchObject({ status: 422, fieldErrors: { techniqueIds: expect.any(Array) } });
    expect(await refusal(rt.createRedTeamExercise(actors.COMPLIANCE_OFFICER, plan({ team: 'EXTERNAL' })))).toMatchObject({ status: 422, fieldErrors: { firm: expect.any(Array) } });
    expect(await refusal(rt.createRedTeamExercise(actors.COMPLIANCE_OFFICER, plan({ versionId: 'nope' })))).toMatchObject({ status: 422, fieldErrors: { versionId: expect.any(Array) } });
    await deny(rt.createRedTeamExercise(actors.AUDITOR, plan()));
    await deny(rt.createRedTeamExercise(actors.ENGINEER, plan()));
    expect(await db.redTeamExercise.count({ where: { orgId } })).toBe(0);
  });

  it('a successful technique raises one RED_TEAM finding in the same transaction; the gate fact follows the last completed exercise', async () => {
    expect((await gateFacts()).redTeam).toBeNull();
    const e = await rt.createRedTeamExercise(actors.COMPLIANCE_OFFICER, plan({ team: 'EXTERNAL', firm: 'Acme Offensive AI' }));
    const detail = await queries.getRedTeamExercise(actors.COMPLIANCE_OFFICER, e.id);
    expect(detail.techniques.map((t) => t.result)).toEqual(['PLANNED', 'PLANNED']);
    expect(await refusal(rt.completeRedTeamExercise(actors.COMPLIANCE_OFFICER, { id: e.id }))).toMatchObject({ status: 409 });
    const [injection, exfil] = detail.techniques.filter((t) => t.techniqueId === 'AML.T0051.000').concat(detail.techniques.filter((t) => t.techniqueId === 'AML.T0024'));

    expect(await refusal(rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: injection.id, result: 'SUCCEEDED', evidence: '' }))).toMatchObject({ status: 422, fieldErrors: { evidence: expect.any(Array) } });
    await deny(rt.recordRedTeamResult(actors.AUDITOR, { id: injection.id, result: 'SUCCEEDED', evidence: 'A broker prompt made the model reveal rules.' }));
    const hit = await rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: injection.id, result: 'SUCCEEDED', evidence: 'A crafted applicant note changed the score explanation.' });
    const finding = await db.finding.findUniqueOrThrow({ where: { id: hit.findingId! }, select: { source: true, severity: true, title: true, systems: { select: { systemId: true } }, versions: { select: { modelVersionId: true } } } });
    expect(finding).toMatchObject({ source: 'RED_TEAM', severity: 'HIGH', systems: [{ systemId }], versions: [{ modelVersionId: versionId }] });
    expect(finding.title).toContain('AML.T0051.000');
    // Recording it again keeps the one finding.
    expect((await rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: injection.id, result: 'SUCCEEDED', evidence: 'Reproduced on the second day.' })).findingId).toBe(hit.findingId);
    await rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: exfil.id, result: 'RESISTED' });
    expect(await db.finding.count({ where: { orgId, source: 'RED_TEAM' } })).toBe(1);
    expect((await gateFacts()).redTeam).toBeNull();

    await rt.completeRedTeamExercise(actors.COMPLIANCE_OFFICER, { id: e.id });
    expect((await gateFacts()).redTeam).toMatchObject({ passed: false });
    expect(await refusal(rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: exfil.id, result: 'SUCCEEDED', evidence: 'Too late for this one.' }))).toMatchObject({ status: 409 });

    // The retest links to the original result; with no successful technique the gate's fact passes.
    const retest = await rt.createRedTeamExercise(actors.COMPLIANCE_OFFICER, { title: 'Retest after the input filter', systemId, versionId, techniqueIds: [], retestOfId: injection.id });
    const again = await queries.getRedTeamExercise(actors.AUDITOR, retest.id);
    expect(again.techniques).toEqual([expect.objectContaining({ techniqueId: 'AML.T0051.000', retestOf: { id: e.id, label: 'Pre-release red team' } })]);
    expect(again.capabilities).toEqual({ record: false, complete: false, openIncident: false });
    await rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: again.techniques[0].id, result: 'PARTIAL', evidence: 'The filter caught most variants; one leaked a rule name.' });
    await rt.completeRedTeamExercise(actors.COMPLIANCE_OFFICER, { id: retest.id });
    expect((await gateFacts()).redTeam).toMatchObject({ passed: true });
    expect(await db.finding.count({ where: { orgId, source: 'RED_TEAM' } })).toBe(1);

    const list = await queries.listRedTeamExercises(actors.AUDITOR, { systemId, pageSize: 1 });
    expect(list).toMatchObject({ total: 2, items: [{ id: retest.id, succeeded: 0, planned: 1 }] });
    expect(await db.auditEvent.count({ where: { entityType: 'red-team-exercise' } })).toBe(8);
  });

  it('a successful technique opens one incident through the incident domain; the registry shows the last result per version', async () => {
    const e = await rt.createRedTeamExercise(actors.COMPLIANCE_OFFICER, { title: 'Incident drill', systemId, versionId, techniqueIds: ['AML.T0043', 'AML.T0024'] });
    const d = await queries.getRedTeamExercise(actors.COMPLIANCE_OFFICER, e.id);
    const [evasion, exfil] = ['AML.T0043', 'AML.T0024'].map((id) => d.techniques.find((t) => t.techniqueId === id)!);
    await rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: evasion.id, result: 'SUCCEEDED', evidence: 'Perturbed income fields flipped the decision.' });
    await rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: exfil.id, result: 'RESISTED' });
    expect(await refusal(rt.openIncidentFromRedTeam(actors.COMPLIANCE_OFFICER, { id: exfil.id }))).toMatchObject({ status: 409 });
    await deny(rt.openIncidentFromRedTeam(actors.AUDITOR, { id: evasion.id }));
    await deny(rt.openIncidentFromRedTeam(actors.ENGINEER, { id: evasion.id }));
    expect(await refusal(rt.openIncidentFromRedTeam(actors.COMPLIANCE_OFFICER, { id: evasion.id }, 'another-exercise'))).toMatchObject({ status: 404 });
    const incidentsBefore = await db.incident.count({ where: { orgId } });

    const opened = await rt.openIncidentFromRedTeam(actors.COMPLIANCE_OFFICER, { id: evasion.id, note: 'Found before release.' });
    const incident = await db.incident.findUniqueOrThrow({ where: { id: opened.incidentId }, select: { type: true, title: true, description: true, nearMiss: true, systems: { select: { id: true } }, versions: { select: { id: true } } } });
    expect(incident).toMatchObject({ type: 'ADVERSARIAL_ATTACK', nearMiss: true, systems: [{ id: systemId }], versions: [{ id: versionId }] });
    expect(incident.title).toContain('AML.T0043');
    expect(incident.description).toContain('Perturbed income fields');
    expect(await refusal(rt.openIncidentFromRedTeam(actors.COMPLIANCE_OFFICER, { id: evasion.id }))).toMatchObject({ status: 409 });
    expect(await db.incident.count({ where: { orgId } })).toBe(incidentsBefore + 1);
    expect((await queries.getRedTeamExercise(actors.AUDITOR, e.id)).techniques.find((t) => t.id === evasion.id)?.incidentId).toBe(opened.incidentId);
    expect(await db.auditEvent.count({ where: { entityType: 'red-team-exercise', entityId: e.id, action: 'red_team.incident_opened' } })).toBe(1);

    // In progress: the registry shows the last completed exercise (the retest, nothing succeeded); once completed, this one.
    expect((await queries.lastRedTeamByVersion(actors.AUDITOR, [versionId]))[versionId]).toMatchObject({ title: 'Retest after the input filter', succeeded: 0, partial: 1 });
    await rt.completeRedTeamExercise(actors.COMPLIANCE_OFFICER, { id: e.id });
    expect((await queries.lastRedTeamByVersion(actors.ENGINEER, [versionId]))[versionId]).toMatchObject({ exerciseId: e.id, planned: 2, succeeded: 1, resisted: 1, untested: 0 });
  });

  it("the model page's version list gets each version's last result in one call; versions without an exercise, and other organisations', are left out", async () => {
    const model = await db.modelVersion.findUniqueOrThrow({ where: { id: versionId }, select: { modelId: true } });
    const v2 = (await db.modelVersion.create({ data: { orgId, modelId: model.modelId, label: '1.1.0', createdById: actors.ENGINEER.userId! }, select: { id: true } })).id;
    const v3 = (await db.modelVersion.create({ data: { orgId, modelId: model.modelId, label: '1.2.0', createdById: actors.ENGINEER.userId! }, select: { id: true } })).id;
    const e2 = await rt.createRedTeamExercise(actors.COMPLIANCE_OFFICER, { title: 'Canary red team', systemId, versionId: v2, techniqueIds: ['AML.T0043', 'AML.T0024', 'AML.T0051.000'] });
    const techniques = (await queries.getRedTeamExercise(actors.COMPLIANCE_OFFICER, e2.id)).techniques;
    await rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: techniques[0].id, result: 'PARTIAL', evidence: 'Two of ten perturbations got through.' });
    await rt.recordRedTeamResult(actors.COMPLIANCE_OFFICER, { id: techniques[1].id, result: 'RESISTED' });

    const other = await createOrgWithRoles('Red Team Other Org');
    const last = await queries.lastRedTeamByVersion(actors.AUDITOR, [versionId, v2, v3, versionId]);
    expect(Object.keys(last).sort()).toEqual([versionId, v2].sort());
    expect(last[versionId]).toMatchObject({ title: 'Incident drill', completedAt: expect.any(String), planned: 2, succeeded: 1, resisted: 1, partial: 0, untested: 0 });
    expect(last[v2]).toEqual({ exerciseId: e2.id, title: 'Canary red team', completedAt: null, planned: 3, resisted: 1, partial: 1, succeeded: 0, untested: 1 });
    // The organisation is in the query: another organisation's reader gets nothing for these ids.
    expect(await queries.lastRedTeamByVersion(other.actors.AUDITOR, [versionId, v2])).toEqual({});
  });
});
