import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// Every reminder rule with worked cases at a fixed moment: who is told, about
// what, with which link; nothing the second time; the rules an admin sets.

const tdb = await setupTestDatabase('notifications_reminders');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { jobActor } = await import('@/lib/jobs/define');
const { sendReminders } = await import('./run');
const { updateReminderRule, listReminderRules } = await import('../rule-settings');
const { recordNotificationThresholds } = await import('@/lib/incidents/record-notification-thresholds');
const { sendResponseClockReminders } = await import('./response-clocks');
const incidents = await import('@/lib/incidents/mutations');

const DAY = 86_400_000;
const NOW = new Date('2026-06-10T09:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

let actors: Record<Role, Actor>;
let orgId: string;
let job: Actor;
const id: Record<string, string> = {};
const user = (role: Role) => actors[role].userId!;

const rowsFor = (entityId: string) =>
  db.notification.findMany({ where: { orgId, entityId }, select: { userId: true, kind: true, title: true, link: true, dedupeKey: true, mandatory: true }, orderBy: { userId: 'asc' } });
const recipients = async (entityId: string) => (await rowsFor(entityId)).map((r) => r.userId).sort();

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Reminders Org'));
  job = jobActor(orgId, 'notifications.send-reminders', 'test-run');
  const fw = await db.framework.create({ data: { orgId, key: 'fw', name: 'Framework', kind: 'REGULATION', jurisdiction: 'EU', version: '1' }, select: { id: true } });
  const req = (ref: string, due: Date, ownerId: string | null) =>
    db.requirement.create({ data: { orgId, frameworkId: fw.id, ref, title: `Requirement ${ref}`, summary: 's', area: 'GOVERNANCE', ownerId, nextReviewDue: due }, select: { id: true } }).then((r) => r.id);
  id.r14 = await req('R-14', day('2026-06-24'), user('ENGINEER'));
  id.rToday = await req('R-TODAY', day('2026-06-10'), null);
  id.rOverdue = await req('R-OVERDUE', day('2026-05-27'), user('ENGINEER'));
  id.rFar = await req('R-FAR', day('2026-07-10'), user('ENGINEER'));

  const finding = (title: string, due: Date, status: 'OPEN' | 'CLOSED' = 'OPEN') =>
    db.finding.create({ data: { orgId, title, description: 'd', severity: 'HIGH', status, ownerId: user('ENGINEER'), dueDate: due }, select: { id: true } }).then((r) => r.id);
  id.f7 = await finding('Weak keys', day('2026-06-17'));
  id.fDue = await finding('No DPIA', day('2026-06-10'));
  id.fOverdue = await finding('Stale model card', day('2026-06-01'));
  id.fClosed = await finding('Closed one', day('2026-06-01'), 'CLOSED');

  const evidence = (title: string, validUntil: Date, extra: Record<string, unknown> = {}) =>
    db.evidence.create({ data: { orgId, title, kind: 'LINK', url: 'https://example.com/e', ownerId: user('ENGINEER'), validUntil, ...extra }, select: { id: true } }).then((r) => r.id);
  id.e90 = await evidence('Pen test', new Date(NOW.getTime() + 85 * DAY));
  id.e30 = await evidence('SOC report', new Date(NOW.getTime() + 25 * DAY));
  id.e7 = await evidence('DPA', new Date(NOW.getTime() + 5 * DAY));
  id.eWithdrawn = await evidence('Withdrawn', new Date(NOW.getTime() + 5 * DAY), { withdrawnAt: new Date('2026-06-01T00:00:00Z') });
  id.eExpired = await evidence('Old scan', new Date(NOW.getTime() - 2 * DAY));
  id.eNoOwner = await evidence('Orphan', new Date(NOW.getTime() + 5 * DAY), { ownerId: null });

  id.cert = (await db.certification.create({ data: { orgId, name: 'ISO 42001', standard: 'ISO_42001', issuer: 'CB', scope: 'All', issuedAt: day('2023-07-09'), expiresAt: day('2026-07-09') }, select: { id: true } })).id;

  const review = await db.quarterlyReview.create({ data: { orgId, quarter: '2026-Q2', periodStart: day('2026-04-01'), periodEnd: day('2026-07-01') }, select: { id: true } });
  id.action = (await db.actionItem.create({ data: { orgId, reviewId: review.id, title: 'Update the risk register', ownerId: user('ENGINEER'), dueDate: day('2026-06-12') }, select: { id: true } })).id;
  id.actionDone = (await db.actionItem.create({ data: { orgId, reviewId: review.id, title: 'Done already', ownerId: user('ENGINEER'), dueDate: day('2026-06-12'), status: 'DONE' }, select: { id: true } })).id;

  id.request = (await db.evidenceRequest.create({ data: { orgId, title: 'Access review export', dueDate: day('2026-06-09'), requestedById: user('AUDITOR'), assigneeId: user('ENGINEER') }, select: { id: true } })).id;

  const system = await db.aISystem.create({ data: { orgId, name: 'Scoring', purpose: 'p', domain: 'OTHER', regions: ['EU'], riskTier: 'LIMITED', technicalOwnerId: user('ENGINEER') }, select: { id: true } });
  id.system = system.id;
  const model = await db.model.create({ data: { orgId, systemId: system.id, key: 'scorer', name: 'Scorer', purpose: 'p', ownerId: user('ENGINEER'), businessOwnerId: user('ENGINEER') }, select: { id: true } });
  id.version = (await db.modelVersion.create({ data: { orgId, modelId: model.id, label: 'v2', stage: 'PENDING_APPROVAL', createdById: user('ENGINEER') }, select: { id: true } })).id;
  await db.$executeRaw`UPDATE "ModelVersion" SET "updatedAt" = ${new Date(NOW.getTime() - 4 * DAY)} WHERE id = ${id.version}`;
  id.versionFresh = (await db.modelVersion.create({ data: { orgId, modelId: model.id, label: 'v3', stage: 'PENDING_APPROVAL', createdById: user('ENGINEER') }, select: { id: true } })).id;
  await db.$executeRaw`UPDATE "ModelVersion" SET "updatedAt" = ${new Date(NOW.getTime() - 1 * DAY)} WHERE id = ${id.versionFresh}`;
}, 60_000);

afterAll(async () => {
  await db.$disconnect();
  await tdb.drop();
});

describe('the reminder job at a fixed moment (2026-06-10 09:00 UTC)', () => {
  let first: Awaited<ReturnType<typeof sendReminders>>;
  beforeAll(async () => {
    first = await sendReminders(job, NOW);
  });

  it('requirement reviews: 14 days before to the owner, on the day to compliance when nobody owns it, weekly while overdue', async () => {
    expect(await rowsFor(id.r14)).toEqual([
      expect.objectContaining({ userId: user('ENGINEER'), kind: 'requirement.review_due', title: 'The review of R-14 is due in 14 days (2026-06-24)', link: `/requirements/items/${id.r14}` }),
    ]);
    expect(await rowsFor(id.rToday)).toEqual([expect.objectContaining({ userId: user('COMPLIANCE_OFFICER'), title: 'The review of R-TODAY is due today (2026-06-10)' })]);
    expect(await rowsFor(id.rOverdue)).toEqual([expect.objectContaining({ title: 'The review of R-OVERDUE is overdue (due 2026-05-27)', dedupeKey: `requirement-review:${id.rOverdue}:2026-05-27:overdue-w2` })]);
    expect(await rowsFor(id.rFar)).toEqual([]);
  });

  it('findings: 7 days before, on the day, overdue; a closed one is left alone', async () => {
    expect((await rowsFor(id.f7)).map((r) => r.title)).toEqual(['Finding "Weak keys" is due in 7 days (2026-06-17)']);
    expect((await rowsFor(id.fDue)).map((r) => r.title)).toEqual(['Finding "No DPIA" is due today (2026-06-10)']);
    expect((await rowsFor(id.fOverdue)).map((r) => [r.title, r.link])).toEqual([['Finding "Stale model card" is overdue (due 2026-06-01)', `/audits/findings/${id.fOverdue}`]]);
    expect(await rowsFor(id.fClosed)).toEqual([]);
  });

  it('evidence: the closest of 90/30/7 days, expired within the week, not when withdrawn; compliance when nobody owns it', async () => {
    expect((await rowsFor(id.e90))[0].dedupeKey).toMatch(/:before-90$/);
    expect((await rowsFor(id.e30))[0].dedupeKey).toMatch(/:before-30$/);
    expect((await rowsFor(id.e7)).map((r) => r.dedupeKey!.split(':').pop())).toEqual(['before-7']);
    expect((await rowsFor(id.eExpired))[0].title).toMatch(/^Evidence "Old scan" has expired/);
    expect(await rowsFor(id.eWithdrawn)).toEqual([]);
    expect(await recipients(id.eNoOwner)).toEqual([user('COMPLIANCE_OFFICER')]);
  });

  it('certifications: 30 days before, to compliance officers', async () => {
    expect(await rowsFor(id.cert)).toEqual([expect.objectContaining({ userId: user('COMPLIANCE_OFFICER'), kind: 'certification.expiring', title: 'Certification "ISO 42001" expires in 30 days (2026-07-09)', link: '/audits/certifications' })]);
  });

  it('action items and evidence requests: before the due date and overdue, to their owner or assignee', async () => {
    expect(await rowsFor(id.action)).toEqual([expect.objectContaining({ userId: user('ENGINEER'), title: 'Action item "Update the risk register" is due in 3 days (2026-06-12)', link: '/reviews/2026-Q2' })]);
    expect(await rowsFor(id.actionDone)).toEqual([]);
    expect(await rowsFor(id.request)).toEqual([expect.objectContaining({ userId: user('ENGINEER'), kind: 'evidence_request.due', title: 'Evidence request "Access review export" is overdue (due 2026-06-09)' })]);
  });

  it('sign-offs: a version pending approval for more than 3 days reminds the business owner and compliance; a fresh one nobody', async () => {
    const rows = await rowsFor(id.version);
    expect(rows.map((r) => [r.userId, r.title]).sort()).toEqual(
      [
        [user('COMPLIANCE_OFFICER'), 'Scorer v2 has waited 4 days for the compliance sign-off'],
        [user('ENGINEER'), 'Scorer v2 has waited 4 days for the business owner sign-off'],
      ].sort(),
    );
    expect(rows[0].link).toBe('/models/scorer/versions/v2');
    expect(await rowsFor(id.versionFresh)).toEqual([]);
  });

  it('is idempotent: a second run at the same moment creates nothing, and each run with rows is audited as the job', async () => {
    const count = await db.notification.count({ where: { orgId } });
    const again = await sendReminders(job, NOW);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(await db.notification.count({ where: { orgId } })).toBe(count);
    expect(first.findings).toBe(3);
    const events = await db.auditEvent.findMany({ where: { orgId, action: 'notification.reminders_sent', entityId: 'findings' }, select: { actorLabel: true, requestId: true, changes: true } });
    expect(events).toEqual([{ actorLabel: 'job:notifications.send-reminders', requestId: 'job:test-run', changes: expect.stringContaining('"created":3') }]);
  });
});

describe('the rules admins configure', () => {
  it('only admins read and change them; a fixed rule cannot be turned off; changes are audited', async () => {
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
      await expect(listReminderRules(actors[role])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(updateReminderRule(actors[role], { key: 'findings', enabled: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(updateReminderRule(actors.ADMIN, { key: 'incident-clock-urgent', enabled: false })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(updateReminderRule(actors.ADMIN, { key: 'findings', enabled: true, leadDays: '0, 400' })).rejects.toMatchObject({ name: 'ZodError' });
    expect(await db.notificationRule.count({ where: { orgId } })).toBe(0);
    await updateReminderRule(actors.ADMIN, { key: 'findings', enabled: false });
    await updateReminderRule(actors.ADMIN, { key: 'evidence-expiry', enabled: true, leadDays: '60, 14' });
    const rules = await listReminderRules(actors.ADMIN);
    expect(rules.find((r) => r.key === 'findings')).toMatchObject({ enabled: false, leadDays: [7] });
    expect(rules.find((r) => r.key === 'evidence-expiry')).toMatchObject({ enabled: true, leadDays: [60, 14] });
    const events = await db.auditEvent.findMany({ where: { orgId, action: 'notification_rule.updated' }, select: { entityId: true, actorId: true, changes: true } });
    expect(events.map((e) => e.entityId).sort()).toEqual(['evidence-expiry', 'findings']);
    expect(events.every((e) => e.actorId === user('ADMIN'))).toBe(true);
  });

  it('a rule turned off sends nothing; new lead times apply on the next run', async () => {
    const later = new Date('2026-06-17T09:00:00Z');
    await sendReminders(job, later);
    // "Weak keys" is due that day, but the findings rule is off.
    expect((await rowsFor(id.f7)).map((r) => r.dedupeKey!.split(':').pop())).toEqual(['before-7']);
    // The pen test (valid until 2026-09-03) is 60 days away on 2026-07-05: the new 60-day lead time.
    await sendReminders(job, new Date(NOW.getTime() + 25 * DAY));
    expect((await rowsFor(id.e90)).map((r) => r.dedupeKey!.split(':').pop()).sort()).toEqual(['before-60', 'before-90']);
  });
});

describe('regulatory notification clocks (hooked on the threshold job)', () => {
  it('50 % to the incident owner and compliance; 80 % and the deadline are mandatory, even for someone who muted them', async () => {
    const start = new Date();
    const inc = await incidents.reportIncident(actors.ENGINEER, {
      title: 'Chat transcripts exposed',
      description: 'A misconfigured bucket exposed transcripts.',
      type: 'DATA_BREACH',
      detectedAt: new Date(start.getTime() - 40 * 3_600_000),
      systemIds: [id.system],
      personalData: true,
    });
    // The engineer tried to mute everything (stored directly: the preferences page refuses it).
    await db.notificationPreference.createMany({ data: ['incident.clock', 'incident.clock_urgent'].map((kind) => ({ userId: user('ENGINEER'), kind, inbox: false, email: false })) });
    const clockJob = jobActor(orgId, 'incidents.record-notification-thresholds', 'clock-run');
    await recordNotificationThresholds(clockJob, start);
    let rows = await rowsFor(inc.id);
    expect(rows.map((r) => [r.userId, r.kind])).toEqual([[user('COMPLIANCE_OFFICER'), 'incident.clock']]);
    expect(rows[0]).toMatchObject({ title: expect.stringContaining('50 % of the time to notify under GDPR Art. 33(1)'), link: `/incidents/${inc.id}`, mandatory: false });

    await recordNotificationThresholds(clockJob, new Date(start.getTime() + 20 * 3_600_000));
    rows = await rowsFor(inc.id);
    const urgent = rows.filter((r) => r.kind === 'incident.clock_urgent');
    expect(urgent.map((r) => r.userId).sort()).toEqual([user('COMPLIANCE_OFFICER'), user('ENGINEER')].sort());
    expect(urgent.every((r) => r.mandatory && r.title.includes('80 %'))).toBe(true);

    await recordNotificationThresholds(clockJob, new Date(start.getTime() + 33 * 3_600_000));
    await recordNotificationThresholds(clockJob, new Date(start.getTime() + 34 * 3_600_000));
    const deadline = (await rowsFor(inc.id)).filter((r) => r.title.includes('deadline has passed'));
    expect(deadline.map((r) => r.userId).sort()).toEqual([user('COMPLIANCE_OFFICER'), user('ENGINEER')].sort());
  });

  it('the 50 % reminder follows its admin rule; 80 % does not', async () => {
    await updateReminderRule(actors.ADMIN, { key: 'incident-clock', enabled: false });
    const start = new Date();
    const inc = await incidents.reportIncident(actors.ENGINEER, {
      title: 'Second exposure',
      description: 'Another bucket.',
      type: 'DATA_BREACH',
      detectedAt: new Date(start.getTime() - 60 * 3_600_000),
      systemIds: [id.system],
      personalData: true,
    });
    await recordNotificationThresholds(jobActor(orgId, 'incidents.record-notification-thresholds', 'clock-run-2'), start);
    expect((await rowsFor(inc.id)).map((r) => r.kind)).toEqual(['incident.clock_urgent', 'incident.clock_urgent']);
  });
});

describe('incident response clocks (from the incident domain’s responseClocks)', () => {
  it('a SEV1 acknowledgement due in 15 minutes: 50 % at 8 minutes, 80 % (mandatory) at 12, then nothing once acknowledged', async () => {
    // (The previous test turned the 50 % rule off.)
    await updateReminderRule(actors.ADMIN, { key: 'incident-clock', enabled: true });
    const start = new Date('2026-06-10T10:00:00Z');
    const inc = await incidents.reportIncident(actors.ENGINEER, { title: 'Model leaking prompts', description: 'Seen in logs.', type: 'OTHER', detectedAt: new Date(Date.now() - 60_000), systemIds: [id.system] });
    await db.incident.update({ where: { id: inc.id }, data: { severity: 'SEV1', detectedAt: start, acknowledgedAt: null, containedAt: null, resolvedAt: null } });
    const actor = jobActor(orgId, 'notifications.response-clocks', 'rc');
    const ack = async () => (await rowsFor(inc.id)).filter((r) => r.dedupeKey!.includes(':acknowledge:'));
    expect(await sendResponseClockReminders(actor, new Date(start.getTime() + 7 * 60_000))).toBe(0);
    await sendResponseClockReminders(actor, new Date(start.getTime() + 8 * 60_000));
    // The engineer muted the 50 % kind earlier: only compliance gets it; 80 % reaches both.
    expect((await ack()).map((r) => [r.userId, r.kind, r.mandatory])).toEqual([[user('COMPLIANCE_OFFICER'), 'incident.clock', false]]);
    expect((await ack())[0].title).toBe('Incident "Model leaking prompts" (SEV1): 50 % of the time to acknowledge is used');
    expect(await sendResponseClockReminders(actor, new Date(start.getTime() + 9 * 60_000))).toBe(0);
    await sendResponseClockReminders(actor, new Date(start.getTime() + 12 * 60_000));
    expect((await ack()).filter((r) => r.kind === 'incident.clock_urgent' && r.mandatory)).toHaveLength(2);
    await db.incident.update({ where: { id: inc.id }, data: { acknowledgedAt: new Date(start.getTime() + 13 * 60_000) } });
    await sendResponseClockReminders(actor, new Date(start.getTime() + 16 * 60_000));
    expect(await ack()).toHaveLength(3);
    await expect(sendResponseClockReminders(actors.COMPLIANCE_OFFICER, start)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the quarterly review meeting', () => {
  it('the quarter end: nothing three weeks before, a week before to compliance and admins', async () => {
    expect(await rowsFor('2026-Q2')).toEqual([]);
    await sendReminders(job, new Date('2026-06-25T09:00:00Z'));
    expect(await recipients('2026-Q2')).toEqual([user('ADMIN'), user('COMPLIANCE_OFFICER')].sort());
    expect((await rowsFor('2026-Q2'))[0]).toMatchObject({ title: 'Quarter 2026-Q2 ends in 7 days: hold its review meeting', link: '/reviews/2026-Q2' });
  });
});
