import { execFile } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import type { RawRecord } from './formats';

await setupTestDatabase('decisions_proofs');
const { db } = await import('@/lib/db');
const { ingestDecisions } = await import('./ingest');
const { eraseSubject, findDecisionsBySubject } = await import('./subjects');
const { issueCheckpoint } = await import('./checkpoints');
const { decisionProof, checkpointConsistency } = await import('./proofs');
const { verifyDecisionProof } = await import('./verify-proof');
const { verifyConsistency } = await import('./merkle');
const { publicKeyPem } = await import('@/lib/signing/keys');
const { decisionsFixture, sampleDecision } = await import('./test-fixture');
const { verifyDecisionLog } = await import('./verify-log');

let fx: Awaited<ReturnType<typeof decisionsFixture>>;
const rows = (list: unknown[]): RawRecord[] => list.map((value, i) => ({ row: i + 1, value }));
const run = promisify(execFile);

beforeAll(async () => {
  fx = await decisionsFixture('Proofs Org');
});

describe('proofs', () => {
  it('proves a decision into a signed checkpoint that Node crypto verifies, and survives erasure of the subject', async () => {
    const batch = Array.from({ length: 7 }, (_, i) => sampleDecision({ subjectRef: i === 3 ? 'subj-proof-erased' : `subj-proof-${i}` }));
    await ingestDecisions(fx.serving, fx.systemId, rows(batch));
    await ingestDecisions(fx.serving, fx.systemId, rows([sampleDecision(), sampleDecision(), sampleDecision()]));
    // No checkpoint yet: the proof says so and does not verify.
    const early = await decisionProof(fx.actors.AUDITOR, { systemId: fx.systemId, ref: batch[0].decisionId }).catch((e) => e);
    expect(early.code).toBe('NOT_FOUND'); // auditors see only the systems of their audits
    const pending = await decisionProof(fx.actors.ENGINEER, { systemId: fx.systemId, ref: batch[0].decisionId });
    expect(pending.checkpoint).toBeNull();
    expect(verifyDecisionProof(pending, publicKeyPem()).problems).toContain('no signed checkpoint covers this batch yet');

    await expect(issueCheckpoint(fx.actors.ENGINEER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const cp = await issueCheckpoint(fx.actors.COMPLIANCE_OFFICER);
    expect(cp).toMatchObject({ treeSize: 2, decisionCount: 10, created: true });
    expect(await issueCheckpoint(fx.actors.ADMIN)).toMatchObject({ id: cp.id, created: false });

    for (const d of batch) {
      const proof = await decisionProof(fx.actors.ENGINEER, { systemId: fx.systemId, ref: d.decisionId });
      expect(verifyDecisionProof(proof, publicKeyPem())).toEqual({ ok: true, problems: [] });
      // The signature, checked with Node's crypto alone.
      expect(verify(null, Buffer.from(proof.checkpoint!.statement), createPublicKey(publicKeyPem()), Buffer.from(proof.checkpoint!.signature, 'base64'))).toBe(true);
    }

    await eraseSubject(fx.actors.COMPLIANCE_OFFICER, 'subj-proof-erased', 'Art. 17 request');
    const erasedProof = await decisionProof(fx.actors.ADMIN, { systemId: fx.systemId, ref: batch[3].decisionId });
    expect(verifyDecisionProof(erasedProof, publicKeyPem()).ok).toBe(true);
    const view = await findDecisionsBySubject(fx.actors.ADMIN, fx.systemId, 'subj-proof-erased');
    expect(view.decisions[0].features).toEqual({ state: 'erased' });
    // The ciphertext is still there but no key exists to open it.
    expect(erasedProof.decision.featuresCipher.length).toBeGreaterThan(20);
    expect(await db.decisionSubject.findFirst({ where: { subjectRef: 'subj-proof-erased' }, select: { wrappedKey: true } })).toEqual({ wrappedKey: null });
  });

  it('refuses tampered proofs, and the offline CLI exits non-zero on them', async () => {
    const proof = await decisionProof(fx.actors.ADMIN, { systemId: fx.systemId, ref: (await db.decision.findFirstOrThrow({ where: { systemId: fx.systemId }, select: { ref: true } })).ref });
    const tampered = structuredClone(proof);
    tampered.decision.outcome = tampered.decision.outcome === 'approve' ? 'decline' : 'approve';
    expect(verifyDecisionProof(tampered, publicKeyPem()).ok).toBe(false);
    const resigned = structuredClone(proof);
    resigned.checkpoint!.rootHash = '00'.repeat(32);
    expect(verifyDecisionProof(resigned, publicKeyPem()).ok).toBe(false);

    const dir = await mkdtemp(path.join(tmpdir(), 'verify-decision-'));
    await writeFile(path.join(dir, 'key.pem'), publicKeyPem());
    await writeFile(path.join(dir, 'good.json'), JSON.stringify(proof));
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify(tampered));
    const cli = (file: string) => run('npx', ['tsx', 'lib/tooling/cli/verify-decision.ts', path.join(dir, file), '--key', path.join(dir, 'key.pem')], { cwd: process.cwd() });
    await expect(cli('good.json')).resolves.toMatchObject({ stdout: expect.stringContaining('OK:') });
    await expect(cli('bad.json')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('does not hash to its batch root') });
  }, 60_000);

  it('shows two checkpoints consistent: nothing removed or rewritten', async () => {
    await ingestDecisions(fx.serving, fx.systemId, rows([sampleDecision()]));
    const later = await issueCheckpoint(fx.actors.ADMIN);
    expect(later.treeSize).toBe(3);
    await expect(checkpointConsistency(fx.actors.ENGINEER, 2, 3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const c = await checkpointConsistency(fx.actors.AUDITOR, 2, 3);
    const buf = (h: string) => Buffer.from(h, 'hex');
    expect(verifyConsistency(2, 3, buf(c.from.rootHash), buf(c.to.rootHash), c.proof.map(buf))).toBe(true);
    const whole = await verifyDecisionLog(fx.actors.AUDITOR);
    expect(whole).toMatchObject({ ok: true, batches: 3, decisions: 11, problems: [] });
    await expect(verifyDecisionLog(fx.actors.ENGINEER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(verifyConsistency(2, 3, buf('11'.repeat(32)), buf(c.to.rootHash), c.proof.map(buf))).toBe(false);
  });
});
