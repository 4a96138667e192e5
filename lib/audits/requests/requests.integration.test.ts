import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditWorkspace } from '../test-fixture';
import { createAuditWorkspace, day, deny, setupAuditTestEnv } from '../test-fixture';

await setupAuditTestEnv('requests');
const evidence = await import('../evidence/mutations');
const requests = await import('./mutations');
const requestQueries = await import('./queries');

let actors: AuditWorkspace['actors'];
let auditId: string;
let requirementId: string;

beforeAll(async () => {
  ({ actors, auditId, requirementId } = await createAuditWorkspace());
});

describe('evidence requests', () => {
  it('runs evidence requests: auditor asks, owner fulfils, auditor accepts or rejects', async () => {
    await deny(requests.createEvidenceRequest(actors.ENGINEER, { title: 'x', dueDate: day(5), requirementId }));
    await expect(requests.createEvidenceRequest(actors.AUDITOR, { title: 'Access logs', dueDate: day(-2), requirementId, auditId })).rejects.toThrow();
    const r = await requests.createEvidenceRequest(actors.AUDITOR, { title: 'Access logs for Q2', dueDate: day(14), requirementId, auditId });
    const req = (await requestQueries.listEvidenceRequests(actors.ENGINEER, { mine: 'true' })).find((x) => x.id === r.id)!;
    expect(req.assigneeId).toBe(actors.ENGINEER.userId);
    await evidence.addEvidence(actors.ENGINEER, { title: 'Q2 access logs', requestId: r.id }, { name: 'logs.txt', bytes: Buffer.from('2026-04-01 login ok\n') });
    await deny(requests.reviewEvidenceRequest(actors.ENGINEER, { id: r.id, decision: 'accept' }));
    await expect(requests.reviewEvidenceRequest(actors.AUDITOR, { id: r.id, decision: 'reject' })).rejects.toThrow();
    await requests.reviewEvidenceRequest(actors.AUDITOR, { id: r.id, decision: 'reject', comment: 'Need the whole quarter' });
    await evidence.addEvidence(actors.ENGINEER, { title: 'Q2 access logs, full', requestId: r.id }, { name: 'logs.txt', bytes: Buffer.from('2026-04-01..06-30 all ok\n') });
    expect(await requests.reviewEvidenceRequest(actors.AUDITOR, { id: r.id, decision: 'accept' })).toMatchObject({ status: 'ACCEPTED' });
  });
});
