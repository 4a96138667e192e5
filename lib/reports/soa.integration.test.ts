import { beforeAll, describe, expect, it } from 'vitest';
import { createAuditWorkspace, deny, setupAuditTestEnv, type AuditWorkspace } from '@/lib/audits/test-fixture';
import { docxText, pdfPages } from './testing/read-documents';

await setupAuditTestEnv('reports_soa');
const { db } = await import('@/lib/db');
const { loadLibrary } = await import('@/lib/requirements/library');
const { readXlsxRows } = await import('@/lib/xlsx');
const q = await import('./queries');
const m = await import('./mutations');

let w: AuditWorkspace;
const reqId: Record<string, string> = {};
const opts = { format: 'pdf' as const, locale: 'de-DE', tz: 'Europe/Berlin' };

beforeAll(async () => {
  w = await createAuditWorkspace('SoA Org');
  await loadLibrary(w.actors.ADMIN, { keys: ['iso-27001', 'iso-42001'] });
  const fw = await db.framework.findFirstOrThrow({ where: { orgId: w.orgId, key: 'iso-27001' }, select: { id: true } });
  for (const r of await db.requirement.findMany({ where: { frameworkId: fw.id, ref: { in: ['5.1', '5.2', '7.1'] } }, select: { id: true, ref: true } })) reqId[r.ref] = r.id;
  // 7.1 (physical perimeters) assessed not applicable for the only system; 5.1 implemented by a compliant control with evidence; 5.2 partly.
  await db.matrixCell.create({ data: { orgId: w.orgId, requirementId: reqId['7.1'], systemId: w.systemId, status: 'NOT_APPLICABLE', justification: 'Hosted in a cloud region' } });
  await db.matrixCell.create({ data: { orgId: w.orgId, requirementId: reqId['5.2'], systemId: w.systemId, status: 'PARTIALLY_COMPLIANT' } });
  const control = await db.control.create({ data: { orgId: w.orgId, key: 'SOA-POL', name: 'Security policy set', status: 'COMPLIANT' }, select: { id: true } });
  await db.controlMapping.create({ data: { orgId: w.orgId, controlId: control.id, requirementId: reqId['5.1'], relationship: 'EQUIVALENT', rationale: 'The policy set is the control' } });
  const ev = await db.evidence.create({ data: { orgId: w.orgId, title: 'Signed security policy 2026', kind: 'LINK', url: 'https://intranet.example/policy' }, select: { id: true } });
  await db.evidenceControl.create({ data: { evidenceId: ev.id, controlId: control.id } });
});

describe('Statement of Applicability', () => {
  it('lists every Annex A control with applicability, justification, implementation and evidence from the matrix', async () => {
    const soa = await q.getStatementOfApplicability(w.actors.COMPLIANCE_OFFICER, 'iso-27001');
    expect(soa.rows).toHaveLength(93);
    const row = (ref: string) => soa.rows.find((r) => r.ref === ref)!;
    expect(row('7.1')).toMatchObject({ included: false, implementation: 'NOT_APPLICABLE', decided: false });
    expect(row('7.1').justification).toContain('Hosted in a cloud region');
    expect(row('5.1')).toMatchObject({ included: true, implementation: 'COMPLIANT', evidence: ['Signed security policy 2026'], controls: ['SOA-POL Security policy set'] });
    expect(row('5.2')).toMatchObject({ included: true, implementation: 'PARTIALLY_COMPLIANT' });
    expect(soa.summary).toMatchObject({ controls: 93, included: 92, excluded: 1, implemented: 1, partial: 1 });
    expect((await q.getStatementOfApplicability(w.actors.AUDITOR, 'iso-42001')).rows).toHaveLength(38);
  });

  it('keeps a recorded justification over the derived one, and refuses it to those who may not manage', async () => {
    await deny(m.setSoaEntry(w.actors.AUDITOR, { requirementId: reqId['5.2'], included: false, justification: 'x'.repeat(5) }));
    await deny(m.setSoaEntry(w.actors.ENGINEER, { requirementId: reqId['5.2'], included: false, justification: 'x'.repeat(5) }));
    await m.setSoaEntry(w.actors.COMPLIANCE_OFFICER, { requirementId: reqId['7.1'], included: true, justification: 'Our data centre cage is in scope.' });
    const row = (await q.getStatementOfApplicability(w.actors.COMPLIANCE_OFFICER, 'iso-27001')).rows.find((r) => r.ref === '7.1')!;
    // Included against the matrix's verdict: its only cell is not applicable, so the roll-up says so.
    expect(row).toMatchObject({ included: true, decided: true, justification: 'Our data centre cage is in scope.' });
    expect(await db.auditEvent.count({ where: { action: 'soa.entry.updated', entityId: reqId['7.1'] } })).toBe(1);
  });

  it('exports the same figures as the screen in PDF, DOCX, XLSX and CSV, and records each hash', async () => {
    const screen = await q.getStatementOfApplicability(w.actors.AUDITOR, 'iso-27001');
    const pdf = await q.exportStatementOfApplicability(w.actors.AUDITOR, 'iso-27001', opts);
    const text = (await pdfPages(pdf.bytes)).join('\n');
    expect(text).toContain('SoA Org');
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain(`Included ${screen.summary.included}`);
    expect(text).toContain(`Excluded ${screen.summary.excluded}`);
    expect(text).toContain('Signed security policy 2026');
    expect(text).toContain('Our data centre cage is in scope.');
    const docx = await docxText((await q.exportStatementOfApplicability(w.actors.AUDITOR, 'iso-27001', { ...opts, format: 'docx' })).bytes);
    expect(docx).toContain('Our data centre cage is in scope.');
    expect(docx).toContain('8 Technological controls');
    const xlsx = await q.exportStatementOfApplicability(w.actors.AUDITOR, 'iso-27001', { ...opts, format: 'xlsx' });
    const [header, ...rows] = await readXlsxRows(xlsx.bytes);
    expect(rows).toHaveLength(93);
    expect(rows.filter((r) => r[header.indexOf('Applicability')] === 'Included')).toHaveLength(screen.summary.included);
    const csv = await q.exportStatementOfApplicability(w.actors.AUDITOR, 'iso-27001', { ...opts, format: 'csv' });
    expect(csv.bytes.toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(94);
    const events = await db.auditEvent.findMany({ where: { action: 'report.soa.exported' }, select: { changes: true } });
    expect(events.map((e) => JSON.parse(e.changes!).format).sort()).toEqual(['csv', 'docx', 'pdf', 'xlsx']);
    expect(JSON.parse(events[0].changes!).contentSha256).toBe(pdf.hash);
  });

  it('freezes a version on approval: later edits do not change it', async () => {
    await deny(m.approveStatementOfApplicability(w.actors.AUDITOR, 'iso-27001'));
    const v1 = await m.approveStatementOfApplicability(w.actors.COMPLIANCE_OFFICER, 'iso-27001');
    expect(v1.version).toBe(1);
    await m.setSoaEntry(w.actors.COMPLIANCE_OFFICER, { requirementId: reqId['5.2'], included: false, justification: 'Roles are defined by the group ISMS.' });
    const frozen = await q.exportStatementOfApplicability(w.actors.AUDITOR, 'iso-27001', { ...opts, format: 'csv', version: 1 });
    expect(frozen.bytes.toString('utf8')).not.toContain('Roles are defined by the group ISMS.');
    const live = await q.exportStatementOfApplicability(w.actors.AUDITOR, 'iso-27001', { ...opts, format: 'csv' });
    expect(live.bytes.toString('utf8')).toContain('Roles are defined by the group ISMS.');
    const soa = await q.getStatementOfApplicability(w.actors.COMPLIANCE_OFFICER, 'iso-27001');
    expect(soa.versions).toMatchObject([{ version: 1, contentSha256: v1.contentSha256 }]);
  });

  it('is organisation-wide: engineers may not read or export it', async () => {
    await deny(q.getStatementOfApplicability(w.actors.ENGINEER, 'iso-27001'));
    await deny(q.exportStatementOfApplicability(w.actors.ENGINEER, 'iso-27001', opts));
  });
});
