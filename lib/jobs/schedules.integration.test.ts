import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// Every registered time-based job, run through the real queue: its change
// and its audit event (as the job's system actor, the job id as request id),
// nothing the second time; and the reads that show those states write nothing.

const tdb = await setupTestDatabase('jobs_schedules');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { JOBS } = await import('./registry');
const { startJobRuntime } = await import('./runtime');
const findings = await import('@/lib/audits/findings/mutations');
const findingQueries = await import('@/lib/audits/findings/queries');
const { exportFindings } = await import('@/lib/audits/findings/export');
const evidenceQueries = await import('@/lib/audits/evidence/queries');
const certificationQueries = await import('@/lib/audits/certifications/queries');
const incidents = await import('@/lib/incidents/mutations');
const incidentQueries = await import('@/lib/incidents/queries');

const DAY = 86_400_000;
let actors: Record<Role, Actor>;
let orgId: string;
let runtime: Awaited<ReturnType<typeof startJobRuntime>>;
const ids: Record<string, string> = {};

async function runJob(name: string): Promise<{ id: string; output: Record<string, unknown> }> {
  const id = (await runtime.boss.send(name, {}))!;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [job] = await runtime.boss.findJobs(name, { id });
    if (job?.state === 'completed') return { id, output: job.output as Record<string, unknown> };
    if (job?.state === 'failed' || Date.now() > deadline) throw new Error(`${name}: ${job?.state} ${JSON.stringify(job?.output)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const eventsFor = (entityId: string, action: string) =>
  db.auditEvent.findMany({ where: { entityId, action }, select: { actorId: true, actorLabel: true, requestId: true, orgId: true, changes: true } });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Jobs Org'));
  const f = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Weak key rotation', description: 'x', severity: 'MEDIUM', ownerId: actors.ENGINEER.userId! });
  await findings.acceptRisk(actors.COMPLIANCE_OFFICER, { id: f.id, rationale: 'Replacement scheduled', expiresAt: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) });
  await db.finding.update({ where: { id: f.id }, data: { riskExpiresAt: new Date(Date.now() - 60_000) } });
  ids.finding = f.id;
  ids.staleEvidence = (await db.evidence.create({ data: { orgId, title: 'Pen test 2024', kind: 'LINK', url: 'https://example.com/pt', validUntil: new Date(Date.now() - DAY) }, select: { id: true } })).id;
  ids.freshEvidence = (await db.evidence.create({ data: { orgId, title: 'Pen test 2026', kind: 'LINK', url: 'https://example.com/pt2', validUntil: new Date(Date.now() + 30 * DAY) }, select: { id: true } })).id;
  ids.certification = (
    await db.certification.create({
      data: { orgId, name: 'ISO 27001', standard: 'ISO_27001', issuer: 'Cert Body', scope: 'All', issuedAt: new Date(Date.now() - 1000 * DAY), expiresAt: new Date(Date.now() - DAY) },
      select: { id: true },
    })
  ).id;
  ids.plan = (await incidents.saveResponsePlan(actors.COMPLIANCE_OFFICER, { title: 'Org plan', content: 'v1', lastTestedAt: new Date(Date.now() - 400 * DAY) })).id;
  const token = (name: string, expiresAt: Date, revokedAt: Date | null = null) =>
    db.apiToken.create({
      data: { orgId, name, prefix: `agp_${name}`, tokenHash: `hash-${name}-${Date.now()}`, scopes: ['models:read'], createdById: actors.ADMIN.userId!, expiresAt, revokedAt },
      select: { id: true },
    });
  ids.expiredToken = (await token('expired', new Date(Date.now() - DAY))).id;
  ids.revokedToken = (await token('revoked', new Date(Date.now() - DAY), new Date(Date.now() - 2 * DAY))).id;
  ids.liveToken = (await token('live', new Date(Date.now() + DAY))).id;
  // No cron passes here: each job runs when the test sends it.
  runtime = await startJobRuntime({ url: tdb.url, jobs: JOBS, instanceName: 'test', pollingIntervalSeconds: 0.5, boss: { schedule: false }, log: () => undefined });
}, 60_000);

afterAll(() => runtime?.stop());

describe('the reads that show time-based states', () => {
  it('write nothing: no audit event, no change, even with everything due', async () => {
    const before = await db.auditEvent.count();
    const listed = await findingQueries.listFindings(actors.COMPLIANCE_OFFICER, {});
    await findingQueries.getFinding(actors.COMPLIANCE_OFFICER, ids.finding);
    await exportFindings(actors.COMPLIANCE_OFFICER, {}, 'csv');
    const stale = await evidenceQueries.listEvidence(actors.COMPLIANCE_OFFICER, { stale: 'true' });
    const certifications = await certificationQueries.listCertifications(actors.COMPLIANCE_OFFICER);
    const plans = await incidentQueries.listResponsePlans(actors.COMPLIANCE_OFFICER);
    // The export records itself (who took the data out), which is not a time-based change.
    expect(await db.auditEvent.count({ where: { action: { not: 'finding.tracking_exported' } } })).toBe(before);
    expect((await db.finding.findUniqueOrThrow({ where: { id: ids.finding } })).status).toBe('RISK_ACCEPTED');
    // ...and they still show the state, computed at read time.
    expect(listed.items.find((f) => f.id === ids.finding)).toMatchObject({ status: 'OPEN', riskAcceptanceExpired: true });
    expect(JSON.stringify(stale)).toContain(ids.staleEvidence);
    expect(JSON.stringify(stale)).not.toContain(ids.freshEvidence);
    expect(JSON.stringify(certifications)).toContain(ids.certification);
    expect(plans.find((p) => p.id === ids.plan)?.stale).toBe(true);
  });
});

describe('each scheduled job', () => {
  it('is registered with a schedule and a retry policy', () => {
    expect(JOBS.map((j) => j.name).sort()).toEqual([
      'access-reviews.escalate',
      'audits.record-expired-certifications',
      'decisions.checkpoint',
      'decisions.partitions',
      'decisions.push-checkpoint',
      'decisions.retention',
      'events.dispatch',
      'evidence.record-stale',
      'findings.record-overdue',
      'findings.reopen-expired-risk-acceptances',
      'incidents.record-notification-thresholds',
      'incidents.record-untested-plans',
      'interchange.mlflow-sync',
      'monitoring.escalate-breaches',
      'monitoring.record-missing-data',
      'notifications.queue-digests',
      'notifications.queue-mail',
      'notifications.response-clocks',
      'notifications.send-mail',
      'notifications.send-reminders',
      'privacy.minimisation-reviews',
      'privacy.open-retention-tasks',
      'privacy.record-overdue-requests',
      'risks.reopen-expired-acceptances',
      'tokens.record-expired',
      'tokens.warn-expiring',
      'vendors.warn-expiries',
      'webhooks.deliver',
    ]);
    // notifications.send-mail (one job per outbox mail) and decisions.push-checkpoint (one per checkpoint push) are only sent, never scheduled.
    const sentOnly = ['notifications.send-mail', 'decisions.push-checkpoint'];
    for (const job of JOBS) {
      if (sentOnly.includes(job.name)) expect(job.cron, job.name).toBeUndefined();
      else expect(job.cron, job.name).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
      expect(job.retry.limit, job.name).toBeGreaterThan(0);
    }
  });

  it('reopens findings whose risk acceptance expired, with the event in the trail', async () => {
    const run = await runJob('findings.reopen-expired-risk-acceptances');
    expect(run.output).toMatchObject({ changed: 1 });
    expect((await db.finding.findUniqueOrThrow({ where: { id: ids.finding } })).status).toBe('OPEN');
    const events = await eventsFor(ids.finding, 'finding.risk_acceptance_expired');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, orgId });
    expect((await runJob('findings.reopen-expired-risk-acceptances')).output).toMatchObject({ changed: 0 });
    expect(await eventsFor(ids.finding, 'finding.risk_acceptance_expired')).toHaveLength(1);
  });

  it('records evidence that became stale, once, as the job', async () => {
    const run = await runJob('evidence.record-stale');
    expect(run.output).toMatchObject({ changed: 1 });
    const events = await eventsFor(ids.staleEvidence, 'evidence.became_stale');
    expect(events).toEqual([{ actorId: null, actorLabel: 'job:evidence.record-stale', requestId: `job:${run.id}`, orgId, changes: expect.stringContaining('validUntil') }]);
    expect(await eventsFor(ids.freshEvidence, 'evidence.became_stale')).toEqual([]);
    expect((await runJob('evidence.record-stale')).output).toMatchObject({ changed: 0 });
    // A new valid-until date that passes again is a new stale spell.
    await db.evidence.update({ where: { id: ids.staleEvidence }, data: { validUntil: new Date() } });
    expect((await runJob('evidence.record-stale')).output).toMatchObject({ changed: 1 });
    expect(await eventsFor(ids.staleEvidence, 'evidence.became_stale')).toHaveLength(2);
  });

  it('records certifications that expired, once, as the job', async () => {
    const run = await runJob('audits.record-expired-certifications');
    expect(run.output).toMatchObject({ changed: 1 });
    const events = await eventsFor(ids.certification, 'certification.expired');
    expect(events).toMatchObject([{ actorId: null, actorLabel: 'job:audits.record-expired-certifications', requestId: `job:${run.id}` }]);
    expect((await runJob('audits.record-expired-certifications')).output).toMatchObject({ changed: 0 });
  });

  it('records response plans that went untested, once per spell, as the job', async () => {
    const run = await runJob('incidents.record-untested-plans');
    expect(run.output).toMatchObject({ changed: 1 });
    const events = await eventsFor(ids.plan, 'incident.plan_untested');
    expect(events).toMatchObject([{ actorId: null, actorLabel: 'job:incidents.record-untested-plans', requestId: `job:${run.id}` }]);
    expect((await runJob('incidents.record-untested-plans')).output).toMatchObject({ changed: 0 });
    // Tested recently: not untested any more, and nothing more is recorded.
    await db.incidentResponsePlan.update({ where: { id: ids.plan }, data: { lastTestedAt: new Date(Date.now() - DAY) } });
    expect((await runJob('incidents.record-untested-plans')).output).toMatchObject({ changed: 0 });
    // Recorded long ago, tested since, and now a year past that test: a new spell, a new event.
    await db.incidentResponsePlan.update({ where: { id: ids.plan }, data: { untestedRecordedAt: new Date(Date.now() - 400 * DAY), lastTestedAt: new Date(Date.now() - 366 * DAY) } });
    expect((await runJob('incidents.record-untested-plans')).output).toMatchObject({ changed: 1 });
    expect(await eventsFor(ids.plan, 'incident.plan_untested')).toHaveLength(2);
  });

  it('records API tokens that expired unrevoked, once, as the job', async () => {
    const run = await runJob('tokens.record-expired');
    expect(run.output).toMatchObject({ changed: 1 });
    expect(await eventsFor(ids.expiredToken, 'token.expired')).toMatchObject([{ actorId: null, actorLabel: 'job:tokens.record-expired', requestId: `job:${run.id}` }]);
    expect(await eventsFor(ids.revokedToken, 'token.expired')).toEqual([]);
    expect(await eventsFor(ids.liveToken, 'token.expired')).toEqual([]);
    expect((await runJob('tokens.record-expired')).output).toMatchObject({ changed: 0 });
  });

  it('publishes finding.overdue once per due date, as the job, and the dispatcher hands it out once', async () => {
    const f = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Past due', description: 'x', severity: 'LOW' });
    await db.finding.update({ where: { id: f.id }, data: { dueDate: new Date(Date.now() - 2 * DAY) } });
    const run = await runJob('findings.record-overdue');
    expect(run.output).toMatchObject({ changed: 1 });
    expect(await eventsFor(f.id, 'finding.overdue')).toMatchObject([{ actorId: null, actorLabel: 'job:findings.record-overdue', requestId: `job:${run.id}` }]);
    expect(await db.domainEvent.count({ where: { entityId: f.id, type: 'finding.overdue', dispatchedAt: null } })).toBe(1);
    expect((await runJob('findings.record-overdue')).output).toMatchObject({ changed: 0 });
    await runJob('events.dispatch');
    expect(await db.domainEvent.count({ where: { orgId, dispatchedAt: null } })).toBe(0);
  });

  it('sends reminders as the job, once; queue-mail puts them in the outbox and each send-mail job delivers one over SMTP', async () => {
    const f = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Due next week', description: 'x', severity: 'LOW', ownerId: actors.ENGINEER.userId! });
    await db.finding.update({ where: { id: f.id }, data: { dueDate: new Date(Date.now() + 5 * DAY) } });
    const run = await runJob('notifications.send-reminders');
    expect(Number(run.output.changed)).toBeGreaterThanOrEqual(1);
    const rows = await db.notification.findMany({ where: { entityId: f.id }, select: { id: true, userId: true, dedupeKey: true } });
    expect(rows).toEqual([{ id: expect.any(String), userId: actors.ENGINEER.userId, dedupeKey: expect.stringMatching(/:before-7$/) }]);
    expect(await db.auditEvent.findMany({ where: { orgId, action: 'notification.reminders_sent', entityId: 'findings' }, select: { actorId: true, actorLabel: true, requestId: true } })).toEqual([
      { actorId: null, actorLabel: 'job:notifications.send-reminders', requestId: `job:${run.id}` },
    ]);
    await runJob('notifications.send-reminders');
    expect(await db.notification.count({ where: { entityId: f.id } })).toBe(1);

    await runJob('notifications.queue-mail');
    const { mailId } = await db.notification.findUniqueOrThrow({ where: { id: rows[0].id }, select: { mailId: true } });
    expect(mailId).toEqual(expect.any(String));
    const deadline = Date.now() + 20_000;
    let mail = await db.outboxMail.findUniqueOrThrow({ where: { id: mailId! } });
    while (mail.status === 'QUEUED' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      mail = await db.outboxMail.findUniqueOrThrow({ where: { id: mailId! } });
    }
    expect(mail).toMatchObject({ status: 'SENT', to: actors.ENGINEER.email, attempts: 1, subject: expect.stringContaining('Due next week') });
    const [sendJob] = await runtime.boss.findJobs('notifications.send-mail', { data: { mailId } });
    expect(sendJob?.state).toBe('completed');
  });
});
