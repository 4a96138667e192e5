import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('privacy-erasure');
const { db } = await import('@/lib/db');
const { decisionsFixture, sampleDecision } = await import('@/lib/decisions/test-fixture');
const { ingestDecisions } = await import('@/lib/decisions/ingest');
const { findDecisionsBySubject } = await import('@/lib/decisions/subjects');
const requests = await import('./requests/mutations');
const requestQueries = await import('./requests/queries');

describe('erasure end to end', () => {
  it('locates the subject in datasets and the decision log, shreds the log copy on completion and keeps the proofs', async () => {
    const fx = await decisionsFixture('Privacy Erasure Org');
    const subjectRef = 'subj-erase-1';
    const report = await ingestDecisions(fx.serving, fx.systemId, [sampleDecision({ subjectRef }), sampleDecision({ subjectRef }), sampleDecision({ subjectRef: 'someone-else' })].map((value, i) => ({ row: i + 1, value })));
    expect(report).toMatchObject({ accepted: 3 });
    await db.dataset.create({ data: { orgId: fx.orgId, name: 'Applicants', ownerId: fx.actors.ENGINEER.userId!, personalData: true, personalDataCategories: ['financial'], storageLocation: 'eu' } });
    const po = fx.actors.PRIVACY_OFFICER;

    const r = await requests.createSubjectRequest(po, { type: 'ERASURE', subjectName: 'Jo Example', subjectEmail: 'jo@example.test', details: 'Please erase Jo Example', subjectRef, dataCategories: ['financial'], receivedAt: new Date(Date.now() - 86_400_000) });
    await requests.verifyIdentity(po, r.id);
    const detail = await requestQueries.getSubjectRequest(po, r.id);
    expect(detail.datasets.map((d) => d.name)).toEqual(['Applicants']);
    expect(detail.decisions).toMatchObject({ known: true, count: 2, erasedAt: null });
    const before = await findDecisionsBySubject(fx.actors.ADMIN, null, subjectRef);
    expect(before.decisions.every((d) => d.features.state !== 'erased')).toBe(true);

    const task = await db.privacyTask.findFirstOrThrow({ where: { requestId: r.id, kind: 'DELETION' } });
    // Refused while a deletion task is open: nothing is erased (one transaction).
    await expect(requests.completeRequest(po, r.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await findDecisionsBySubject(fx.actors.ADMIN, null, subjectRef)).erasedAt).toBeNull();
    expect(await db.subjectRequest.findUniqueOrThrow({ where: { id: r.id }, select: { subjectName: true } })).toEqual({ subjectName: 'Jo Example' });
    await requests.completePrivacyTask(fx.actors.ENGINEER, task.id, { outcome: 'Deleted from the applicants table', evidence: 'DEL-42' });
    const done = await requests.completeRequest(po, r.id, { note: 'Erased everywhere' });
    expect(done).toMatchObject({ status: 'COMPLETED', decisionsErased: 2 });

    const after = await findDecisionsBySubject(fx.actors.ADMIN, null, subjectRef);
    // The decisions stay listed and countable (proofs intact); their features are gone.
    expect(after.decisions).toHaveLength(2);
    expect(after.erasedAt).not.toBeNull();
    expect(JSON.stringify(after.decisions.map((d) => d.features))).not.toContain('42000');
    const other = await findDecisionsBySubject(fx.actors.ADMIN, null, 'someone-else');
    expect(JSON.stringify(other.decisions.map((d) => d.features))).toContain('42000');
    const closed = await requestQueries.getSubjectRequest(po, r.id);
    expect(closed.decisions).toMatchObject({ erasedAt: expect.any(String), count: 2 });
    // The subject's personal data is gone from the request row too; the reference and dates remain.
    expect(closed).toMatchObject({ subjectName: '[erased]', subjectEmail: '', details: '', reference: r.reference, status: 'COMPLETED' });
    const trail = await db.auditEvent.findMany({ where: { entityId: r.id }, select: { action: true } });
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['privacy.request_received', 'privacy.request_verified', 'privacy.request_completed']));
    expect(JSON.stringify(await db.auditEvent.findMany({ where: { entityId: r.id }, select: { changes: true, reason: true } }))).not.toContain('Jo Example');
  }, 60_000);
});
