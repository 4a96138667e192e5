import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, day, setupAuditTestEnv } from '../test-fixture';

await setupAuditTestEnv('evidence_caps');
const evidence = await import('./mutations');
const evidenceQueries = await import('./queries');
const findings = await import('../findings/mutations');
const requests = await import('../requests/mutations');
const requestQueries = await import('../requests/queries');

type Role = keyof AuditWorkspace['actors'];
const ROLES: Role[] = ['ADMIN', 'COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'];

let actors: AuditWorkspace['actors'];
let auditId: string;

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => true,
    (error: { code?: string }) => {
      if (error.code !== 'FORBIDDEN') throw error;
      return false;
    },
  );

beforeAll(async () => {
  ({ actors, auditId } = await createAuditWorkspace('Evidence Capabilities Org'));
});

describe('evidence capabilities agree with the upload rule', () => {
  it('for every role: adding evidence anywhere, and to a finding the engineer owns', async () => {
    const finding = await findings.createFinding(actors.AUDITOR, { title: 'Owned by the engineer', description: 'x', severity: 'LOW', auditId, ownerId: actors.ENGINEER.userId! });
    const disagreements: string[] = [];
    for (const role of ROLES) {
      for (const findingId of [undefined, finding.id]) {
        const offered = await evidenceQueries.evidenceUploadCapability(actors[role], findingId);
        const allowed = await outcome(evidence.addEvidence(actors[role], { title: `Link by ${role}`, url: 'https://example.org/record', findingIds: findingId ? [findingId] : [] }));
        if (offered !== allowed) disagreements.push(`${role} ${findingId ? 'to the finding' : 'anywhere'}: offered ${offered}, upload ${allowed ? 'allowed' : 'refused'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it("for every role: fulfilling a request assigned to the engineer", async () => {
    const disagreements: string[] = [];
    for (const role of ROLES) {
      const finding = await findings.createFinding(actors.AUDITOR, { title: `Asked of the engineer (${role})`, description: 'x', severity: 'LOW', auditId, ownerId: actors.ENGINEER.userId! });
      const request = await requests.createEvidenceRequest(actors.AUDITOR, { title: `Request for ${role}`, dueDate: day(7), auditId, findingId: finding.id, assigneeId: actors.ENGINEER.userId! });
      const listed = (await requestQueries.listEvidenceRequests(actors[role])).find((r) => r.id === request.id);
      const offered = listed?.capabilities.fulfil ?? false;
      const allowed = await outcome(evidence.addEvidence(actors[role], { title: `Answer by ${role}`, url: 'https://example.org/answer', requestId: request.id }));
      if (offered !== allowed) disagreements.push(`${role}: offered ${offered}, upload ${allowed ? 'allowed' : 'refused'}`);
    }
    expect(disagreements).toEqual([]);
  });
});
