import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import { docxText, pdfPages } from './testing/read-documents';

process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('reports_techdoc');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { seedModels } = await import('@/prisma/seed/models');
const { userActor } = await import('@/lib/auth/session');
const { auditSettingKey } = await import('@/lib/auth/scope');
const q = await import('./queries');
const { assembleTechnicalDocumentation } = await import('./technical-documentation');
const { createDevelopmentDecision } = await import('@/lib/decisions/mutations');

let actors: Record<Role, Actor>;
let orgId: string;
let systemId: string;
let otherEngineer: Actor;
const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Techdoc Org'));
  await seedModels(orgId);
  const model = await db.model.findFirstOrThrow({ where: { orgId, key: 'clinical-triage' }, select: { systemId: true } });
  systemId = model.systemId;
  const fw = await db.framework.create({ data: { orgId, key: 'eu-ai-act', name: 'EU AI Act', kind: 'REGULATION', jurisdiction: 'EU', version: '2024/1689' }, select: { id: true } });
  await db.systemFramework.create({ data: { systemId, frameworkId: fw.id, orgId, confirmed: true } });
  for (const [ref, status, justification] of [
    ['Art. 9', 'COMPLIANT', 'Risk register reviewed quarterly'],
    ['Art. 14', 'PARTIALLY_COMPLIANT', 'Clinician confirms every triage'],
    ['Art. 47', 'NOT_ASSESSED', null],
    ['Art. 72', 'NOT_ASSESSED', null],
  ] as const) {
    const r = await db.requirement.create({ data: { orgId, frameworkId: fw.id, ref, title: ref, summary: ref, area: 'GOVERNANCE' }, select: { id: true } });
    await db.matrixCell.create({ data: { orgId, requirementId: r.id, systemId, status, justification } });
  }
  const u = await db.user.create({ data: { orgId, email: 'eng2@test.example', name: 'Other engineer', role: 'ENGINEER', passwordHash: null }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  otherEngineer = userActor(u, { id: 'req', ip: '127.0.0.1' });
  await db.setting.create({ data: { key: auditSettingKey(orgId), value: { allAuditorsSeeAll: true } } });
});

describe('EU AI Act technical documentation', () => {
  it('grades every Annex IV point with a link to where it is filled in', async () => {
    const s = await q.getTechnicalDocumentationStatus(actors.AUDITOR, systemId);
    expect(s.points.map((p) => p.point)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const by = Object.fromEntries(s.points.map((p) => [p.point, p]));
    // Point 5 reads the Art. 9 cell and the risk register: assessed, but no risk linked yet.
    expect(by['5'].status).toBe('incomplete');
    expect(by['6'].status).toBe('complete');
    expect(by['7'].status).toBe('complete');
    expect(by['9'].status).toBe('missing');
    expect(by['8'].status).toBe('incomplete');
    expect(by['3'].link).toMatch(/\/requirements\/items\//);
    for (const p of s.points) expect(p.link).toMatch(/^http/);
  });

  it('takes the risk register into point 5: complete once every linked open risk has a treatment', async () => {
    const owner = actors.COMPLIANCE_OFFICER.userId!;
    const base = { orgId, description: 'd', category: 'safety', inherentLikelihood: 4, inherentImpact: 5, inherentScore: 20, ownerId: owner, nextReviewAt: new Date('2027-01-15T00:00:00Z') };
    const undecided = await db.risk.create({ data: { ...base, ref: 'RSK-0901', title: 'Under-triage of chest pain', systems: { create: { systemId } } }, select: { id: true } });
    const doc = async () => Object.fromEntries((await q.getTechnicalDocumentationStatus(actors.AUDITOR, systemId)).points.map((p) => [p.point, p]));
    expect((await doc())['5'].status).toBe('incomplete');
    await db.risk.update({ where: { id: undecided.id }, data: { treatment: 'MITIGATE', treatmentPlan: 'Clinician review of every low-acuity chest-pain case', residualScore: 8 } });
    expect((await doc())['5'].status).toBe('complete');
    const full = await assembleTechnicalDocumentation(actors.AUDITOR, systemId);
    const point5 = full.document.sections.find((x) => x.title.startsWith('Annex IV point 5'))!;
    expect(JSON.stringify(point5.blocks)).toContain('RSK-0901');
    expect(JSON.stringify(point5.blocks)).toContain('Clinician review of every low-acuity chest-pain case');
  });

  it('takes the development decision records into point 2: incomplete without them, listed with who approved them once recorded', async () => {
    const point2 = async () => (await assembleTechnicalDocumentation(actors.AUDITOR, systemId)).document.sections.find((x) => x.title.startsWith('Annex IV point 2'))!;
    const models = await db.model.findMany({ where: { orgId, systemId, versions: { some: {} } }, orderBy: { name: 'asc' }, select: { id: true, name: true, versions: { take: 1, orderBy: { createdAt: 'desc' }, select: { id: true } } } });
    expect(models.length).toBeGreaterThan(0);
    const before = await point2();
    expect(before.status).toBe('incomplete');
    expect(before.link).toMatch(new RegExp(`^http.*/decisions/development\\?modelId=${models[0].id}$`));
    expect(JSON.stringify(before.blocks)).toContain('Development decision records: none recorded');

    const approver = actors.COMPLIANCE_OFFICER.userId!;
    for (const [i, m] of models.entries()) {
      await createDevelopmentDecision(actors.COMPLIANCE_OFFICER, {
        modelId: m.id,
        versionId: i === 0 ? m.versions[0].id : undefined,
        title: `Gradient boosting for ${m.name}`,
        context: 'Tabular triage data with missing vitals',
        decision: 'Chose gradient boosted trees over a deep network',
        alternatives: 'A logistic regression baseline',
        consequences: 'Explanations per feature stay available',
        approverId: approver,
        decidedAt: '2026-10-0' + (i + 1),
      });
    }
    const after = await point2();
    expect(after.status).toBe('complete');
    expect(after.link).toMatch(/\/models\//);
    const table = after.blocks.find((b) => b.kind === 'table' && b.caption === 'Development decision records');
    expect(table).toMatchObject({ columns: ['Decided (UTC)', 'Model and version', 'Record', 'Decision', 'Rationale', 'Approved by'] });
    const rows = (table as { rows: (string | number)[][] }).rows;
    expect(rows).toHaveLength(models.length);
    const approverName = (await db.user.findUniqueOrThrow({ where: { id: approver }, select: { name: true } })).name;
    expect(rows[0]).toEqual([
      '2026-10-01',
      expect.stringContaining(models[0].name),
      `Gradient boosting for ${models[0].name}`,
      'Chose gradient boosted trees over a deep network',
      'Tabular triage data with missing vitals Alternatives considered: A logistic regression baseline Consequences: Explanations per feature stay available',
      approverName,
    ]);
  });

  it('renders the same points and statuses in the PDF (contents, page numbers, UTC and locale time) and records its hash', async () => {
    const screen = await q.getTechnicalDocumentationStatus(actors.COMPLIANCE_OFFICER, systemId);
    const now = new Date('2026-12-02T10:00:00Z');
    const file = await q.exportTechnicalDocumentation(actors.COMPLIANCE_OFFICER, systemId, { format: 'pdf', locale: 'de-DE', tz: 'Europe/Berlin' }, now);
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.hash).toBe(screen.contentSha256);
    const pages = await pdfPages(file.bytes);
    const text = pages.join('\n');
    expect(pages[0]).toContain('Techdoc Org');
    expect(pages[pages.length - 1]).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(text).toContain('2026-12-02 10:00 UTC');
    expect(text).toContain('de-DE');
    expect(text).toMatch(/02\.12\.2026, 11:00/);
    expect(pages[1]).toContain('Contents');
    for (const p of screen.points) expect(text).toContain(`Annex IV point ${p.point}: ${p.title} — ${p.status[0].toUpperCase()}${p.status.slice(1)}`);
    // The development decision records of point 2: title, date, decision, rationale, approver.
    expect(text).toContain('Development decision records');
    for (const s of ['Gradient boosting for', '2026-10-01', 'Chose gradient boosted trees over a deep network', 'A logistic regression baseline', 'Explanations per feature stay available']) expect(text).toContain(s);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'report.technical-documentation.exported', entityId: systemId }, orderBy: { seq: 'desc' }, select: { changes: true } });
    expect(JSON.parse(event.changes!)).toMatchObject({ format: 'pdf', contentSha256: file.hash });
  });

  it('renders the same content as DOCX, read back by a parser', async () => {
    const screen = await q.getTechnicalDocumentationStatus(actors.ADMIN, systemId);
    const file = await q.exportTechnicalDocumentation(actors.ADMIN, systemId, { format: 'docx', locale: 'en-GB', tz: 'UTC' });
    const text = await docxText(file.bytes);
    expect(text).toContain('Technical documentation');
    expect(text).toContain(`Content SHA-256: ${screen.contentSha256}`);
    for (const p of screen.points) expect(text).toContain(`Annex IV point ${p.point}: ${p.title}`);
    expect(text).toContain('Clinician confirms every triage');
    for (const s of ['Development decision records', 'Gradient boosting for', '2026-10-01', 'Chose gradient boosted trees over a deep network', 'Tabular triage data with missing vitals', 'Explanations per feature stay available']) expect(text).toContain(s);
  });

  it('is exported by auditors and by engineers only for systems they own', async () => {
    await expect(q.getTechnicalDocumentationStatus(actors.ENGINEER, systemId)).resolves.toBeTruthy();
    await deny(q.getTechnicalDocumentationStatus(otherEngineer, systemId));
    await deny(q.exportTechnicalDocumentation(otherEngineer, systemId, { format: 'pdf', locale: 'en-GB', tz: 'UTC' }));
    await db.setting.update({ where: { key: auditSettingKey(orgId) }, data: { value: { allAuditorsSeeAll: false } } });
    await expect(q.getTechnicalDocumentationStatus(actors.AUDITOR, systemId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.setting.update({ where: { key: auditSettingKey(orgId) }, data: { value: { allAuditorsSeeAll: true } } });
  });
});
