import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('requirements');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { systemActor } = await import('@/lib/auth/actor');
const library = await import('./library');
const m = await import('./mutations');
const q = await import('./queries');
const imports = await import('./imports');
const exportsMod = await import('./exports');
const { shippedLibrary } = await import('./library-data');

let actors: Record<Role, Actor>;
let orgId: string;
let triageId: string;
let creditId: string;

const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const reqId = async (framework: string, ref: string) =>
  (await db.requirement.findFirstOrThrow({ where: { orgId, ref, framework: { key: framework } }, select: { id: true } })).id;

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Requirements Org'));
  await library.loadLibrary(actors.ADMIN);
  triageId = (await m.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Triage', purpose: 'Ranks referrals', domain: 'HEALTHCARE', regions: ['EU', 'US'], riskTier: 'HIGH', technicalOwnerId: actors.ENGINEER.userId! })).id;
  creditId = (await m.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Credit', purpose: 'Scores credit', domain: 'FINANCE', regions: ['US'], riskTier: 'HIGH' })).id;
}, 120_000);

describe('the shipped library', () => {
  it('loads every framework, requirement, crosswalk mapping and control', async () => {
    const lib = shippedLibrary();
    const total = lib.frameworks.reduce((n, f) => n + f.requirements.length, 0);
    expect(await db.framework.count({ where: { orgId } })).toBe(lib.frameworks.length);
    expect(lib.frameworks.length).toBeGreaterThanOrEqual(30);
    expect(await db.requirement.count({ where: { orgId } })).toBe(total);
    expect(await db.requirement.count({ where: { orgId, framework: { key: 'nist-ai-rmf' } } })).toBe(72);
    expect(await db.crosswalkMapping.count({ where: { orgId, origin: 'LIBRARY' } })).toBe(lib.crosswalk.length);
    expect(lib.crosswalk.length).toBeGreaterThanOrEqual(1000);
    const ac2 = await db.requirement.findFirstOrThrow({ where: { orgId, ref: 'AC-2', framework: { key: 'nist-sp-800-53-moderate' } }, select: { statement: true, title: true } });
    expect(ac2.title).toBe('Account Management');
    expect(ac2.statement).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ label: 'a.' })]) });
    expect(await db.control.count({ where: { orgId } })).toBe(12);
  });

  it('is idempotent, and keeps an organisation edit, reporting the conflict instead of overwriting', async () => {
    const id = await reqId('nist-ai-rmf', 'GOVERN 1.1');
    await m.updateRequirement(actors.COMPLIANCE_OFFICER, { id, title: 'Our own wording of GOVERN 1.1' });
    // Simulate a newer shipped version with different text by rewinding the stored one.
    const other = await reqId('nist-ai-rmf', 'GOVERN 1.2');
    await db.requirement.update({ where: { id: other }, data: { title: 'Stale shipped title' } });
    const lastSeq = async () => (await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' }, select: { seq: true } })).seq;
    const newEvents = async (after: bigint) => db.auditEvent.findMany({ where: { seq: { gt: after } }, select: { action: true, entityId: true } });
    const start = await lastSeq();
    const report = await library.loadLibrary(actors.ADMIN);
    const nist = report.frameworks.find((f) => f.key === 'nist-ai-rmf')!;
    expect(nist.created).toBe(0);
    expect(nist.updated).toBe(1); // the un-customised stale row is refreshed
    expect(nist.conflicts).toEqual([expect.objectContaining({ ref: 'GOVERN 1.1', field: 'title', yours: 'Our own wording of GOVERN 1.1' })]);
    expect((await db.requirement.findUniqueOrThrow({ where: { id } })).title).toBe('Our own wording of GOVERN 1.1');
    expect(report.crosswalkCreated).toBe(0);
    expect(report.controlsCreated).toBe(0);
    // Only the framework that changed is recorded (counted by sequence, so a late commit from setup cannot skew it).
    expect((await newEvents(start)).map((e) => e.action)).toEqual(['framework.library_reloaded']);
    const before = await lastSeq();
    const again = await library.loadLibrary(actors.ADMIN);
    expect(again.frameworks.every((f) => f.created === 0 && f.updated === 0)).toBe(true);
    expect(again.frameworks.find((f) => f.key === 'nist-ai-rmf')!.conflicts).toHaveLength(1); // still reported, not re-recorded
    expect([again.crosswalkCreated, again.crosswalkUpdated]).toEqual([0, 0]);
    expect(await newEvents(before)).toEqual([]);
  });

  it('may be reloaded only by library managers', async () => {
    await deny(library.loadLibrary(actors.ENGINEER));
    await deny(library.loadLibrary(actors.AUDITOR));
  });
});

describe('AI systems', () => {
  it('suggests frameworks from regions and domain, and compliance confirms them', async () => {
    const triage = (await q.listSystems(actors.AUDITOR)).find((s) => s.id === triageId)!;
    expect(triage.frameworks.map((f) => f.key)).toEqual(expect.arrayContaining(['gdpr', 'eu-ai-act', 'hipaa-security', 'fda-aiml-samd']));
    expect(triage.frameworks.every((f) => !f.confirmed)).toBe(true);
    await m.setSystemFrameworks(actors.COMPLIANCE_OFFICER, { systemId: triageId, frameworkKeys: ['nist-ai-rmf', 'gdpr', 'eu-ai-act', 'hipaa-security'] });
    const after = (await q.listSystems(actors.ENGINEER)).find((s) => s.id === triageId)!;
    expect(after.frameworks.map((f) => f.key).sort()).toEqual(['eu-ai-act', 'gdpr', 'hipaa-security', 'nist-ai-rmf']);
    expect(after.frameworks.every((f) => f.confirmed)).toBe(true);
    await expect(m.setSystemFrameworks(actors.COMPLIANCE_OFFICER, { systemId: triageId, frameworkKeys: ['no-such-framework'] })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('no-such-framework') });
  });

  it('updates only the fields given (a PATCH keeps the status) and can clear an owner', async () => {
    await m.updateSystem(actors.COMPLIANCE_OFFICER, { id: creditId, status: 'IN_PRODUCTION' });
    await m.updateSystem(actors.COMPLIANCE_OFFICER, { id: creditId, purpose: 'Scores consumer credit', businessOwnerId: actors.ADMIN.userId! });
    await m.updateSystem(actors.COMPLIANCE_OFFICER, { id: creditId, businessOwnerId: '' });
    const s = await db.aISystem.findUniqueOrThrow({ where: { id: creditId } });
    expect(s).toMatchObject({ status: 'IN_PRODUCTION', purpose: 'Scores consumer credit', businessOwnerId: null });
    await deny(m.updateSystem(actors.ENGINEER, { id: triageId, name: 'Renamed' }));
  });

  it('refuses engineers and auditors', async () => {
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      await deny(m.createSystem(actors[role], { name: `X ${role}`, purpose: 'x', domain: 'OTHER', regions: ['US'], riskTier: 'MINIMAL' }));
      await deny(m.setSystemFrameworks(actors[role], { systemId: triageId, frameworkKeys: [] }));
    }
  });
});

describe('matrix cells', () => {
  it('lets compliance assess any cell, records history, and requires a justification for not applicable', async () => {
    const r = await reqId('gdpr', 'Art. 22');
    await expect(m.updateCell(actors.COMPLIANCE_OFFICER, { requirementId: r, systemId: creditId, status: 'NOT_APPLICABLE' })).rejects.toThrow(/justification/);
    expect(await db.matrixCell.count({ where: { requirementId: r, systemId: creditId } })).toBe(0);
    await m.updateCell(actors.COMPLIANCE_OFFICER, { requirementId: r, systemId: creditId, status: 'PARTIALLY_COMPLIANT', notes: 'Human review exists, not documented' });
    await m.updateCell(actors.COMPLIANCE_OFFICER, { requirementId: r, systemId: creditId, status: 'COMPLIANT', evidenceUrl: 'https://wiki.example/credit/art22', reason: 'Procedure published' });
    const cell = await q.getCell(actors.AUDITOR, r, creditId);
    expect(cell.cell.status).toBe('COMPLIANT');
    expect(cell.cell.evidenceUrl).toBe('https://wiki.example/credit/art22');
    expect(cell.history.map((h) => h.reason)).toEqual(['Procedure published', null]);
    expect(cell.history[0].changes).toMatchObject({ status: { from: 'PARTIALLY_COMPLIANT', to: 'COMPLIANT' } });
    expect(cell.canEdit).toBe(false);
  });

  it('lets an engineer edit cells of the systems they own (and of requirements they own), and nothing else', async () => {
    const r = await reqId('gdpr', 'Art. 35');
    await m.updateCell(actors.ENGINEER, { requirementId: r, systemId: triageId, status: 'COMPLIANT' });
    await deny(m.updateCell(actors.ENGINEER, { requirementId: r, systemId: creditId, status: 'COMPLIANT' }));
    await deny(m.updateCell(actors.AUDITOR, { requirementId: r, systemId: triageId, status: 'COMPLIANT' }));
    await m.assignOwners(actors.COMPLIANCE_OFFICER, { ids: [r], ownerId: actors.ENGINEER.userId!, reason: 'Engineer owns DPIAs' });
    await m.updateCell(actors.ENGINEER, { requirementId: r, systemId: creditId, status: 'NON_COMPLIANT' });
    // A bulk update that includes a cell the engineer may not edit is refused as a whole.
    const other = await reqId('gdpr', 'Art. 5');
    await deny(m.bulkUpdateCells(actors.ENGINEER, { cells: [{ requirementId: r, systemId: creditId }, { requirementId: other, systemId: creditId }], status: 'COMPLIANT', reason: 'x' }));
    expect((await db.matrixCell.findUniqueOrThrow({ where: { requirementId_systemId: { requirementId: r, systemId: creditId } } })).status).toBe('NON_COMPLIANT');
  });

  it('bulk-updates a selection with one reason recorded on every cell', async () => {
    const ids = await Promise.all(['Art. 5', 'Art. 6', 'Art. 9'].map((ref) => reqId('gdpr', ref)));
    await expect(m.bulkUpdateCells(actors.COMPLIANCE_OFFICER, { cells: ids.map((requirementId) => ({ requirementId, systemId: triageId })), status: 'NOT_APPLICABLE', reason: 'Scope' })).rejects.toThrow(/justification/);
    const res = await m.bulkUpdateCells(actors.COMPLIANCE_OFFICER, { cells: ids.map((requirementId) => ({ requirementId, systemId: triageId })), status: 'COMPLIANT', reason: 'Annual DPO review' });
    expect(res.updated).toBe(3);
    const events = await db.auditEvent.findMany({ where: { action: 'matrix_cell.updated', reason: 'Annual DPO review' } });
    expect(events).toHaveLength(3);
  });

  it('windows the rows, filters, and sums completion in SQL', async () => {
    const page = await q.matrixWindow(actors.AUDITOR, { framework: 'gdpr', limit: 10 });
    expect(page.rows).toHaveLength(10);
    expect(page.total).toBe(28);
    expect(page.systems.map((s) => s.name)).toEqual(['Credit', 'Triage']);
    expect(page.systems.every((s) => !s.canEdit)).toBe(true);
    const compliant = await q.matrixWindow(actors.AUDITOR, { framework: 'gdpr', status: 'COMPLIANT' });
    expect(compliant.rows.map((r) => r.ref).sort()).toEqual(['Art. 22', 'Art. 35', 'Art. 5', 'Art. 6', 'Art. 9'].sort());
    const unowned = await q.matrixWindow(actors.AUDITOR, { framework: 'gdpr', owner: 'unowned' });
    expect(unowned.total).toBe(27);
    const mine = await q.matrixWindow(actors.ENGINEER, { owner: 'me' });
    expect(mine.rows.map((r) => r.ref)).toEqual(['Art. 35']);
    expect(mine.editableRowIds).toEqual([mine.rows[0].id]);
    const eng = await q.matrixWindow(actors.ENGINEER, { framework: 'gdpr', limit: 1 });
    expect(eng.systems.find((s) => s.id === triageId)?.canEdit).toBe(true);
    expect(eng.systems.find((s) => s.id === creditId)?.canEdit).toBe(false);
    const summary = await q.matrixSummary(actors.AUDITOR, { framework: 'gdpr' });
    const triage = summary.bySystem.find((s) => s.id === triageId)!;
    expect(triage).toMatchObject({ cells: 28, assessed: 4, compliant: 4 });
    expect(summary.requirements).toMatchObject({ total: 28, unowned: 27 });
  });
});

describe('controls, crosswalk and derived status', () => {
  it('maps controls with a relationship and lets a requirement take its status from them', async () => {
    const ctl = await m.createControl(actors.COMPLIANCE_OFFICER, { key: 'CTL-TEST-01', name: 'Model cards published', status: 'PARTIALLY_COMPLIANT' });
    await m.addMapping(actors.COMPLIANCE_OFFICER, { controlId: ctl.id, frameworkKey: 'eu-ai-act', ref: 'Art. 11', relationship: 'SUBSET', rationale: 'Cards cover part of the transparency duty' });
    await expect(m.addMapping(actors.COMPLIANCE_OFFICER, { controlId: ctl.id, frameworkKey: 'nope', ref: 'Art. 11', relationship: 'SUBSET', rationale: 'x' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Unknown framework key') });
    const r = await reqId('eu-ai-act', 'Art. 11');
    await m.updateRequirement(actors.COMPLIANCE_OFFICER, { id: r, statusFromControls: true });
    const row = (await q.matrixWindow(actors.AUDITOR, { framework: 'eu-ai-act', q: 'Art. 11' })).rows.find((x) => x.id === r)!;
    expect(row.derivedStatus).toBe('PARTIALLY_COMPLIANT');
    await m.updateControl(actors.COMPLIANCE_OFFICER, { id: ctl.id, status: 'COMPLIANT' });
    expect((await q.getRequirement(actors.AUDITOR, r)).controlStatus).toBe('COMPLIANT');
    await expect(m.updateCell(actors.COMPLIANCE_OFFICER, { requirementId: r, systemId: triageId, status: 'NON_COMPLIANT' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await m.assignOwners(actors.COMPLIANCE_OFFICER, { kind: 'control', ids: [ctl.id], ownerId: actors.ENGINEER.userId! });
    await m.updateControl(actors.ENGINEER, { id: ctl.id, status: 'PARTIALLY_COMPLIANT' }); // the owner may report its status
    await deny(m.updateControl(actors.ENGINEER, { id: ctl.id, name: 'Renamed by the owner' }));
    await deny(m.updateControl(actors.AUDITOR, { id: ctl.id, status: 'COMPLIANT' }));
    expect((await db.control.findUniqueOrThrow({ where: { id: ctl.id } })).status).toBe('PARTIALLY_COMPLIANT');
    // The posture figures use the derived status too (one cell: triage is the only EU system).
    const posture = await q.matrixSummary(actors.AUDITOR, { framework: 'eu-ai-act', q: 'Art. 11' });
    expect(posture.bySystem).toEqual([expect.objectContaining({ id: triageId, cells: 1, assessed: 1, compliant: 0, nonCompliant: 0 })]);
    await deny(m.createControl(actors.ENGINEER, { key: 'CTL-X-01', name: 'x' }));
    await deny(m.addMapping(actors.AUDITOR, { controlId: ctl.id, frameworkKey: 'gdpr', ref: 'Art. 5', relationship: 'RELATED', rationale: 'x' }));
  });

  it('shows the crosswalk overlaps between frameworks', async () => {
    const cw = await q.listCrosswalk(actors.AUDITOR, { framework: 'iso-42001' });
    expect(cw.total).toBeGreaterThan(10);
    expect(cw.overlaps.reduce((n, o) => n + o.count, 0)).toBe(shippedLibrary().crosswalk.length);
    // The screen's smaller pages hold the same mappings in the same order as the API's page of 100.
    const all = await q.listCrosswalk(actors.AUDITOR);
    const screen = [1, 2, 3, 4].map((page) => q.listCrosswalk(actors.AUDITOR, { page, pageSize: 25 }));
    expect((await Promise.all(screen)).flatMap((p) => p.items.map((i) => i.id))).toEqual(all.items.map((i) => i.id));
    expect((await screen[0]).pageSize).toBe(25);
  });
});

describe('ownership and reviews', () => {
  it('lets the owner record a review that sets the next due date; others are refused', async () => {
    const r = await reqId('gdpr', 'Art. 35');
    await deny(m.recordReview(actors.AUDITOR, { requirementId: r, outcome: 'CONFIRMED' }));
    const other = await reqId('gdpr', 'Art. 30');
    await deny(m.recordReview(actors.ENGINEER, { requirementId: other, outcome: 'CONFIRMED' }));
    await expect(m.recordReview(actors.ENGINEER, { requirementId: r, outcome: 'CONFIRMED', reviewedOn: '2999-01-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    const res = await m.recordReview(actors.ENGINEER, { requirementId: r, outcome: 'CONFIRMED', reviewedOn: old });
    expect(new Date(res.nextReviewDue).getTime()).toBeLessThan(Date.now()); // 200 days ago + 90 → overdue
    const overdue = await q.matrixWindow(actors.AUDITOR, { overdue: true, framework: 'gdpr' });
    expect(overdue.rows.map((x) => x.ref)).toEqual(['Art. 35']);
    const today = await m.recordReview(actors.ENGINEER, { requirementId: r, outcome: 'CONFIRMED', notes: 'Quarterly check' });
    const view = await q.quarterView(actors.AUDITOR, today.quarter);
    expect(view.reviews.map((v) => v.reviewerName)).toContain(actors.ENGINEER.name);
    expect(view.overdue.some((o) => o.id === r)).toBe(false);
  });

  it('lets only library managers reassign owners in bulk', async () => {
    const ids = await Promise.all(['Art. 12', 'Art. 14'].map((ref) => reqId('eu-ai-act', ref)));
    await deny(m.assignOwners(actors.ENGINEER, { ids, ownerId: actors.ENGINEER.userId! }));
    await m.assignOwners(actors.ADMIN, { ids, ownerId: actors.COMPLIANCE_OFFICER.userId!, reason: 'Rebalance' });
    expect(await db.requirement.count({ where: { id: { in: ids }, ownerId: actors.COMPLIANCE_OFFICER.userId! } })).toBe(2);
  });
});

describe('imports and exports', () => {
  const csv = (rows: string[][]) => rows.map((r) => r.map((f) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\n');
  const header = ['framework', 'ref', 'title', 'summary', 'area', 'aiSpecific', 'group', 'owner', 'reviewCadenceDays'];

  it('previews a CSV (creates, changes, invalid rows with reasons), writes nothing, and refuses to apply invalid files', async () => {
    await m.createFramework(actors.COMPLIANCE_OFFICER, { key: 'acme-policy', name: 'Acme AI policy', kind: 'POLICY', jurisdiction: 'Internal', version: '2026' });
    const before = await db.requirement.count();
    const text = csv([
      header,
      ['acme-policy', 'P-1', 'Human oversight', 'A person confirms high-risk decisions.', 'GOVERNANCE', 'true', 'Oversight', '', '90'],
      ['acme-policy', 'P-1', 'Dup', 'Dup', 'GOVERNANCE', 'true', '', '', ''],
      ['unknown-fw', 'X-1', 'T', 'S', 'PRIVACY', 'false', '', '', ''],
      ['acme-policy', 'P-2', 'T', 'S', 'NOT_AN_AREA', 'false', '', '', ''],
    ]);
    const preview = await imports.previewImport(actors.COMPLIANCE_OFFICER, { kind: 'csv', fileName: 'p.csv', text });
    expect(preview.creates.map((c) => c.ref)).toEqual(['P-1']);
    expect(preview.invalid.map((i) => [i.row, i.reason])).toEqual([
      [3, expect.stringContaining('Duplicate reference "P-1"')],
      [4, expect.stringContaining('Unknown framework key "unknown-fw"')],
      [5, expect.stringContaining('Unknown area')],
    ]);
    expect(await db.requirement.count()).toBe(before);
    await expect(imports.confirmImport(actors.COMPLIANCE_OFFICER, preview.id)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.requirement.count()).toBe(before);
  });

  it('applies a valid CSV once, all or nothing', async () => {
    const text = csv([header, ['acme-policy', 'P-1', 'Human oversight', 'A person confirms high-risk decisions.', 'GOVERNANCE', 'yes', '', actors.ENGINEER.email!, '30']]);
    const preview = await imports.previewImport(actors.COMPLIANCE_OFFICER, { kind: 'csv', fileName: 'p.csv', text });
    expect(preview.invalid).toEqual([]);
    const res = await imports.confirmImport(actors.COMPLIANCE_OFFICER, preview.id);
    expect(res.created).toBe(1);
    const created = await db.requirement.findFirstOrThrow({ where: { orgId, ref: 'P-1' } });
    expect(created).toMatchObject({ ownerId: actors.ENGINEER.userId, reviewCadenceDays: 30, aiSpecific: true });
    await expect(imports.confirmImport(actors.COMPLIANCE_OFFICER, preview.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await deny(imports.previewImport(actors.ENGINEER, { kind: 'csv', fileName: 'p.csv', text }));
  });

  it('rejects a CSV with the wrong columns, naming them', async () => {
    await expect(imports.previewImport(actors.ADMIN, { kind: 'csv', fileName: 'x.csv', text: 'name,description\na,b\n' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/missing the columns "framework", "ref".*unknown columns "name", "description"/),
    });
  });

  it('imports the NIST OSCAL example catalog (nested groups, parts) and rejects a malformed one', async () => {
    const text = readFileSync(path.join(import.meta.dirname, 'fixtures', 'oscal-basic-catalog.json'), 'utf8');
    const preview = await imports.previewImport(actors.ADMIN, { kind: 'oscal', fileName: 'basic.json', text, frameworkKey: 'sample-catalog' });
    expect(preview.newFramework).toMatch(/Sample Security Catalog/);
    expect(preview.creates.map((c) => c.ref)).toEqual(['1.1.1', '1.1.2', '2.1.1', '2.1.2']);
    expect(preview.invalid).toEqual([]);
    await imports.confirmImport(actors.ADMIN, preview.id);
    const reqs = await db.requirement.findMany({ where: { orgId, framework: { key: 'sample-catalog' } }, orderBy: { ref: 'asc' } });
    expect(reqs[0]).toMatchObject({ ref: '1.1.1', title: 'Information security roles and responsibilities', group: 'Internal Organization' });
    expect(reqs[0].summary.length).toBeGreaterThan(20);
    const again = await imports.previewImport(actors.ADMIN, { kind: 'oscal', fileName: 'basic.json', text, frameworkKey: 'sample-catalog' });
    expect(again).toMatchObject({ creates: [], changes: [], unchanged: 4 });
    await expect(imports.previewImport(actors.ADMIN, { kind: 'oscal', fileName: 'bad.json', text: '{"catalog": {"metadata": {}}}' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('metadata.title') });
    await expect(imports.previewImport(actors.ADMIN, { kind: 'oscal', fileName: 'bad.json', text: '{not json' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('not valid JSON') });
  });

  it('imports an SP 800-53 baseline (OSCAL profile + catalog): NIST text, structured statement, group area, metadata jurisdiction', async () => {
    const fx = (n: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', n), 'utf8');
    const files = [
      { fileName: 'NIST_SP-800-53_rev5_LOW-baseline_profile.json', text: fx('sp800-53-rev5-low-excerpt_profile.json') },
      { fileName: 'NIST_SP-800-53_rev5_catalog.json', text: fx('sp800-53-rev5-low-excerpt_catalog.json') },
    ];
    const preview = await imports.previewImport(actors.ADMIN, { kind: 'oscal', fileName: 'low.json', text: '', files, frameworkKey: 'sp800-53-low' });
    expect(preview).toMatchObject({ newFramework: 'NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE (excerpt)', invalid: [], notes: [] });
    expect(preview.creates.map((c) => c.ref)).toEqual(['AC-1', 'AC-2', 'AT-2', 'AT-2(2)', 'AU-11', 'CA-2']);
    await imports.confirmImport(actors.ADMIN, preview.id);
    const fw = await db.framework.findFirstOrThrow({ where: { orgId, key: 'sp800-53-low' } });
    expect(fw).toMatchObject({ jurisdiction: 'US', version: '5.1.1+u4' });
    expect(fw.sourceRef).toContain('resolved against NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE');
    const ca2 = await db.requirement.findFirstOrThrow({ where: { frameworkId: fw.id, ref: 'CA-2' } });
    expect(ca2).toMatchObject({ group: 'Assessment, Authorization, and Monitoring', area: 'MONITORING' });
    expect(ca2.summary.split('\n').find((l) => l.startsWith('d.'))).toBe(
      'd. Assess the controls in the system and its environment of operation at least annually to determine the extent to which the controls are implemented correctly, operating as intended, and producing the desired outcome with respect to meeting established security and privacy requirements;',
    );
    const ac2 = await db.requirement.findFirstOrThrow({ where: { frameworkId: fw.id, ref: 'AC-2' } });
    expect(ac2.summary.length).toBeGreaterThan(1000);
    expect((ac2.statement as { items: { label: string; items: unknown[] }[] }).items[7]).toMatchObject({ label: 'h.', text: 'Notify account managers and [Assignment: organization-defined personnel or roles] within:', items: [expect.objectContaining({ label: '1.' }), expect.anything(), expect.anything()] });
    const view = await q.getRequirement(actors.AUDITOR, ac2.id);
    expect(view.statement?.items[3].items[2].text).toBe('Access authorizations (i.e., privileges) and [Assignment: organization-defined attributes (as required)] for each account;');
    // A second preview of the same files changes nothing.
    const again = await imports.previewImport(actors.ADMIN, { kind: 'oscal', fileName: 'low.json', text: '', files, frameworkKey: 'sp800-53-low' });
    expect(again).toMatchObject({ creates: [], changes: [], unchanged: 6 });
  });

  it('refuses an OSCAL file nested 20,000 levels deep with a 422 that names the problem', async () => {
    const text = `{"catalog":{"metadata":{"title":"x"},"groups":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
    await expect(imports.previewImport(actors.ADMIN, { kind: 'oscal', fileName: 'deep.json', text })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('deep.json is nested 20,002 levels deep') });
  });

  it('imports a 1 MB OSCAL catalog in well under 10 s', async () => {
    const groups = Array.from({ length: 20 }, (_, g) => ({
      id: `g${g}`,
      title: `Family ${g}`,
      controls: Array.from({ length: 60 }, (_, c) => ({
        id: `g${g}-${c}`,
        title: `Control ${g}.${c} access control and audit logging`,
        props: [{ name: 'label', value: `F${g}-${c}` }],
        parts: [{ id: `g${g}-${c}_smt`, name: 'statement', prose: 'The organization shall '.repeat(30) }],
        controls: [{ id: `g${g}-${c}.1`, title: `Enhancement ${g}.${c}.1`, parts: [{ name: 'statement', prose: 'Additionally, '.repeat(20) }] }],
      })),
    }));
    const text = JSON.stringify({ catalog: { uuid: 'x', metadata: { title: 'Big catalog', version: '5' }, groups } });
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const t = performance.now();
    const preview = await imports.previewImport(actors.ADMIN, { kind: 'oscal', fileName: 'big.json', text, frameworkKey: 'big-catalog' });
    const res = await imports.confirmImport(actors.ADMIN, preview.id);
    const seconds = (performance.now() - t) / 1000;
    expect(res.created).toBe(2400);
    expect(seconds).toBeLessThan(10);
  }, 30_000);

  it('exports CSV that re-imports as no changes, and XLSX', async () => {
    const exported = await exportsMod.exportMatrixCsv(actors.COMPLIANCE_OFFICER, { framework: 'gdpr' });
    expect(exported.split('\r\n')[0]).toBe('framework,ref,title,summary,area,aiSpecific,group,owner,reviewCadenceDays,status: Credit,status: Triage');
    const preview = await imports.previewImport(actors.COMPLIANCE_OFFICER, { kind: 'csv', fileName: 'roundtrip.csv', text: exported });
    expect(preview).toMatchObject({ creates: [], changes: [], cellChanges: [], invalid: [], unchanged: 28 });
    // Change one status in the file: exactly that cell changes.
    const edited = exported.replace(/^(gdpr,Art\. 7,[^\r]*),NOT_ASSESSED,/m, '$1,COMPLIANT,');
    const p2 = await imports.previewImport(actors.COMPLIANCE_OFFICER, { kind: 'csv', fileName: 'edit.csv', text: edited });
    expect(p2.cellChanges).toEqual([{ frameworkKey: 'gdpr', ref: 'Art. 7', system: 'Credit', from: 'NOT_ASSESSED', to: 'COMPLIANT' }]);
    const xlsx = await exportsMod.exportMatrixXlsx(actors.AUDITOR, { framework: 'gdpr' });
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });

  it('runs every query under the gate for readers and refuses strangers from another org', async () => {
    const other = await createOrgWithRoles('Other Org');
    const page = await q.matrixWindow(other.actors.ADMIN, {});
    expect(page.total).toBe(0);
    const r = await reqId('gdpr', 'Art. 5');
    await expect(q.getRequirement(other.actors.ADMIN, r)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(m.updateCell(other.actors.ADMIN, { requirementId: r, systemId: triageId, status: 'COMPLIANT' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const seedActor = systemActor(orgId, 'test');
    expect((await q.listFrameworks(seedActor)).length).toBeGreaterThan(12);
  });
});
