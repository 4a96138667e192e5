import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('reviews');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const m = await import('./mutations');
const q = await import('./queries');

let actors: Record<Role, Actor>;
let reviewId: string;
const QUARTER = '2026-Q4';
const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles());
});

const code = (p: Promise<unknown>, c: string) => expect(p).rejects.toMatchObject({ code: c });

describe('quarterly reviews', () => {
  it('lets only compliance officers and admins run a review', async () => {
    await code(m.startReview(actors.ENGINEER, { quarter: QUARTER }), 'FORBIDDEN');
    await code(m.startReview(actors.AUDITOR, { quarter: QUARTER }), 'FORBIDDEN');
    ({ id: reviewId } = await m.startReview(actors.COMPLIANCE_OFFICER, { quarter: QUARTER }));
    await code(m.addDecision(actors.ENGINEER, { reviewId, text: 'Not mine to decide' }), 'FORBIDDEN');
    await code(m.closeReview(actors.AUDITOR, reviewId), 'FORBIDDEN');
  });

  it('hides an open review from engineers but not from auditors', async () => {
    await code(q.getReview(actors.ENGINEER, QUARTER), 'NOT_FOUND');
    expect((await q.listReviews(actors.ENGINEER)).items).toEqual([]);
    expect((await q.getReview(actors.AUDITOR, QUARTER)).review?.status).toBe('IN_PROGRESS');
  });

  it('validates input and writes nothing on bad input', async () => {
    await expect(m.addActionItem(actors.COMPLIANCE_OFFICER, { reviewId, title: 'Late', ownerId: actors.ENGINEER.userId!, dueDate: '2020-01-01' })).rejects.toThrow('The due date is in the past');
    await expect(m.addActionItem(actors.COMPLIANCE_OFFICER, { reviewId, title: 'x', ownerId: actors.ENGINEER.userId!, dueDate: nextMonth })).rejects.toThrow('Describe the action');
    await code(m.addActionItem(actors.COMPLIANCE_OFFICER, { reviewId, title: 'Someone', ownerId: 'no-such-user', dueDate: nextMonth }), 'VALIDATION');
    expect(await db.actionItem.count()).toBe(0);
    await code(m.closeReview(actors.COMPLIANCE_OFFICER, reviewId), 'VALIDATION');
  });

  it('records the meeting and closes it into a frozen snapshot whose hash is in the audit trail', async () => {
    await m.addAttendee(actors.COMPLIANCE_OFFICER, { reviewId, userId: actors.ENGINEER.userId! });
    await m.addAttendee(actors.COMPLIANCE_OFFICER, { reviewId, name: 'External DPO', role: 'DPO' });
    await code(m.addAttendee(actors.COMPLIANCE_OFFICER, { reviewId, name: 'External DPO' }), 'CONFLICT');
    await m.saveMinutes(actors.COMPLIANCE_OFFICER, { reviewId, minutes: 'Reviewed the matrix.' });
    await m.addDecision(actors.COMPLIANCE_OFFICER, { reviewId, text: 'Adopt ISO/IEC 42001 Annex A.' });
    const item = await m.addActionItem(actors.COMPLIANCE_OFFICER, { reviewId, title: 'Write the AI policy', ownerId: actors.ENGINEER.userId!, dueDate: nextMonth });

    const { snapshotHash } = await m.closeReview(actors.COMPLIANCE_OFFICER, reviewId);
    expect(await db.domainEvent.findMany({ where: { type: 'review.closed', entityId: reviewId }, select: { data: true } })).toEqual([{ data: expect.objectContaining({ quarter: QUARTER, snapshotHash }) }]);
    const row = await db.quarterlyReview.findUniqueOrThrow({ where: { id: reviewId }, select: { snapshot: true, status: true } });
    expect(row.status).toBe('CLOSED');
    expect(createHash('sha256').update(row.snapshot!).digest('hex')).toBe(snapshotHash);
    const snapshot = JSON.parse(row.snapshot!);
    expect(snapshot).toMatchObject({ quarter: QUARTER, minutes: 'Reviewed the matrix.', decisions: [{ text: 'Adopt ISO/IEC 42001 Annex A.' }] });
    expect(snapshot.actionItems).toEqual([expect.objectContaining({ title: 'Write the AI policy', status: 'OPEN' })]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'review.closed', entityId: reviewId } });
    expect(JSON.parse(event.changes!).snapshotHash).toBe(snapshotHash);

    const page = await q.getReview(actors.ENGINEER, QUARTER);
    expect(page.review?.snapshotIntact).toBe(true);

    // Action items stay trackable after the review closes, by their owner.
    await code(m.setActionItemStatus(actors.AUDITOR, { id: item.id, status: 'DONE' }), 'FORBIDDEN');
    expect((await q.myActionItems(actors.ENGINEER)).map((a) => a.title)).toEqual(['Write the AI policy']);
    await m.setActionItemStatus(actors.ENGINEER, { id: item.id, status: 'DONE' });
    expect(await q.myActionItems(actors.ENGINEER)).toEqual([]);
  });

  it('refuses every change to a closed review, in the app and in the database', async () => {
    await code(m.saveMinutes(actors.COMPLIANCE_OFFICER, { reviewId, minutes: 'rewritten' }), 'CONFLICT');
    await code(m.addDecision(actors.ADMIN, { reviewId, text: 'After the fact' }), 'CONFLICT');
    await code(m.startReview(actors.ADMIN, { quarter: QUARTER }), 'CONFLICT');
    await expect(db.quarterlyReview.update({ where: { id: reviewId }, data: { minutes: 'rewritten' } })).rejects.toThrow(/closed/);
    await expect(db.$executeRaw`INSERT INTO "ReviewDecision" ("id", "reviewId", "text") VALUES ('x1', ${reviewId}, 'sneaked in')`).rejects.toThrow(/frozen/);
    await expect(db.$executeRaw`UPDATE "ActionItem" SET "title" = 'renamed' WHERE "reviewId" = ${reviewId}`).rejects.toThrow(/frozen/);
    await expect(db.$executeRaw`DELETE FROM "ReviewAttendee" WHERE "reviewId" = ${reviewId}`).rejects.toThrow(/frozen/);
    expect(await db.reviewDecision.count({ where: { reviewId } })).toBe(1);
    const row = await db.quarterlyReview.findUniqueOrThrow({ where: { id: reviewId }, select: { minutes: true } });
    expect(row.minutes).toBe('Reviewed the matrix.');
  });
});
