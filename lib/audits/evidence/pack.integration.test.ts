import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, PDF, streamToBuffer, setupAuditTestEnv } from '../test-fixture';

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

beforeAll(async () => {
  let requirementId: string;
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
        execFile(path.resolve('node_modules/.bin/tsx'), ['lib/cli/verify-evidence-pack.ts', path.join(dir, file), '--key', path.join(dir, 'key.pem')], (error, stdout, stderr) =>
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
