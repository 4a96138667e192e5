import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, deny, PDF, streamToBuffer, setupAuditTestEnv } from '../test-fixture';

const { publicPem } = await setupAuditTestEnv('pack');
const { db } = await import('@/lib/db');
const audits = await import('../audits/mutations');
const findings = await import('../findings/mutations');
const evidence = await import('./mutations');
const { buildEvidencePack } = await import('./pack');
const { verifyPack } = await import('./pack-verify');
const { readZip } = await import('./zip-read');

let actors: AuditWorkspace['actors'];
let auditId: string;
let requirementId: string;

beforeAll(async () => {
  ({ actors, auditId, requirementId } = await createAuditWorkspace());
  // What the pack holds: a finding verified and closed on the audit, and
  // three evidence files on a requirement of the audit's framework.
  const f = await findings.createFinding(actors.AUDITOR, { title: 'Access review missing', description: 'Quarterly review not done', severity: 'HIGH', auditId, ownerId: actors.ENGINEER.userId! });
  await findings.transitionFinding(actors.ENGINEER, { id: f.id, transition: 'ready_for_verification' });
  await findings.transitionFinding(actors.AUDITOR, { id: f.id, transition: 'close', comment: 'Verified' });
  for (const name of ['access-policy.pdf', 'review.pdf', 'logs.pdf']) {
    await evidence.addEvidence(actors.ENGINEER, { title: name, requirementIds: [requirementId], findingIds: [f.id] }, { name, bytes: PDF });
  }
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

  it('matrix-snapshot.json is the matrix at the end of a closed period (from the audit trail), and says so in the manifest', { timeout: 60_000 }, async () => {
    const pack = await buildEvidencePack(actors.AUDITOR, auditId);
    const zip = readZip(await streamToBuffer(pack.stream));
    const manifest = JSON.parse(zip.find((e) => e.name === 'manifest.json')!.data.toString());
    const snapshot = JSON.parse(zip.find((e) => e.name === 'matrix-snapshot.json')!.data.toString());
    // The audit's period ends 2026-06-30; its one cell was recorded (as compliant) only when the workspace was set up, after that.
    expect(manifest.matrixSnapshot).toMatchObject({ file: 'matrix-snapshot.json', asOf: '2026-06-30T23:59:59.999Z', basis: 'audit-trail' });
    expect(snapshot).toMatchObject({ asOf: '2026-06-30T23:59:59.999Z', basis: 'audit-trail', cells: [expect.objectContaining({ requirement: 'SOC 2 CC6.1', system: 'Triage assistant', status: 'NOT_ASSESSED', recordedAfterAsOf: true, evidence: [] })] });
    expect(snapshot.note).toMatch(/1 of 1 cells were first recorded after that time/);
    expect(await db.matrixCell.findFirstOrThrow({ where: { requirementId } })).toMatchObject({ status: 'COMPLIANT' });
  });

  it('a period that has not ended yet is snapshotted as current, with its time', { timeout: 60_000 }, async () => {
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId }, select: { scopeFrameworkIds: true, scopeSystemIds: true } });
    const open = await audits.createAudit(actors.COMPLIANCE_OFFICER, { title: 'Open period', kind: 'INTERNAL', standard: 'OTHER', periodStart: '2026-10-01', periodEnd: '2099-12-31', frameworkIds: audit.scopeFrameworkIds, systemIds: audit.scopeSystemIds, auditorIds: [actors.AUDITOR.userId!] });
    const zip = readZip(await streamToBuffer((await buildEvidencePack(actors.AUDITOR, open.id)).stream));
    const manifest = JSON.parse(zip.find((e) => e.name === 'manifest.json')!.data.toString());
    const snapshot = JSON.parse(zip.find((e) => e.name === 'matrix-snapshot.json')!.data.toString());
    expect(manifest.matrixSnapshot.basis).toBe('current');
    expect(manifest.matrixSnapshot.asOf).toBe(manifest.generatedAt);
    expect(manifest.matrixSnapshot.note).toContain('the matrix is the current one');
    expect(snapshot.cells).toEqual([expect.objectContaining({ requirement: 'SOC 2 CC6.1', status: 'COMPLIANT' })]);
  });

  it('findings.json cites each requirement with its framework', { timeout: 60_000 }, async () => {
    await findings.createFinding(actors.AUDITOR, { title: 'Logical access not reviewed', description: 'No review in the period', severity: 'MEDIUM', auditId, ownerId: actors.ENGINEER.userId!, requirementIds: [requirementId] });
    const zip = readZip(await streamToBuffer((await buildEvidencePack(actors.AUDITOR, auditId)).stream));
    const list = JSON.parse(zip.find((e) => e.name === 'findings.json')!.data.toString()) as { title: string; requirements: unknown[] }[];
    expect(list.find((f) => f.title === 'Logical access not reviewed')!.requirements).toEqual([{ citation: 'SOC 2 CC6.1', framework: 'SOC 2', ref: 'CC6.1', title: 'Logical access' }]);
  });

  it('refuses the pack to roles without audit read and to unassigned auditors', async () => {
    const other = await audits.createAudit(actors.ADMIN, { title: 'Another audit', kind: 'INTERNAL', standard: 'OTHER', periodStart: '2026-01-01', periodEnd: '2026-03-31' });
    await expect(buildEvidencePack(actors.AUDITOR, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('evidence file names and withdrawal', () => {
  it('builds a pack however the files were named, and a withdrawn file leaves it but stays in history', { timeout: 60_000 }, async () => {
    const names = ['..', '../x.pdf', 'evil\u0000name.pdf', `${'long'.repeat(400)}.pdf`, 'dup.pdf', 'dup.pdf'];
    const added: { id: string }[] = [];
    for (const [i, name] of names.entries()) added.push(await evidence.addEvidence(actors.ENGINEER, { title: `Oddly named file ${i}`, requirementIds: [requirementId] }, { name, bytes: PDF }));
    const zip = await streamToBuffer((await buildEvidencePack(actors.AUDITOR, auditId)).stream);
    expect(verifyPack(zip, publicPem).problems).toEqual([]);
    const paths = readZip(zip).map((e) => e.name).filter((n) => n.startsWith('evidence/'));
    for (const p of paths) {
      const [, , file] = p.split('/');
      expect(p.split('/')).toHaveLength(3);
      expect(['.', '..', '']).not.toContain(file);
      expect(file.length).toBeLessThanOrEqual(120);
      expect(p).not.toMatch(/[\u0000-\u001f\\]/);
    }
    expect(new Set(paths).size).toBe(paths.length);

    const bad = added[0];
    await deny(evidence.withdrawEvidence(actors.AUDITOR, { id: bad.id, reason: 'Not an auditor action' }));
    await expect(evidence.withdrawEvidence(actors.ENGINEER, { id: bad.id, reason: 'x' })).rejects.toMatchObject({ name: 'ZodError' });
    const out = await evidence.withdrawEvidence(actors.ENGINEER, { id: bad.id, reason: 'Uploaded with a broken name', supersededById: added[1].id });
    expect(out.supersededById).toBe(added[1].id);
    await expect(evidence.withdrawEvidence(actors.COMPLIANCE_OFFICER, { id: bad.id, reason: 'Twice' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = readZip(await streamToBuffer((await buildEvidencePack(actors.AUDITOR, auditId)).stream)).map((e) => e.name);
    expect(after.some((n) => n.startsWith(`evidence/${bad.id}/`))).toBe(false);
    expect(after.some((n) => n.startsWith(`evidence/${added[1].id}/`))).toBe(true);
    expect(await db.evidence.findUniqueOrThrow({ where: { id: bad.id } })).toMatchObject({ withdrawnReason: 'Uploaded with a broken name', supersededById: added[1].id, storageKey: expect.any(String) });
    expect(await db.auditEvent.count({ where: { entityId: bad.id, action: 'evidence.superseded', reason: 'Uploaded with a broken name' } })).toBe(1);
    // The file is kept and still downloads, for history.
    expect((await evidence.downloadEvidence(actors.COMPLIANCE_OFFICER, bad.id)).kind).toBe('FILE');
  });
});
