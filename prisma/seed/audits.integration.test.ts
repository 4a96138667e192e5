import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

process.env.EVIDENCE_DIR = await mkdtemp(path.join(tmpdir(), 'seed-evidence-'));
process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('seed_audits');
const { db } = await import('@/lib/db');
const { seedDemo } = await import('./index');

describe('the audit workspace demo seed', () => {
  it('creates the demo audits, findings in every state, requests, stale evidence and certifications, once', async () => {
    await seedDemo(() => undefined);
    const audits = await db.audit.findMany({ select: { title: true, status: true, kind: true, standard: true } });
    expect(audits).toEqual(
      expect.arrayContaining([
        { title: 'SOC 2 Type II 2025 (external)', status: 'CLOSED', kind: 'EXTERNAL', standard: 'SOC2_TYPE2' },
        { title: 'ISO/IEC 42001 readiness (internal)', status: 'FIELDWORK', kind: 'INTERNAL', standard: 'ISO_42001' },
      ]),
    );
    const states = new Set((await db.finding.findMany({ select: { status: true } })).map((f) => f.status));
    expect([...states].sort()).toEqual(['CLOSED', 'IN_REMEDIATION', 'OPEN', 'READY_FOR_VERIFICATION', 'RISK_ACCEPTED']);
    expect(await db.evidenceRequest.count({ where: { status: 'OPEN' } })).toBe(2);
    expect(await db.evidence.count({ where: { validUntil: { lt: new Date() } } })).toBe(2);
    const certs = await db.certification.findMany({ select: { expiresAt: true } });
    expect(certs.filter((c) => c.expiresAt.getTime() < Date.now() + 90 * 86_400_000)).toHaveLength(1);
    expect(certs).toHaveLength(2);

    const counts = { audits: await db.audit.count(), findings: await db.finding.count(), evidence: await db.evidence.count() };
    await seedDemo(() => undefined);
    expect({ audits: await db.audit.count(), findings: await db.finding.count(), evidence: await db.evidence.count() }).toEqual(counts);
  });
});
