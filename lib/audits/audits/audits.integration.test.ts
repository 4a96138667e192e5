import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, deny, setupAuditTestEnv } from '../test-fixture';

await setupAuditTestEnv('audits');
const { db } = await import('@/lib/db');
const audits = await import('./mutations');
const certifications = await import('../certifications/mutations');

let actors: AuditWorkspace['actors'];
let auditId: string;

async function counts() {
  return { findings: await db.finding.count(), evidence: await db.evidence.count(), events: await db.auditEvent.count() };
}

beforeAll(async () => {
  ({ actors, auditId } = await createAuditWorkspace());
});

describe('audits and certifications', () => {
  it('lets only compliance and admins create audits and certifications', async () => {
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      const before = await counts();
      await deny(audits.createAudit(actors[role], { title: 'Nope audit', kind: 'INTERNAL', standard: 'OTHER', periodStart: '2026-01-01', periodEnd: '2026-02-01' }));
      await deny(certifications.createCertification(actors[role], { name: 'ISO', standard: 'ISO_27001', issuer: 'BSI', scope: 'All', issuedAt: '2025-01-01', expiresAt: '2028-01-01' }));
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
});
