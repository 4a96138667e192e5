import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('privacy-human-review');
const { db } = await import('@/lib/db');
const { decisionsFixture, sampleDecision } = await import('@/lib/decisions/test-fixture');
const { ingestDecisions } = await import('@/lib/decisions/ingest');
const { getDecision } = await import('@/lib/decisions/view');
const { decisionReviews, reviewHash } = await import('@/lib/decisions/reviews');
const requests = await import('./requests/mutations');
const requestQueries = await import('./requests/queries');

async function contested(label: string) {
  const fx = await decisionsFixture(label);
  const owner = fx.actors.ENGINEER;
  await db.aISystem.update({ where: { id: fx.systemId }, data: { businessOwnerId: owner.userId } });
  const subjectRef = `subj-review-${label.length}-${Date.now()}`;
  const report = await ingestDecisions(fx.serving, fx.systemId, [sampleDecision({ subjectRef }), sampleDecision({ subjectRef }), sampleDecision({ subjectRef: `${subjectRef}-other` })].map((value, i) => ({ row: i + 1, value })));
  expect(report).toMatchObject({ accepted: 3 });
  const po = fx.actors.PRIVACY_OFFICER;
  const r = await requests.createSubjectRequest(po, { type: 'CONTEST_DECISION', subjectName: 'Sam Contest', subjectRef, systemId: fx.systemId, receivedAt: new Date(Date.now() - 86_400_000) });
  await requests.verifyIdentity(po, r.id);
  const task = await db.privacyTask.findFirstOrThrow({ where: { requestId: r.id, kind: 'HUMAN_REVIEW' } });
  const decisions = await db.decision.findMany({ where: { orgId: fx.orgId, subjectRef }, orderBy: [{ decidedAt: 'desc' }, { id: 'asc' }], select: { id: true, outcome: true, leafHash: true, decidedAt: true } });
  const other = await db.decision.findFirstOrThrow({ where: { orgId: fx.orgId, subjectRef: `${subjectRef}-other` }, select: { id: true } });
  return { fx, owner, po, r, task, decisions, other, subjectRef };
}

const nothingWritten = async (taskId: string) => {
  expect(await db.decisionReview.count({ where: { privacyTaskId: taskId } })).toBe(0);
  expect(await db.privacyTask.findUniqueOrThrow({ where: { id: taskId }, select: { status: true, outcome: true } })).toEqual({ status: 'OPEN', outcome: null });
};

describe('the Art. 22 review written back to the decision', () => {
  it('records a changed outcome against the decision, in the same transaction as the task, audited; the logged row is untouched', async () => {
    const { fx, owner, po, r, task, decisions } = await contested('Review Changed Org');
    expect(task.assigneeId).toBe(owner.userId);
    const detail = await requestQueries.getSubjectRequest(owner, r.id);
    const t = detail.tasks.find((x) => x.id === task.id)!;
    expect(t.capabilities.complete).toBe(true);
    expect(t.decisions.map((d) => d.id)).toEqual(decisions.map((d) => d.id));
    const target = decisions[0];
    const rowBefore = await db.decision.findFirstOrThrow({ where: { id: target.id }, select: { outcome: true, leafHash: true, humanReviewed: true, overridden: true } });

    const done = await requests.completePrivacyTask(owner, task.id, { outcome: 'The income documents the subject sent show the debt ratio was misread.', result: 'CHANGED', newOutcome: 'approve', decisionId: target.id }, { requestId: r.id });
    expect(done).toMatchObject({ status: 'DONE', decisionReviewId: expect.any(String) });

    const review = await db.decisionReview.findUniqueOrThrow({ where: { id: done.decisionReviewId! } });
    expect(review).toMatchObject({ decisionId: target.id, systemId: fx.systemId, decisionLeafHash: target.leafHash, result: 'CHANGED', outcomeBefore: 'decline', newOutcome: 'approve', reviewerId: owner.userId, privacyTaskId: task.id, requestReference: r.reference });
    expect(review.hash).toBe(reviewHash({ decisionId: target.id, decisionLeafHash: target.leafHash, result: 'CHANGED', outcomeBefore: 'decline', newOutcome: 'approve', reason: review.reason, reviewerId: owner.userId!, reviewedAt: review.reviewedAt.toISOString() }));
    const closedTask = await db.privacyTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(closedTask).toMatchObject({ status: 'DONE', decisionId: target.id, outcome: expect.stringMatching(/^Changed to “approve”: The income documents/), evidence: expect.stringContaining(review.id) });
    // The signed row is as it was logged; the review sits beside it.
    expect(await db.decision.findFirstOrThrow({ where: { id: target.id }, select: { outcome: true, leafHash: true, humanReviewed: true, overridden: true } })).toEqual(rowBefore);

    const page = await getDecision(fx.actors.COMPLIANCE_OFFICER, target.id);
    expect(page.outcome).toBe('decline');
    expect(page.currentOutcome).toBe('approve');
    expect(page.reviews).toEqual([expect.objectContaining({ id: review.id, result: 'CHANGED', outcomeBefore: 'decline', newOutcome: 'approve', reviewer: owner.name, requestReference: r.reference, hash: review.hash })]);
    expect(await decisionReviews(owner, target.id)).toMatchObject({ loggedOutcome: 'decline', currentOutcome: 'approve', reviews: [{ id: review.id }] });
    // The other decision about the subject has no review.
    expect((await getDecision(po, decisions[1].id)).reviews).toEqual([]);

    const trail = await db.auditEvent.findMany({ where: { entityId: { in: [target.id, task.id] } }, select: { action: true, entityId: true, changes: true } });
    const reviewed = trail.filter((e) => e.action === 'decision.reviewed');
    const taskDone = trail.filter((e) => e.action === 'privacy.task_done');
    expect([reviewed.length, taskDone.length, trail.length]).toEqual([1, 1, 2]);
    expect(reviewed[0].entityId).toBe(target.id);
    // The trail stores changes as canonical JSON text.
    expect(JSON.parse(String(reviewed[0].changes))).toMatchObject({ reviewId: review.id, result: 'CHANGED', outcomeBefore: 'decline', newOutcome: 'approve', requestReference: r.reference, hash: review.hash });
    expect(JSON.stringify(taskDone[0].changes)).toContain(review.id);

    // With the review done the request can be completed.
    expect(await requests.completeRequest(po, r.id, { note: 'Decision changed on review' })).toMatchObject({ status: 'COMPLETED' });
    // Reviews are append-only, like the log.
    await expect(db.$executeRaw`UPDATE "DecisionReview" SET reason = 'edited' WHERE id = ${review.id}`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "DecisionReview" WHERE id = ${review.id}`).rejects.toThrow(/append-only/);
  }, 60_000);

  it('an upheld review records the outcome standing; a second review starts from what the first left', async () => {
    const { fx, owner, r, task, decisions } = await contested('Review Upheld Org');
    await requests.completePrivacyTask(owner, task.id, { outcome: 'The debt ratio is correct; the decision stands.', result: 'UPHELD', decisionId: decisions[1].id }, { requestId: r.id });
    const page = await getDecision(owner, decisions[1].id);
    expect(page.currentOutcome).toBe('decline');
    expect(page.reviews).toEqual([expect.objectContaining({ result: 'UPHELD', outcomeBefore: 'decline', newOutcome: null })]);
    expect(await db.privacyTask.findUniqueOrThrow({ where: { id: task.id }, select: { outcome: true } })).toEqual({ outcome: 'Upheld: The debt ratio is correct; the decision stands.' });
    // Compliance reviews it again outside a request and changes it; then a change back to the same outcome is refused.
    const { recordDecisionReview } = await import('@/lib/decisions/reviews');
    await recordDecisionReview(fx.actors.COMPLIANCE_OFFICER, { decisionId: decisions[1].id, result: 'CHANGED', newOutcome: 'refer', reason: 'Referred to an underwriter' });
    await expect(recordDecisionReview(fx.actors.COMPLIANCE_OFFICER, { decisionId: decisions[1].id, result: 'CHANGED', newOutcome: 'refer', reason: 'Again' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { newOutcome: [expect.stringContaining('refer')] } });
    const again = await decisionReviews(owner, decisions[1].id);
    expect(again.currentOutcome).toBe('refer');
    expect(again.reviews.map((x) => [x.result, x.outcomeBefore, x.newOutcome])).toEqual([['UPHELD', 'decline', null], ['CHANGED', 'decline', 'refer']]);
  }, 60_000);

  it('refuses, with nothing written: a non-owner, an auditor, a token, a missing outcome, another subject’s decision, no decision when the log has some, a deletion task with a result', async () => {
    const { fx, owner, po, r, task, decisions, other } = await contested('Review Refusals Org');
    const good = { outcome: 'Reviewed the inputs', result: 'UPHELD' as const, decisionId: decisions[0].id };
    // The privacy officer routes the review but is not the system's owner.
    await expect(requests.completePrivacyTask(po, task.id, good)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await nothingWritten(task.id);
    await expect(requests.completePrivacyTask(fx.actors.AUDITOR, task.id, good)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { recordDecisionReview } = await import('@/lib/decisions/reviews');
    await expect(recordDecisionReview(fx.token(['decisions:review']), { decisionId: decisions[0].id, result: 'UPHELD', reason: 'By a token' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requests.completePrivacyTask(owner, task.id, { ...good, result: 'CHANGED' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(requests.completePrivacyTask(owner, task.id, { outcome: 'No result given', decisionId: decisions[0].id })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { result: [expect.any(String)] } });
    await expect(requests.completePrivacyTask(owner, task.id, { ...good, decisionId: other.id })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { decisionId: [expect.any(String)] } });
    await expect(requests.completePrivacyTask(owner, task.id, { ...good, decisionId: '' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { decisionId: [expect.any(String)] } });
    await expect(requests.completePrivacyTask(owner, task.id, { ...good, result: 'CHANGED', newOutcome: 'decline' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { newOutcome: [expect.any(String)] } });
    await nothingWritten(task.id);
    expect(await db.auditEvent.count({ where: { action: 'decision.reviewed', entityId: { in: decisions.map((d) => d.id) } } })).toBe(0);
    // A deletion task takes no decision outcome.
    const erasure = await requests.createSubjectRequest(po, { type: 'ERASURE', subjectName: 'Del Subject', dataCategories: ['financial'], receivedAt: new Date(Date.now() - 86_400_000) });
    await db.dataset.create({ data: { orgId: fx.orgId, name: 'Applicants review', ownerId: owner.userId!, personalData: true, personalDataCategories: ['financial'] } });
    await requests.verifyIdentity(po, erasure.id);
    const deletion = await db.privacyTask.findFirstOrThrow({ where: { requestId: erasure.id, kind: 'DELETION' } });
    await expect(requests.completePrivacyTask(owner, deletion.id, { outcome: 'Deleted', evidence: 'DEL-1', result: 'UPHELD' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { result: [expect.any(String)] } });
    await nothingWritten(deletion.id);
    // The owner's good answer goes through after all that.
    await expect(requests.completePrivacyTask(owner, task.id, good, { requestId: r.id })).resolves.toMatchObject({ status: 'DONE' });
  }, 60_000);

  it('a review of a decision outside the log is recorded on the task only', async () => {
    const fx = await decisionsFixture('Review No Log Org');
    const owner = fx.actors.ENGINEER;
    await db.aISystem.update({ where: { id: fx.systemId }, data: { businessOwnerId: owner.userId } });
    const r = await requests.createSubjectRequest(fx.actors.PRIVACY_OFFICER, { type: 'HUMAN_INTERVENTION', subjectName: 'Unlogged Person', subjectRef: 'never-logged', systemId: fx.systemId, receivedAt: new Date(Date.now() - 86_400_000) });
    await requests.verifyIdentity(fx.actors.PRIVACY_OFFICER, r.id);
    const task = await db.privacyTask.findFirstOrThrow({ where: { requestId: r.id, kind: 'HUMAN_REVIEW' } });
    expect((await requestQueries.getSubjectRequest(owner, r.id)).tasks[0].decisions).toEqual([]);
    await expect(requests.completePrivacyTask(owner, task.id, { outcome: 'Reviewed the paper file', result: 'UPHELD' })).resolves.toMatchObject({ decisionReviewId: null });
    expect(await db.privacyTask.findUniqueOrThrow({ where: { id: task.id }, select: { outcome: true, decisionId: true } })).toEqual({ outcome: 'Upheld (decision not in the log): Reviewed the paper file', decisionId: null });
  }, 60_000);
});
