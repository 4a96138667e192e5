import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, day, setupAuditTestEnv } from '../test-fixture';

await setupAuditTestEnv('certifications');
const certifications = await import('./mutations');
const certificationQueries = await import('./queries');

let actors: AuditWorkspace['actors'];
let auditId: string;

beforeAll(async () => {
  ({ actors, auditId } = await createAuditWorkspace());
});

describe('certifications', () => {
  it('flags certifications expiring within 90 days', async () => {
    await certifications.createCertification(actors.COMPLIANCE_OFFICER, { name: 'SOC 2 report', standard: 'SOC2_TYPE2', issuer: 'Example LLP', scope: 'Platform', issuedAt: day(-300), expiresAt: day(30), auditId });
    await certifications.createCertification(actors.COMPLIANCE_OFFICER, { name: 'ISO 27001', standard: 'ISO_27001', issuer: 'BSI', scope: 'All', issuedAt: day(-30), expiresAt: day(700) });
    const certs = await certificationQueries.listCertifications(actors.ENGINEER);
    expect(certs.map((c) => [c.name, c.expiringSoon])).toEqual([
      ['SOC 2 report', true],
      ['ISO 27001', false],
    ]);
  });
});
