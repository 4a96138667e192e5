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

    const r = await requests.createSubjectRequest(po, { type: 'ERASURE', subjectName: 'Jo', subjectRef, dataCategories: ['financial'], receivedAt: new Date(Date.now() - 86_400_000) });
    await requests.verifyIdentity(po, r.id);
    const detail = await requestQueries.getSubjectRequest(po, r.id);
    expect(detail.datasets.map((d) => d.name)).toEqual(['Applicants']);
    expect(detail.decisions).toMatchObject({ known: true, count: 2, erasedAt: null });
    const before = await findDecisionsBySubject(fx.actors.ADMIN, null, subjectRef);
    expect(before.decisions.every((d) => d.features.state !== 'erased')).toBe(true);

    const task = await db.privacyTask.findFirstOrThrow({ where: { requestId: r.id, kind: 'DELETION' } });
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
    expect((await requestQueries.getSubjectRequest(po, r.id)).decisions).toMatchObject({ erasedAt: expect.any(String), count: 2 });
  }, 60_000);
});
