import { beforeAll, describe, expect, it } from 'vitest';
import { createAuditWorkspace, deny, setupAuditTestEnv, type AuditWorkspace } from '@/lib/audits/test-fixture';
import { docxText, pdfPages } from './testing/read-documents';

await setupAuditTestEnv('reports_docs');
const { db } = await import('@/lib/db');
const { createFinding, transitionFinding } = await import('@/lib/audits/findings/mutations');
const { complianceDashboard } = await import('@/lib/dashboards/queries');
const q = await import('./queries');

let w: AuditWorkspace;
const opts = { format: 'pdf' as const, locale: 'en-GB', tz: 'UTC' };

beforeAll(async () => {
  w = await createAuditWorkspace('Reports Org');
  const f = await createFinding(w.actors.AUDITOR, { title: 'Access reviews missing', description: 'No quarterly access review.', severity: 'CRITICAL', source: 'AUDIT', auditId: w.auditId, ownerId: w.actors.ENGINEER.userId!, requirementIds: [w.requirementId] });
  await transitionFinding(w.actors.ENGINEER, { id: f.id, transition: 'start_remediation' });
  await createFinding(w.actors.AUDITOR, { title: 'Stale policy', description: 'Policy not reviewed.', severity: 'LOW', source: 'AUDIT', auditId: w.auditId });
});

describe('board report', () => {
  it('shows the figures of the compliance dashboard, in the PDF with its charts and in the DOCX', async () => {
    const screen = await complianceDashboard(w.actors.COMPLIANCE_OFFICER);
    const report = await q.getBoardReport(w.actors.COMPLIANCE_OFFICER);
    const soc2 = screen.posture.find((p) => p.key === 'soc2')!;
    expect(report.posture.find((p) => p.framework === 'SOC 2')).toMatchObject({ compliantPct: 100, cells: soc2.COMPLIANT + soc2.NON_COMPLIANT + soc2.PARTIALLY_COMPLIANT + soc2.NOT_APPLICABLE + soc2.NOT_ASSESSED });
    expect(report.charts.length).toBeGreaterThan(1);
    expect(report.charts[0].svg).toMatch(/^<svg [^>]*role="img"/);

    const pdf = await q.exportBoardReport(w.actors.COMPLIANCE_OFFICER, opts);
    const text = (await pdfPages(pdf.bytes)).join('\n');
    expect(text).toContain('Reports Org');
    expect(text).toMatch(/Page 1 of \d+/);
    // The chart's labels are drawn into the page as text, with the table's figures.
    expect(text).toContain('Compliant share of assessed requirements (%)');
    expect(text).toContain('SOC 2 100%');
    expect(text).toContain('Access reviews missing');
    const docx = await docxText((await q.exportBoardReport(w.actors.AUDITOR, { ...opts, format: 'docx' })).bytes);
    expect(docx).toContain('Access reviews missing');
    expect(docx).toContain('100%');
  });

  it("lists the risk register's highest open risks under top risks, as on the data the screen shows", async () => {
    const base = { orgId: w.orgId, description: 'd', category: 'safety', inherentLikelihood: 5, inherentImpact: 5, inherentScore: 25, ownerId: w.actors.COMPLIANCE_OFFICER.userId!, nextReviewAt: new Date('2027-01-01T00:00:00Z') };
    await db.risk.create({ data: { ...base, ref: 'RSK-0801', title: 'Model inversion exposes patients', treatment: 'MITIGATE', residualScore: 12 } });
    await db.risk.create({ data: { ...base, ref: 'RSK-0802', title: 'Closed risk never shown', status: 'CLOSED' } });
    const report = await q.getBoardReport(w.actors.COMPLIANCE_OFFICER);
    expect(report.topRegisterRisks.map((r) => r.ref)).toEqual(['RSK-0801']);
    const text = (await pdfPages((await q.exportBoardReport(w.actors.COMPLIANCE_OFFICER, opts)).bytes)).join('\n');
    expect(text).toContain('Top risks in the risk register');
    expect(text).toContain('Model inversion exposes patients');
    expect(text).not.toContain('Closed risk never shown');
    expect(await docxText((await q.exportBoardReport(w.actors.AUDITOR, { ...opts, format: 'docx' })).bytes)).toContain('12 (residual)');
  });

  it('is organisation-wide: auditors and compliance officers export it, engineers do not', async () => {
    await deny(q.exportBoardReport(w.actors.ENGINEER, opts));
    await expect(q.exportBoardReport(w.actors.AUDITOR, opts)).resolves.toMatchObject({ contentType: 'application/pdf' });
  });
});

describe('audit report', () => {
  it('lists scope, period, findings with severity and history, and evidence; figures match the audit page', async () => {
    const file = await q.exportAuditReport(w.actors.AUDITOR, w.auditId, opts);
    const text = (await pdfPages(file.bytes)).join('\n');
    expect(text).toContain('SOC 2 Type II 2026');
    expect(text).toContain('2026-01-01 to 2026-06-30');
    expect(text).toContain('Access reviews missing');
    expect(text).toContain('start remediation');
    expect(text).toContain('2 findings in total.');
    const page = await db.finding.groupBy({ by: ['severity'], where: { auditId: w.auditId }, _count: { _all: true } });
    for (const g of page) expect(text).toMatch(new RegExp(`${g.severity} ${g._count._all}`));
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'report.audit-report.exported', entityId: w.auditId }, select: { changes: true } });
    expect(JSON.parse(event.changes!)).toMatchObject({ contentSha256: file.hash });
  });

  it('writes the same content as DOCX, read back by a parser, with the same content hash', async () => {
    const pdf = await q.exportAuditReport(w.actors.AUDITOR, w.auditId, opts);
    const file = await q.exportAuditReport(w.actors.AUDITOR, w.auditId, { ...opts, format: 'docx' });
    expect(file.hash).toBe(pdf.hash);
    const text = await docxText(file.bytes);
    expect(text).toContain('SOC 2 Type II 2026');
    expect(text).toContain('Access reviews missing');
    expect(text).toContain('Stale policy');
    expect(text).toContain('start remediation');
    expect(text).toContain('2 findings in total.');
    const page = await db.finding.groupBy({ by: ['severity'], where: { auditId: w.auditId }, _count: { _all: true } });
    for (const g of page) expect(text).toMatch(new RegExp(`${g.severity}\\s*${g._count._all}`));
  });

  it('is refused to engineers and to auditors not assigned to the audit', async () => {
    await deny(q.exportAuditReport(w.actors.ENGINEER, w.auditId, opts));
    await db.auditAssignment.deleteMany({ where: { auditId: w.auditId } });
    await expect(q.exportAuditReport(w.actors.AUDITOR, w.auditId, opts)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
