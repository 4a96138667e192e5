import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('crosswalk');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const library = await import('./library');
const m = await import('./mutations');
const q = await import('./queries');
const files = await import('./crosswalk-files');
const io = await import('./logic/crosswalk-io');

let actors: Record<Role, Actor>;
let orgId: string;
const reqId = async (framework: string, ref: string) => (await db.requirement.findFirstOrThrow({ where: { orgId, ref, framework: { key: framework } }, select: { id: true } })).id;
const pairOf = async (a: [string, string], b: [string, string]) => {
  const [x, y] = [await reqId(...a), await reqId(...b)];
  return db.crosswalkMapping.findFirstOrThrow({ where: { orgId, OR: [{ fromRequirementId: x, toRequirementId: y }, { fromRequirementId: y, toRequirementId: x }] } });
};
const lastEvent = () => db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' }, select: { action: true, entityId: true, actorId: true } });
const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Crosswalk Org'));
  await library.loadLibrary(actors.ADMIN);
}, 180_000);

describe('crosswalk mappings', () => {
  it('lets library managers add a mapping, audited in the same transaction, and refuses duplicates and same-framework pairs', async () => {
    const gdpr = await reqId('gdpr', 'Art. 20');
    const ccpa = await reqId('ccpa-cpra', '1798.110');
    const created = await m.createCrosswalkMapping(actors.ADMIN, { fromRequirementId: gdpr, toRequirementId: ccpa, relationship: 'RELATED', rationale: 'Portability and the right to know both hand people their data.' });
    expect(created).toMatchObject({ from: 'gdpr Art. 20', to: 'ccpa-cpra 1798.110' });
    expect(await lastEvent()).toMatchObject({ action: 'crosswalk.mapping_created', entityId: created.id, actorId: actors.ADMIN.userId });
    await expect(m.createCrosswalkMapping(actors.COMPLIANCE_OFFICER, { fromRequirementId: ccpa, toRequirementId: gdpr, relationship: 'RELATED', rationale: 'Again, the other way round' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = await reqId('gdpr', 'Art. 21');
    await expect(m.createCrosswalkMapping(actors.ADMIN, { fromRequirementId: gdpr, toRequirementId: other, relationship: 'RELATED', rationale: 'Same framework' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(m.createCrosswalkMapping(actors.ADMIN, { fromRequirementId: gdpr, toRequirementId: ccpa, relationship: 'RELATED', rationale: '' })).rejects.toThrow();
    const row = await db.crosswalkMapping.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.origin).toBe('CUSTOM');
  });

  it('refuses engineers and auditors every write, and changes nothing', async () => {
    const before = await db.crosswalkMapping.count({ where: { orgId } });
    const any = await db.crosswalkMapping.findFirstOrThrow({ where: { orgId }, select: { id: true, fromRequirementId: true, toRequirementId: true } });
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      await deny(m.createCrosswalkMapping(actors[role], { fromRequirementId: any.fromRequirementId, toRequirementId: any.toRequirementId, relationship: 'EQUIVALENT', rationale: 'x' }));
      await deny(m.updateCrosswalkMapping(actors[role], { id: any.id, rationale: 'changed' }));
      await deny(m.removeCrosswalkMapping(actors[role], any.id));
      await deny(files.importCrosswalkFile(actors[role], { fileName: 'x.csv', text: 'fromFramework,fromRef,relationship,toFramework,toRef,rationale,citation\n' }));
      // Reading stays open to every role.
      expect((await q.crosswalkCoverage(actors[role], { source: 'iso-27001' })).rows.length).toBeGreaterThan(0);
    }
    expect(await db.crosswalkMapping.count({ where: { orgId } })).toBe(before);
  });

  it('keeps an edited shipped mapping and a removed one through a library reload', async () => {
    const edited = await pairOf(['iso-27001', '8.32'], ['soc2', 'CC8.1']);
    await m.updateCrosswalkMapping(actors.COMPLIANCE_OFFICER, { id: edited.id, relationship: 'SUPERSET', rationale: 'Our change management covers CC8.1 and more.' });
    expect(await lastEvent()).toMatchObject({ action: 'crosswalk.mapping_updated', entityId: edited.id });
    const removed = await pairOf(['iso-27001', '8.7'], ['soc2', 'CC6.8']);
    await m.removeCrosswalkMapping(actors.ADMIN, removed.id);
    expect(await lastEvent()).toMatchObject({ action: 'crosswalk.mapping_removed', entityId: removed.id });
    const report = await library.loadLibrary(actors.ADMIN);
    expect(report.crosswalkCreated).toBe(0);
    expect(report.crosswalkKept).toBeGreaterThanOrEqual(2);
    expect(await db.crosswalkMapping.findUniqueOrThrow({ where: { id: edited.id } })).toMatchObject({ relationship: 'SUPERSET', customised: true });
    expect((await db.crosswalkMapping.findUniqueOrThrow({ where: { id: removed.id } })).removedAt).not.toBeNull();
    const listed = await q.listCrosswalk(actors.AUDITOR, { framework: 'soc2' });
    expect(listed.total).toBe(await db.crosswalkMapping.count({ where: { orgId, removedAt: null, OR: [{ from: { framework: { key: 'soc2' } } }, { to: { framework: { key: 'soc2' } } }] } }));
    expect(listed.capabilities).toEqual({ edit: false, importExport: false });
    expect((await q.listCrosswalk(actors.ADMIN)).capabilities.edit).toBe(true);
    // Adding the removed pair again revives it as the organisation's own wording.
    const revived = await m.createCrosswalkMapping(actors.ADMIN, { fromRequirementId: removed.fromRequirementId, toRequirementId: removed.toRequirementId, relationship: 'EQUIVALENT', rationale: 'Both require anti-malware.' });
    expect(revived.id).toBe(removed.id);
  });

  it('computes the coverage one framework gives another from equivalent and superset mappings, read from both sides', async () => {
    const low = await q.crosswalkCoverage(actors.AUDITOR, { source: 'nist-sp-800-53-low' });
    const moderate = low.rows.find((r) => r.key === 'nist-sp-800-53-moderate')!;
    expect(moderate).toMatchObject({ requirements: 287, covered: 149 });
    expect(moderate.coveredPct).toBeCloseTo((149 / 287) * 100, 0);
    // Read the other way, MODERATE covers all of LOW.
    const fromModerate = await q.crosswalkCoverage(actors.AUDITOR, { source: 'nist-sp-800-53-moderate' });
    expect(fromModerate.rows.find((r) => r.key === 'nist-sp-800-53-low')).toMatchObject({ covered: 149, coveredPct: 100 });
    // A subset mapping touches but does not cover: HIPAA 164.308(a)(2) is a subset of CSF GV.RR-02, so from the CSF side it is a superset and covers it.
    const fromCsf = await q.crosswalkCoverage(actors.AUDITOR, { source: 'nist-csf-2' });
    const hipaa = fromCsf.rows.find((r) => r.key === 'hipaa-security')!;
    expect(hipaa.covered).toBeGreaterThanOrEqual(1);
    expect(hipaa.mappedPct).toBeGreaterThanOrEqual(hipaa.coveredPct);
    const fromHipaa = await q.crosswalkCoverage(actors.AUDITOR, { source: 'hipaa-security' });
    const csf = fromHipaa.rows.find((r) => r.key === 'nist-csf-2')!;
    expect(csf.partial).toBeGreaterThan(0);
  });

  it('shows what a requirement also satisfies, from its own side, with the status per AI system', async () => {
    const sys = await m.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Claims', purpose: 'Triage', domain: 'HEALTHCARE', regions: ['US'], riskTier: 'HIGH' });
    const hipaa = await reqId('hipaa-security', '164.308(a)(2)');
    await m.updateCell(actors.COMPLIANCE_OFFICER, { requirementId: hipaa, systemId: sys.id, status: 'COMPLIANT' });
    const csf = await reqId('nist-csf-2', 'GV.RR-02');
    const also = await q.alsoSatisfies(actors.AUDITOR, csf);
    const entry = also.find((a) => a.other.id === hipaa)!;
    expect(entry.relationship).toBe('SUPERSET'); // stored as HIPAA subset of CSF
    expect(entry.statuses).toEqual([expect.objectContaining({ systemName: 'Claims', status: 'COMPLIANT' })]);
    const fromHipaa = await q.alsoSatisfies(actors.AUDITOR, hipaa);
    expect(fromHipaa.find((a) => a.other.id === csf)!.relationship).toBe('SUBSET');
    const detail = await q.getRequirement(actors.AUDITOR, csf);
    expect(detail.crosswalk.find((c) => c.other.id === hipaa)!.relationship).toBe('SUPERSET');
  });
});

describe('crosswalk import and export', () => {
  it('exports CSV that imports back unchanged, and refuses a file with one bad row without changing anything', async () => {
    const csv = await files.exportCrosswalk(actors.AUDITOR, { format: 'csv', framework: 'nyc-ll-144' });
    expect(csv.contentType).toMatch(/text\/csv/);
    const lines = csv.body.trim().split(/\r\n/);
    expect(lines[0]).toBe('fromFramework,fromRef,relationship,toFramework,toRef,rationale,citation');
    expect(lines.length - 1).toBe((await q.crosswalkExportRows(actors.AUDITOR, { framework: 'nyc-ll-144' })).rows.length);
    const again = await files.importCrosswalkFile(actors.COMPLIANCE_OFFICER, { fileName: 'nyc.csv', text: csv.body });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: lines.length - 1 });
    const before = await db.crosswalkMapping.count({ where: { orgId } });
    const bad = `${lines[0]}\r\nnyc-ll-144,5-301,intersects-with,oecd-ai-principles,1.2,Impact ratios test fairness,\r\nnyc-ll-144,5-999,equivalent,gdpr,Art. 5,No such section,\r\n`;
    await expect(files.importCrosswalkFile(actors.ADMIN, { fileName: 'bad.csv', text: bad })).rejects.toMatchObject({ code: 'VALIDATION', details: { problems: [expect.objectContaining({ row: 3, reason: expect.stringContaining('nyc-ll-144 5-999') })] } });
    expect(await db.crosswalkMapping.count({ where: { orgId } })).toBe(before);
    const good = await files.importCrosswalkFile(actors.ADMIN, { fileName: 'good.csv', text: `${lines[0]}\r\nnyc-ll-144,5-301,intersects-with,oecd-ai-principles,1.2,Impact ratios test fairness,\r\n` });
    expect(good.created).toBe(1);
    expect(await lastEvent()).toMatchObject({ action: 'crosswalk.imported' });
    await expect(files.importCrosswalkFile(actors.ADMIN, { fileName: 'cols.csv', text: 'from,to\na,b\n' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('exports an OSCAL mapping collection with OLIR relationship names that imports back unchanged', async () => {
    const file = await files.exportCrosswalk(actors.AUDITOR, { format: 'oscal', framework: 'colorado-ai-act' });
    const doc = JSON.parse(file.body);
    const col = doc['mapping-collection'];
    expect(col.metadata).toMatchObject({ 'oscal-version': expect.stringMatching(/^1\.2/) });
    expect(col.provenance).toMatchObject({ method: expect.any(String), 'matching-rationale': expect.any(String), status: 'complete' });
    const maps = col.mappings.flatMap((x: { maps: { relationship: string }[] }) => x.maps);
    expect(maps.length).toBe((await q.crosswalkExportRows(actors.AUDITOR, { framework: 'colorado-ai-act' })).rows.length);
    expect(new Set(maps.map((x: { relationship: string }) => x.relationship))).toEqual(new Set(['intersects-with']));
    for (const x of col.mappings) expect(x['source-resource'].props).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'framework-key' })]));
    const parsed = io.parseCrosswalkOscal(doc);
    expect(parsed.problems).toEqual([]);
    const again = await files.importCrosswalkFile(actors.ADMIN, { fileName: 'co.json', text: file.body });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: maps.length });
    await expect(files.importCrosswalkFile(actors.ADMIN, { fileName: 'x.json', text: '{"catalog":{}}' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
