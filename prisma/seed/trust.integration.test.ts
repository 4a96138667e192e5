import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

process.env.EVIDENCE_DIR = await mkdtemp(path.join(tmpdir(), 'seed-trust-'));
process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('seed_trust');
const { db } = await import('@/lib/db');
const { seedDemo } = await import('./index');
const { TEST_DEMO_DECISIONS } = await import('./decisions');
const { trustPageResponse } = await import('@/lib/trust/public');

describe('the trust centre demo seed', () => {
  it('publishes the demo trust centre with signed production attestations, published policies and a document behind an NDA', { timeout: 240_000 }, async () => {
    await seedDemo(() => undefined, { decisions: TEST_DEMO_DECISIONS });
    const org = await db.organization.findFirstOrThrow({ select: { id: true, slug: true } });
    const tc = await db.trustCentre.findUniqueOrThrow({ where: { orgId: org.id }, select: { enabled: true, snapshot: true } });
    const snap = tc.snapshot as { attestations: { model: string }[]; policies: { title: string }[]; documents: { title: string }[]; nda: { version: number } };
    expect(tc.enabled).toBe(true);
    expect(snap.attestations.map((a) => a.model).sort()).toEqual(expect.arrayContaining(['clinical-triage', 'credit-scoring']));
    expect(snap.policies.length).toBeGreaterThan(0);
    expect(snap.documents.map((d) => d.title)).toEqual(['SOC 2 Type II report 2025']);
    expect(snap.nda.version).toBe(1);
    expect(await db.trustDocumentRequest.count({ where: { orgId: org.id, status: 'PENDING' } })).toBe(1);
    const html = await (await trustPageResponse(new Request(`http://127.0.0.1/trust/${org.slug}`), org.slug)).text();
    expect(html).toContain('data-attestation');
    expect(html).toContain('Request the document');
  });
});
