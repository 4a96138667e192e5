import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAuditWorkspace, deny, setupAuditTestEnv, type AuditWorkspace } from '@/lib/audits/test-fixture';
import { parseOscalUpload } from '@/lib/requirements/logic/oscal';
import { jsonSchemaValidator } from './json-schema';

await setupAuditTestEnv('interchange_oscal');
const { db } = await import('@/lib/db');
const { createFinding, transitionFinding } = await import('@/lib/audits/findings/mutations');
const x = await import('./oscal-export');

// NIST's published OSCAL 1.1.2 JSON schema (./oscal-schema/NOTICE.md), draft-07.
const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, 'oscal-schema/oscal_complete_schema-1.1.2.json'), 'utf8')) as object;
const validate = jsonSchemaValidator(schema, { maxProblems: 5 });
const check = (doc: object) => {
  const problems = validate(doc);
  return problems.length ? problems.map((p) => `${p.path} ${p.reason}`).join(', ') : null;
};

let w: AuditWorkspace;
let statementReqId: string;

beforeAll(async () => {
  w = await createAuditWorkspace('OSCAL Org');
  await db.framework.update({ where: { id: w.frameworkId }, data: { isCustom: true, description: 'Our own controls' } });
  statementReqId = (
    await db.requirement.create({
      data: {
        orgId: w.orgId,
        frameworkId: w.frameworkId,
        ref: 'AI 1.2(a)',
        title: 'Model inventory',
        summary: 'Keep an inventory',
        group: 'Governance',
        area: 'GOVERNANCE',
        aiSpecific: true,
        position: 2,
        statement: { label: null, text: 'The organisation:', items: [{ label: 'a.', text: 'keeps an inventory of models;', items: [] }, { label: 'b.', text: 'reviews it quarterly.', items: [{ label: '1.', text: 'with owners', items: [] }] }] },
      },
      select: { id: true },
    })
  ).id;
  const f = await createFinding(w.actors.COMPLIANCE_OFFICER, {
    title: 'Inventory incomplete',
    description: 'Two models are missing from the inventory.',
    severity: 'HIGH',
    source: 'AUDIT',
    auditId: w.auditId,
    ownerId: w.actors.ENGINEER.userId!,
    remediationPlan: 'Add them and automate the sync.',
    requirementIds: [statementReqId, w.requirementId],
  });
  await transitionFinding(w.actors.ENGINEER, { id: f.id, transition: 'start_remediation' });
  const ev = await db.evidence.create({ data: { orgId: w.orgId, title: 'Inventory export', kind: 'LINK', url: 'https://evidence.example/inventory.csv' }, select: { id: true } });
  await db.evidenceFinding.create({ data: { evidenceId: ev.id, findingId: f.id } });
  await createFinding(w.actors.AUDITOR, { title: 'No review record', description: 'No quarterly review recorded.', severity: 'LOW', source: 'AUDIT', auditId: w.auditId });
});

describe('OSCAL export', () => {
  it('writes a custom framework as a catalog valid against the OSCAL 1.1.2 schema, which the import reads back', async () => {
    const catalog = await x.exportFrameworkCatalog(w.actors.AUDITOR, 'soc2');
    expect(check({ catalog })).toBeNull();
    expect(catalog.metadata['oscal-version']).toBe('1.1.2');
    // The schema is really applied: a control id with a space, or a missing title, is refused.
    expect(check({ catalog: { ...catalog, controls: [{ id: 'bad id', title: 'x' }] } })).not.toBeNull();
    expect(check({ catalog: { ...catalog, metadata: { ...catalog.metadata, title: undefined } } })).not.toBeNull();
    const parsed = parseOscalUpload([{ fileName: 'catalog.json', text: JSON.stringify({ catalog }) }]);
    expect(parsed.problems).toEqual([]);
    const byRef = new Map(parsed.controls.map((c) => [c.ref, c]));
    expect([...byRef.keys()].sort()).toEqual(['AI 1.2(a)', 'CC6.1']);
    expect(byRef.get('AI 1.2(a)')!.statement).toEqual({
      label: null,
      text: 'The organisation:',
      items: [
        { label: 'a.', text: 'keeps an inventory of models;', items: [] },
        { label: 'b.', text: 'reviews it quarterly.', items: [{ label: '1.', text: 'with owners', items: [] }] },
      ],
    });
    expect(byRef.get('AI 1.2(a)')!.group).toBe('Governance');
  });

  it('refuses shipped frameworks and unknown ones', async () => {
    await db.framework.create({ data: { orgId: w.orgId, key: 'shipped', name: 'Shipped', kind: 'REGULATION', jurisdiction: 'EU', version: '1', libraryVersion: 1 } });
    await expect(x.exportFrameworkCatalog(w.actors.ADMIN, 'shipped')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(x.exportFrameworkCatalog(w.actors.ADMIN, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes a framework selection and an AI system\'s frameworks as valid profiles', async () => {
    const profile = await x.exportFrameworkProfile(w.actors.COMPLIANCE_OFFICER, { frameworks: ['soc2', 'shipped'] });
    expect(check({ profile })).toBeNull();
    expect(profile.imports).toHaveLength(2);
    await db.systemFramework.create({ data: { systemId: w.systemId, frameworkId: w.frameworkId, orgId: w.orgId, confirmed: true } });
    await db.matrixCell.create({ data: { orgId: w.orgId, requirementId: statementReqId, systemId: w.systemId, status: 'NOT_APPLICABLE' } });
    const forSystem = await x.exportFrameworkProfile(w.actors.AUDITOR, { system: w.systemId });
    expect(check({ profile: forSystem })).toBeNull();
    expect(forSystem.imports).toEqual([{ href: expect.stringMatching(/^#/), 'include-controls': [{ 'with-ids': ['cc6.1'] }] }]);
    await expect(x.exportFrameworkProfile(w.actors.AUDITOR, {})).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it("writes an audit's results as valid assessment-results with findings, observations, evidence links and history", async () => {
    const ar = await x.exportAuditAssessmentResults(w.actors.AUDITOR, w.auditId);
    expect(check({ 'assessment-results': ar })).toBeNull();
    const result = ar.results[0];
    const targets = result.findings!.map((f) => f.target['target-id']).sort();
    expect(targets).toEqual(['ai-1.2-a', 'audit-scope', 'cc6.1']);
    expect(result.observations![0]['relevant-evidence']).toEqual([{ href: 'https://evidence.example/inventory.csv', description: 'Inventory export' }]);
    const risk = result.risks!.find((r) => r.title === 'Inventory incomplete')!;
    expect(risk).toMatchObject({ status: 'remediating', props: [expect.objectContaining({ name: 'severity', value: 'HIGH' })] });
    expect(risk['risk-log']!.entries.map((e) => e.title)).toEqual(['created', 'start remediation']);
  });

  it('is exported by auditors of the audit, not by engineers or auditors outside its scope', async () => {
    await deny(x.exportAuditAssessmentResults(w.actors.ENGINEER, w.auditId));
    await deny(x.exportFrameworkCatalog(w.actors.ENGINEER, 'soc2'));
    await deny(x.exportFrameworkProfile(w.actors.ENGINEER, { frameworks: ['soc2'] }));
    await db.auditAssignment.deleteMany({ where: { auditId: w.auditId } });
    await expect(x.exportAuditAssessmentResults(w.actors.AUDITOR, w.auditId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
