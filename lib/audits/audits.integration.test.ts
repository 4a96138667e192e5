import { generateKeyPairSync } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

const evidenceDir = await mkdtemp(path.join(tmpdir(), 'evidence-'));
process.env.EVIDENCE_DIR = evidenceDir;
process.env.EVIDENCE_MAX_MB = '1';
const keys = generateKeyPairSync('ed25519');
process.env.SIGNING_PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

await setupTestDatabase('audits');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const audits = await import('./mutations');
const auditQueries = await import('./queries');
const settings = await import('./settings');
const findings = await import('@/lib/findings/mutations');
const findingQueries = await import('@/lib/findings/queries');
const { exportFindings } = await import('@/lib/findings/export');
const evidence = await import('@/lib/evidence/mutations');
const evidenceQueries = await import('@/lib/evidence/queries');
const { buildEvidencePack } = await import('@/lib/evidence/pack');
const { verifyPack } = await import('@/lib/evidence/pack-verify');
const { readZip } = await import('@/lib/evidence/zip-read');

let actors: Record<Role, Actor>;
let orgId: string;
let auditId: string;
let frameworkId: string;
let requirementId: string;

const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function counts() {
  return { findings: await db.finding.count(), evidence: await db.evidence.count(), events: await db.auditEvent.count() };
}

async function streamToBuffer(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Audit Org'));
  const fw = await db.framework.create({ data: { orgId, key: 'soc2', name: 'SOC 2', kind: 'STANDARD', jurisdiction: 'US', version: '2017' }, select: { id: true } });
  frameworkId = fw.id;
  const req = await db.requirement.create({
    data: { orgId, frameworkId, ref: 'CC6.1', title: 'Logical access', summary: 'Access is restricted', area: 'DATA_SECURITY', ownerId: actors.ENGINEER.userId },
    select: { id: true },
  });
  requirementId = req.id;
  const sys = await db.aISystem.create({ data: { orgId, name: 'Triage assistant', purpose: 'triage', domain: 'HEALTHCARE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } });
  await db.matrixCell.create({ data: { orgId, requirementId, systemId: sys.id, status: 'COMPLIANT' } });
  const a = await audits.createAudit(actors.COMPLIANCE_OFFICER, {
    title: 'SOC 2 Type II 2026',
    kind: 'EXTERNAL',
    standard: 'SOC2_TYPE2',
    firm: 'Example LLP',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    status: 'FIELDWORK',
    frameworkIds: [frameworkId],
    systemIds: [sys.id],
    auditorIds: [actors.AUDITOR.userId!],
  });
  auditId = a.id;
});

describe('audits and certifications', () => {
  it('lets only compliance and admins create audits and certifications', async () => {
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      const before = await counts();
      await deny(audits.createAudit(actors[role], { title: 'Nope audit', kind: 'INTERNAL', standard: 'OTHER', periodStart: '2026-01-01', periodEnd: '2026-02-01' }));
      await deny(audits.createCertification(actors[role], { name: 'ISO', standard: 'ISO_27001', issuer: 'BSI', scope: 'All', issuedAt: '2025-01-01', expiresAt: '2028-01-01' }));
      expect(await counts()).toEqual(before);
    }
    await expect(audits.createAudit(actors.ADMIN, { title: 'Bad period', kind: 'INTERNAL', standard: 'OTHER', periodStart: '2026-02-01', periodEnd: '2026-01-01' })).rejects.toThrow();
    await expect(audits.createAudit(actors.ADMIN, { title: 'Engineer as auditor', kind: 'INTERNAL', standard: 'OTHER', periodStart: '2026-01-01', periodEnd: '2026-02-01', auditorIds: [actors.ENGINEER.userId!] })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('keeps the auditors when an update does not name them, and replaces them when it does', async () => {
    await audits.updateAudit(actors.COMPLIANCE_OFFICER, { id: auditId, status: 'FIELDWORK', firm: 'Example LLP' });
    expect(await db.auditAssignment.findMany({ where: { auditId }, select: { userId: true } })).toEqual([{ userId: actors.AUDITOR.userId }]);
    await deny(audits.updateAudit(actors.AUDITOR, { id: auditId, status: 'CLOSED' }));
  });

  it('flags certifications expiring within 90 days', async () => {
    await audits.createCertification(actors.COMPLIANCE_OFFICER, { name: 'SOC 2 report', standard: 'SOC2_TYPE2', issuer: 'Example LLP', scope: 'Platform', issuedAt: day(-300), expiresAt: day(30), auditId });
    await audits.createCertification(actors.COMPLIANCE_OFFICER, { name: 'ISO 27001', standard: 'ISO_27001', issuer: 'BSI', scope: 'All', issuedAt: day(-30), expiresAt: day(700) });
    const certs = await auditQueries.listCertifications(actors.ENGINEER);
    expect(certs.map((c) => [c.name, c.expiringSoon])).toEqual([
      ['SOC 2 report', true],
      ['ISO 27001', false],
    ]);
  });
});

describe('findings', () => {
  it('defaults the due date by severity from the settings, and refuses past dates writing nothing', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'MFA not enforced', description: 'Admins lack MFA', severity: 'CRITICAL', auditId, ownerId: actors.ENGINEER.userId!, requirementIds: [requirementId] });
    expect(f.dueDate!.slice(0, 10)).toBe(day(30));
    await settings.updateAuditSettings(actors.ADMIN, { dueDays: { CRITICAL: 7, HIGH: 60, MEDIUM: 90, LOW: 180 }, allAuditorsSeeAll: false, internalAuditorIds: [] });
    const g = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Second critical', description: 'x', severity: 'CRITICAL', ownerId: actors.ENGINEER.userId! });
    expect(g.dueDate!.slice(0, 10)).toBe(day(7));
    await deny(settings.updateAuditSettings(actors.COMPLIANCE_OFFICER, { dueDays: { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 1 }, allAuditorsSeeAll: true, internalAuditorIds: [] }));

    const before = await counts();
    await expect(findings.createFinding(actors.AUDITOR, { title: 'Late one', description: 'x', severity: 'LOW', auditId, dueDate: day(-1) })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(findings.createFinding(actors.AUDITOR, { title: 'Bad link', description: 'x', severity: 'LOW', auditId, requirementIds: ['nope'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await deny(findings.createFinding(actors.ENGINEER, { title: 'Engineer raise', description: 'x', severity: 'LOW' }));
    expect(await counts()).toEqual(before);
  });

  it('runs the workflow: the owner remediates, cannot close their own, an independent verifier closes', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Access review missing', description: 'Quarterly review not done', severity: 'HIGH', auditId, ownerId: actors.ENGINEER.userId! });
    // Another engineer-like actor (the auditor) cannot remediate; the owner can.
    await deny(findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'start_remediation' }));
    await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'start_remediation' });
    await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'ready_for_verification' });
    await deny(findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'close' }));
    await expect(findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'reject_verification' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'close', comment: 'Verified the Q2 review record' });
    const detail = await findingQueries.getFinding(actors.ENGINEER, f.id);
    expect(detail.status).toBe('CLOSED');
    expect(detail.closedAt).not.toBeNull();
    expect(detail.history.map((h) => h.action)).toEqual(['finding.close', 'finding.ready_for_verification', 'finding.start_remediation', 'finding.created']);
    await expect(findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'close' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('never lets a compliance officer close a finding they own', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Own finding', description: 'x', severity: 'LOW', auditId, ownerId: actors.COMPLIANCE_OFFICER.userId! });
    await findings.transitionFinding(actors.COMPLIANCE_OFFICER, { id: f.id, transition: 'ready_for_verification' });
    await expect(findings.transitionFinding(actors.COMPLIANCE_OFFICER, { id: f.id, transition: 'close' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('You own this finding') });
    await deny(findings.acceptRisk(actors.COMPLIANCE_OFFICER, { id: f.id, rationale: 'Accepting my own risk', expiresAt: day(10) }));
    expect((await db.finding.findUniqueOrThrow({ where: { id: f.id } })).status).toBe('READY_FOR_VERIFICATION');
  });

  it('reopens an accepted risk when the acceptance expires', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Legacy cipher', description: 'x', severity: 'MEDIUM', auditId, ownerId: actors.ENGINEER.userId! });
    await deny(findings.acceptRisk(actors.AUDITOR, { id: f.id, rationale: 'Auditors do not accept risk', expiresAt: day(10) }));
    await findings.acceptRisk(actors.COMPLIANCE_OFFICER, { id: f.id, rationale: 'Vendor upgrade scheduled for Q3', expiresAt: day(10) });
    expect((await findingQueries.listFindings(actors.ENGINEER, { status: 'RISK_ACCEPTED' })).items.map((x) => x.id)).toContain(f.id);
    await db.finding.update({ where: { id: f.id }, data: { riskExpiresAt: new Date(Date.now() - 1000) } });
    const list = await findingQueries.listFindings(actors.ENGINEER, { status: 'OPEN' });
    expect(list.items.map((x) => x.id)).toContain(f.id);
    expect(await db.auditEvent.count({ where: { entityId: f.id, action: 'finding.risk_acceptance_expired' } })).toBe(1);
  });

  it('filters, flags overdue findings and exports the tracking table', async () => {
    const f = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Overdue one', description: 'x', severity: 'LOW', auditId, ownerId: actors.ENGINEER.userId!, requirementIds: [requirementId] });
    await db.finding.update({ where: { id: f.id }, data: { dueDate: new Date(Date.now() - 5 * 86_400_000) } });
    const overdue = await findingQueries.listFindings(actors.ENGINEER, { overdue: 'true' });
    expect(overdue.items.map((x) => x.id)).toEqual([f.id]);
    expect(overdue.items[0].overdue).toBe(true);
    const byFramework = await findingQueries.listFindings(actors.ENGINEER, { frameworkId });
    expect(byFramework.items.every((x) => x.auditId === auditId)).toBe(true);
    expect(byFramework.total).toBe(2);
    const csv = (await exportFindings(actors.AUDITOR, { auditId }, 'csv')).toString('utf8');
    expect(csv.split('\r\n')[0]).toContain('Finding ID,Title,Audit');
    expect(csv).toContain('Overdue one');
    const xlsx = await exportFindings(actors.AUDITOR, { auditId }, 'xlsx');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });

  it('lets auditors comment, owners comment on theirs, and nobody else', async () => {
    const f = await findings.createFinding(actors.AUDITOR, { title: 'Commented', description: 'x', severity: 'LOW', auditId, ownerId: actors.COMPLIANCE_OFFICER.userId! });
    await findings.addFindingComment(actors.AUDITOR, { id: f.id, body: 'Please attach the policy' });
    await deny(findings.addFindingComment(actors.ENGINEER, { id: f.id, body: 'Not my finding' }));
    expect((await findingQueries.getFinding(actors.ADMIN, f.id)).comments.map((c) => c.body)).toEqual(['Please attach the policy']);
  });
});

describe('evidence', () => {
  it('rejects empty, oversized and disguised files with nothing written', async () => {
    const before = await counts();
    const meta = { title: 'Policy', requirementIds: [requirementId] };
    await expect(evidence.addEvidence(actors.COMPLIANCE_OFFICER, meta, { name: 'empty.pdf', bytes: Buffer.alloc(0) })).rejects.toMatchObject({ code: 'VALIDATION', message: 'The file is empty.' });
    await expect(evidence.addEvidence(actors.COMPLIANCE_OFFICER, meta, { name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]) })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
    await expect(evidence.addEvidence(actors.COMPLIANCE_OFFICER, meta, { name: 'report.pdf', bytes: exe })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('application/x-msdownload') });
    await expect(evidence.addEvidence(actors.COMPLIANCE_OFFICER, meta, { name: 'report.pdf', bytes: Buffer.from('just text') })).rejects.toMatchObject({ message: expect.stringContaining('named .pdf') });
    await deny(evidence.addEvidence(actors.AUDITOR, meta, { name: 'policy.pdf', bytes: PDF }));
    await deny(evidence.addEvidence(actors.ENGINEER, { title: 'Not mine', findingIds: [] }, { name: 'policy.pdf', bytes: PDF }));
    expect(await counts()).toEqual(before);
  });

  it('stores files with their SHA-256, records each download, and blocks a tampered file', async () => {
    // The engineer owns the requirement, so may attach evidence to it.
    const e = await evidence.addEvidence(actors.ENGINEER, { title: 'Access policy', requirementIds: [requirementId], validUntil: day(-1) }, { name: 'access-policy.pdf', bytes: PDF });
    expect(e.contentType).toBe('application/pdf');
    const got = await evidence.downloadEvidence(actors.AUDITOR, e.id);
    expect(got.kind === 'FILE' && got.bytes.equals(PDF)).toBe(true);
    expect(await db.auditEvent.count({ where: { entityId: e.id, action: 'evidence.downloaded', actorId: actors.AUDITOR.userId } })).toBe(1);
    const stale = await evidenceQueries.listEvidence(actors.COMPLIANCE_OFFICER, { stale: 'true' });
    expect(stale.items.map((x) => x.id)).toContain(e.id);

    const stored = await db.evidence.findUniqueOrThrow({ where: { id: e.id } });
    const file = path.join(evidenceDir, stored.storageKey!);
    await writeFile(file, Buffer.concat([await readFile(file), Buffer.from('tamper')]));
    await expect(evidence.downloadEvidence(actors.AUDITOR, e.id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Integrity check failed') });
    expect(await db.auditEvent.count({ where: { entityId: e.id, action: 'evidence.tampering_detected' } })).toBe(1);
    await writeFile(file, PDF);
  });

  it('runs evidence requests: auditor asks, owner fulfils, auditor accepts or rejects', async () => {
    await deny(evidence.createEvidenceRequest(actors.ENGINEER, { title: 'x', dueDate: day(5), requirementId }));
    await expect(evidence.createEvidenceRequest(actors.AUDITOR, { title: 'Access logs', dueDate: day(-2), requirementId, auditId })).rejects.toThrow();
    const r = await evidence.createEvidenceRequest(actors.AUDITOR, { title: 'Access logs for Q2', dueDate: day(14), requirementId, auditId });
    const req = (await evidenceQueries.listEvidenceRequests(actors.ENGINEER, { mine: 'true' })).find((x) => x.id === r.id)!;
    expect(req.assigneeId).toBe(actors.ENGINEER.userId);
    await evidence.addEvidence(actors.ENGINEER, { title: 'Q2 access logs', requestId: r.id }, { name: 'logs.txt', bytes: Buffer.from('2026-04-01 login ok\n') });
    await deny(evidence.reviewEvidenceRequest(actors.ENGINEER, { id: r.id, decision: 'accept' }));
    await expect(evidence.reviewEvidenceRequest(actors.AUDITOR, { id: r.id, decision: 'reject' })).rejects.toThrow();
    await evidence.reviewEvidenceRequest(actors.AUDITOR, { id: r.id, decision: 'reject', comment: 'Need the whole quarter' });
    await evidence.addEvidence(actors.ENGINEER, { title: 'Q2 access logs, full', requestId: r.id }, { name: 'logs.txt', bytes: Buffer.from('2026-04-01..06-30 all ok\n') });
    expect(await evidence.reviewEvidenceRequest(actors.AUDITOR, { id: r.id, decision: 'accept' })).toMatchObject({ status: 'ACCEPTED' });
  });
});

describe('auditor visibility', () => {
  it('shows auditors only their assigned audits, or everything when configured as internal', async () => {
    const other = await audits.createAudit(actors.ADMIN, { title: 'Unassigned internal audit', kind: 'INTERNAL', standard: 'ISO_42001', periodStart: '2026-01-01', periodEnd: '2026-03-31' });
    const hidden = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Hidden from auditor', description: 'x', severity: 'LOW', auditId: other.id });
    const mine = await auditQueries.listAudits(actors.AUDITOR);
    expect(mine.items.map((a) => a.id)).toEqual([auditId]);
    await expect(auditQueries.getAudit(actors.AUDITOR, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findingQueries.getFinding(actors.AUDITOR, hidden.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(findings.transitionFinding(actors.AUDITOR, { id: hidden.id, transition: 'close' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await findingQueries.listFindings(actors.AUDITOR, { pageSize: 200 })).items.every((f) => f.auditId === auditId)).toBe(true);
    await expect(findings.createFinding(actors.AUDITOR, { title: 'On other audit', description: 'x', severity: 'LOW', auditId: other.id })).rejects.toMatchObject({ code: 'VALIDATION' });

    await settings.updateAuditSettings(actors.ADMIN, { dueDays: { CRITICAL: 30, HIGH: 60, MEDIUM: 90, LOW: 180 }, allAuditorsSeeAll: false, internalAuditorIds: [actors.AUDITOR.userId!] });
    expect((await auditQueries.listAudits(actors.AUDITOR)).total).toBe(2);
    expect((await findingQueries.getFinding(actors.AUDITOR, hidden.id)).id).toBe(hidden.id);
    await settings.updateAuditSettings(actors.ADMIN, { dueDays: { CRITICAL: 30, HIGH: 60, MEDIUM: 90, LOW: 180 }, allAuditorsSeeAll: false, internalAuditorIds: [] });
  });

  it('scopes everything to the organisation', async () => {
    const other = await createOrgWithRoles('Other Org');
    expect((await findingQueries.listFindings(other.actors.ADMIN)).total).toBe(0);
    expect((await evidenceQueries.listEvidence(other.actors.ADMIN)).total).toBe(0);
    await expect(auditQueries.getAudit(other.actors.ADMIN, auditId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('evidence pack', () => {
  it('exports a signed pack that verifies offline, and detects any change', { timeout: 60_000 }, async () => {
    const pack = await buildEvidencePack(actors.AUDITOR, auditId);
    const zip = await streamToBuffer(pack.stream);
    expect(pack.totalBytes).toBe(zip.length);
    const verdict = verifyPack(zip, publicPem);
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    const names = readZip(zip).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'manifest.sig', 'manifest.csv', 'findings.json', 'matrix-snapshot.json']));
    expect(names.filter((n) => n.startsWith('evidence/')).length).toBeGreaterThanOrEqual(3);
    const findingsJson = JSON.parse(readZip(zip).find((e) => e.name === 'findings.json')!.data.toString()) as { history: { action: string }[] }[];
    expect(findingsJson.some((f) => f.history.some((h) => h.action === 'finding.close'))).toBe(true);
    expect(await db.auditEvent.count({ where: { entityId: auditId, action: 'audit.evidence_pack_exported' } })).toBe(1);

    // Flip one byte of a stored evidence file inside the archive: the verifier names it.
    const evidenceEntry = names.find((n) => n.startsWith('evidence/'))!;
    let at = -1;
    for (let i = zip.indexOf(Buffer.from(evidenceEntry)); i >= 0; i = zip.indexOf(Buffer.from(evidenceEntry), i + 1)) {
      if (i >= 30 && zip.readUInt32LE(i - 30) === 0x04034b50) at = i + evidenceEntry.length;
    }
    const bad = Buffer.from(zip);
    bad[at + 2] ^= 0xff;
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifyPack(zip, other).ok).toBe(false);
    expect(verifyPack(bad, publicPem).problems.join('\n')).toMatch(/SHA-256/);
    const forged = Buffer.from(zip);
    forged[zip.indexOf(Buffer.from('"generatedAt"')) + 1] = 0x7b;
    expect(verifyPack(forged, publicPem).problems).toContain('the signature over manifest.json does not verify with this public key');

    // The command-line verifier, as an auditor runs it offline.
    const dir = await mkdtemp(path.join(tmpdir(), 'pack-'));
    await writeFile(path.join(dir, 'pack.zip'), zip);
    await writeFile(path.join(dir, 'bad.zip'), bad);
    await writeFile(path.join(dir, 'key.pem'), publicPem);
    const cli = (file: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(path.resolve('node_modules/.bin/tsx'), ['lib/tooling/cli/verify-evidence-pack.ts', path.join(dir, file), '--key', path.join(dir, 'key.pem')], (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number) : 0, out: stdout + stderr }),
        );
      });
    const good = await cli('pack.zip');
    expect(good.out).toContain('OK: the signature is valid');
    expect(good.code).toBe(0);
    const failed = await cli('bad.zip');
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/FAILED:[\s\S]*SHA-256/);
  });

  it('refuses the pack to roles without audit read and to unassigned auditors', async () => {
    const other = await audits.createAudit(actors.ADMIN, { title: 'Another audit', kind: 'INTERNAL', standard: 'OTHER', periodStart: '2026-01-01', periodEnd: '2026-03-31' });
    await expect(buildEvidencePack(actors.AUDITOR, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
