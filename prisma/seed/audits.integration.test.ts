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
const { TEST_DEMO_DECISIONS } = await import('./decisions');
const { DEMO_REQUIREMENT_LINKS } = await import('./audits');

describe('the audit workspace demo seed', () => {
  it('creates the demo audits, findings in every state, requests, stale evidence and certifications, once', { timeout: 180_000 }, async () => {
    await seedDemo(() => undefined, { decisions: TEST_DEMO_DECISIONS });
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
    await seedDemo(() => undefined, { decisions: TEST_DEMO_DECISIONS });
    expect({ audits: await db.audit.count(), findings: await db.finding.count(), evidence: await db.evidence.count() }).toEqual(counts);
  });

  it('links every finding, evidence item and request to the requirement it is about, and names a person for every action', { timeout: 180_000 }, async () => {
    await seedDemo(() => undefined, { decisions: TEST_DEMO_DECISIONS });
    const expected = (title: string) => {
      const names: Record<string, keyof typeof DEMO_REQUIREMENT_LINKS> = {
        'Quarterly access reviews not evidenced for the model-serving cluster': 'accessReview',
        'Training-data retention exceeds the documented policy': 'recordsRetention',
        'Change approvals missing for two model releases': 'changeControl',
        'Incident response plan not tested in the period': 'incidentResponse',
        'AI impact assessments not performed for two systems': 'impactAssessment',
        'Access control policy v3': 'accessPolicy',
        'Data retention standard (2024)': 'recordsRetention',
        'Vendor risk assessment (expired)': 'vendorRisk',
        'Security awareness training dashboard': 'awarenessTraining',
        'AI policy approved by top management': 'aiPolicy',
        "Model monitoring runbook and last quarter's alerts": 'aiMonitoring',
      };
      return DEMO_REQUIREMENT_LINKS[names[title]];
    };
    const req = { select: { ref: true, title: true, framework: { select: { key: true } } } } as const;
    const links = [
      ...(await db.findingRequirement.findMany({ select: { finding: { select: { title: true } }, requirement: req } })).map((l) => ({ title: l.finding.title, r: l.requirement })),
      ...(await db.evidenceRequirement.findMany({ select: { evidence: { select: { title: true } }, requirement: req } })).map((l) => ({ title: l.evidence.title, r: l.requirement })),
      ...(await db.evidenceRequest.findMany({ where: { requirementId: { not: null } }, select: { title: true, requirement: req } })).map((l) => ({ title: l.title, r: l.requirement! })),
    ];
    expect(links.length).toBeGreaterThanOrEqual(11);
    for (const { title, r } of links) {
      const want = expected(title);
      expect(want, `an undeclared link from "${title}"`).toBeDefined();
      expect({ title, framework: r.framework.key, ref: r.ref }).toEqual({ title, framework: want.framework, ref: want.ref });
      expect(r.title).toMatch(want.titleWord);
    }
    // No record or event of the demo is signed by the system instead of a person.
    const actors = await db.auditEvent.findMany({ where: { actorId: null, action: { notIn: ['framework.created', 'library.loaded'] } }, select: { action: true, actorLabel: true }, distinct: ['action'] });
    expect(actors.filter((a) => /requirement_review|review\.|evidence\.|finding\.|matrix_cell/.test(a.action))).toEqual([]);
    expect(await db.requirementReview.count({ where: { reviewerName: 'seed' } })).toBe(0);
  });
});

