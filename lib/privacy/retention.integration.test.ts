import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('privacy-retention');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { systemActor } = await import('@/lib/auth/actor');
const retention = await import('./retention/mutations');
const queries = await import('./retention/queries');
const { completePrivacyTask } = await import('./requests/mutations');
const { myPrivacyTasks } = await import('./requests/queries');
const { privacyFigures } = await import('./dashboard');

let actors: Record<Role, Actor>;
let orgId: string;
let job: Actor;
const ds: Record<string, string> = {};
const DAY = 86_400_000;
const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const counts = async () => ({ rules: await db.retentionRule.count(), tasks: await db.privacyTask.count(), reviews: await db.minimisationReview.count(), events: await db.auditEvent.count() });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Retention Org'));
  job = systemActor(orgId, 'job:test');
  const now = Date.now();
  for (const [key, name, owner, cats, ageDays, location] of [
    ['old', 'Applications 2024', actors.ENGINEER.userId!, ['contact', 'financial'], 400, 'eu-west-1'],
    ['fresh', 'Applications 2026', actors.ENGINEER.userId!, ['contact'], 10, 'eu-west-1'],
    ['dev', 'Claims copy', actors.COMPLIANCE_OFFICER.userId!, ['health'], 20, 'dev-cluster'],
  ] as const) {
    ds[key] = (await db.dataset.create({ data: { orgId, name, ownerId: owner, personalData: true, personalDataCategories: [...cats], storageLocation: location, classification: 'RESTRICTED', createdAt: new Date(now - ageDays * DAY) }, select: { id: true } })).id;
  }
}, 120_000);

describe('retention rules', () => {
  it('only privacy managers write rules; bad input (unknown dataset, a named event without its date, neither target) writes nothing', async () => {
    const before = await counts();
    await deny(retention.saveRetentionRule(actors.ENGINEER, { category: 'financial', periodDays: 365, keepBasis: 'Art. 6(1)(b) contract' }));
    await deny(retention.saveRetentionRule(actors.AUDITOR, { category: 'financial', periodDays: 365, keepBasis: 'Art. 6(1)(b) contract' }));
    await expect(retention.saveRetentionRule(actors.PRIVACY_OFFICER, { datasetId: 'nope', periodDays: 365, keepBasis: 'Art. 6(1)(b) contract' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { datasetId: [expect.any(String)] } });
    await expect(retention.saveRetentionRule(actors.PRIVACY_OFFICER, { datasetId: ds.old, periodDays: 365, event: 'EVENT_DATE', eventName: 'contract end', keepBasis: 'Art. 6(1)(b) contract' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(retention.saveRetentionRule(actors.PRIVACY_OFFICER, { periodDays: 365, keepBasis: 'Art. 6(1)(b) contract' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(retention.saveRetentionRule(actors.PRIVACY_OFFICER, { category: 'contact', periodDays: 0, keepBasis: 'Art. 6(1)(b) contract' })).rejects.toMatchObject({ name: 'ZodError' });
    expect(await counts()).toEqual(before);
  });

  it('the job opens one deletion task per due dataset for its owner, notified and audited; a read opens nothing; a second run opens nothing', async () => {
    await retention.saveRetentionRule(actors.PRIVACY_OFFICER, { category: 'contact', periodDays: 365, keepBasis: 'Art. 6(1)(b): the loan contract and its limitation period' });
    await retention.saveRetentionRule(actors.PRIVACY_OFFICER, { datasetId: ds.dev, periodDays: 3650, keepBasis: 'Art. 6(1)(c): medical records law' });
    const overview = await queries.retentionOverview(actors.AUDITOR);
    expect(overview.datasets.find((d) => d.id === ds.old)).toMatchObject({ deletionTaskOpen: false, rule: expect.stringContaining('365 days from collection') });
    expect(overview.datasets.find((d) => d.id === ds.dev)).toMatchObject({ developmentCopy: true, rule: '3650 days from collection' });
    expect(await db.privacyTask.count({ where: { orgId } })).toBe(0);

    expect(await retention.openRetentionTasks(job, new Date())).toBe(1);
    const task = await db.privacyTask.findFirstOrThrow({ where: { orgId, datasetId: ds.old } });
    expect(task).toMatchObject({ kind: 'DELETION', status: 'OPEN', assigneeId: actors.ENGINEER.userId, retentionRuleId: expect.any(String) });
    expect(await db.notification.count({ where: { kind: 'privacy.retention_due', userId: actors.ENGINEER.userId! } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'privacy.retention_due', entityId: task.id } })).toBe(1);
    expect(await retention.openRetentionTasks(job, new Date())).toBe(0);
    expect((await privacyFigures(actors.PRIVACY_OFFICER)).pastRetention).toBe(1);
    // 10 days in, the fresh dataset is due in about 355 days: a run a year on opens its task.
    expect(await retention.openRetentionTasks(job, new Date(Date.now() + 360 * DAY))).toBe(1);
  });

  it('the owner records the deletion with its evidence (from their home page: the task is listed there with its dataset, and the notice links there); nobody else’s task', async () => {
    const task = await db.privacyTask.findFirstOrThrow({ where: { orgId, datasetId: ds.old } });
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id: ds.old }, select: { name: true } });
    expect((await myPrivacyTasks(actors.ENGINEER)).find((t) => t.id === task.id)).toMatchObject({ kind: 'DELETION', requestId: null, dataset: dataset.name });
    expect(await myPrivacyTasks(actors.AUDITOR)).toEqual([]);
    expect(await db.notification.findFirstOrThrow({ where: { kind: 'privacy.retention_due', userId: actors.ENGINEER.userId! }, select: { link: true } })).toEqual({ link: '/' });
    await deny(completePrivacyTask(actors.AUDITOR, task.id, { outcome: 'Deleted', evidence: 'JOB-1' }));
    await expect(completePrivacyTask(actors.ENGINEER, task.id, { outcome: 'Deleted' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await completePrivacyTask(actors.ENGINEER, task.id, { outcome: 'Deleted the 2024 applications', evidence: 'JOB-4711' });
    const fresh = await db.privacyTask.findFirstOrThrow({ where: { orgId, datasetId: ds.fresh } });
    await completePrivacyTask(actors.PRIVACY_OFFICER, fresh.id, { outcome: 'Deleted', evidence: 'JOB-4712' });
    expect((await privacyFigures(actors.PRIVACY_OFFICER)).pastRetention).toBe(0);
  });
});

describe('the quarterly data-minimisation review', () => {
  it('opens one review per owner with their datasets past retention, unused lately or kept as development copies; once per quarter', async () => {
    const now = new Date();
    const r = await retention.runMinimisationReviews(job, now);
    expect(r.opened).toBe(2);
    expect((await retention.runMinimisationReviews(job, now)).opened).toBe(0);
    const eng = await db.minimisationReview.findFirstOrThrow({ where: { orgId, ownerId: actors.ENGINEER.userId! }, include: { items: true } });
    expect(eng.items.map((i) => i.datasetId).sort()).toEqual([ds.old, ds.fresh].sort());
    expect(eng.items.find((i) => i.datasetId === ds.old)?.reasons).toEqual(['PAST_RETENTION', 'NO_RECENT_USE']);
    const co = await db.minimisationReview.findFirstOrThrow({ where: { orgId, ownerId: actors.COMPLIANCE_OFFICER.userId! }, include: { items: true } });
    expect(co.items[0].reasons).toContain('DEVELOPMENT_COPY');
    expect(await db.auditEvent.count({ where: { action: 'privacy.minimisation_review_opened' } })).toBe(2);
    expect((await queries.myMinimisationReviews(actors.ENGINEER)).map((m) => m.id)).toEqual([eng.id]);
    expect((await queries.listMinimisationReviews(actors.ENGINEER)).map((m) => m.id)).toEqual([eng.id]);
    await deny(queries.getMinimisationReview(actors.ENGINEER, co.id));
  });

  it('each dataset is answered keep (with a reason) or delete (with evidence) by its owner; the last answer completes the review', async () => {
    const review = await db.minimisationReview.findFirstOrThrow({ where: { orgId, ownerId: actors.ENGINEER.userId! }, include: { items: true } });
    const [a, b] = review.items;
    const other = await db.minimisationReview.findFirstOrThrow({ where: { orgId, ownerId: actors.COMPLIANCE_OFFICER.userId! }, include: { items: true } });
    const before = await counts();
    await expect(retention.answerMinimisationItem(actors.ENGINEER, { itemId: a.id, decision: 'KEEP', note: 'needed' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(retention.answerMinimisationItem(actors.ENGINEER, { itemId: a.id, decision: 'DELETE' })).rejects.toMatchObject({ name: 'ZodError' });
    await deny(retention.answerMinimisationItem(actors.ENGINEER, { itemId: other.items[0].id, decision: 'DELETE', evidence: 'JOB-1' }));
    await deny(retention.answerMinimisationItem(actors.AUDITOR, { itemId: a.id, decision: 'DELETE', evidence: 'JOB-1' }));
    expect(await counts()).toEqual(before);
    expect(await retention.answerMinimisationItem(actors.ENGINEER, { itemId: a.id, decision: 'KEEP', note: 'Appeals against 2024 decisions are still open' })).toMatchObject({ reviewCompleted: false });
    await expect(retention.answerMinimisationItem(actors.ENGINEER, { itemId: a.id, decision: 'DELETE', evidence: 'JOB-2' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await retention.answerMinimisationItem(actors.ENGINEER, { itemId: b.id, decision: 'DELETE', evidence: 'JOB-5000' })).toMatchObject({ reviewCompleted: true });
    expect((await db.minimisationReview.findUniqueOrThrow({ where: { id: review.id } })).completedAt).not.toBeNull();
    expect(await queries.myMinimisationReviews(actors.ENGINEER)).toEqual([]);
  });

  it('the job marks a review past its due date unanswered overdue, once; it flags on the figures and the owner’s home list', async () => {
    const open = await db.minimisationReview.findFirstOrThrow({ where: { orgId, ownerId: actors.COMPLIANCE_OFFICER.userId! } });
    const later = new Date(open.dueAt.getTime() + DAY);
    const r = await retention.runMinimisationReviews(job, later);
    expect(r.overdue).toBe(1);
    expect((await retention.runMinimisationReviews(job, later)).overdue).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'privacy.minimisation_review_overdue', entityId: open.id } })).toBe(1);
    expect((await privacyFigures(actors.PRIVACY_OFFICER)).minimisationOverdue).toBe(1);
    expect(await queries.myMinimisationReviews(actors.COMPLIANCE_OFFICER)).toEqual([expect.objectContaining({ id: open.id, overdue: true })]);
  });
});
