// The day's reminders for a large organisation: 5,000 people, 100,000
// requirements and 20,000 findings (default sizes). Times the reminder job's
// computation and writes (< 30 s), then the daily digests: one e-mail per
// person, queued and sent over SMTP to the in-process server on loopback.
//   npm run bench:reminders -- [users] [requirements] [findings]
import { randomBytes } from 'node:crypto';
import { benchDatabase, figure } from './support';

const USERS = Number(process.argv[2] ?? 5_000);
const REQUIREMENTS = Number(process.argv[3] ?? 100_000);
const FINDINGS = Number(process.argv[4] ?? 20_000);

const database = await benchDatabase('reminders');
process.env.DATABASE_URL = database.url;
process.env.DEMO_MODE = 'true';
delete process.env.SMTP_URL;
const { db } = await import('@/lib/db');
const { jobActor } = await import('@/lib/jobs/define');
const { sendReminders } = await import('@/lib/notifications/reminders/run');
const { queueDigests, sendOutboxMail } = await import('@/lib/notifications/mail/outbox');
const { captureServer } = await import('@/lib/notifications/mail/transport');

let failed = false;
console.log(`load average at the start: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} (${(await import('node:os')).cpus().length} cores)`);
try {
  const seedStart = performance.now();
  const now = new Date(Date.UTC(2026, 5, 10, 6, 0));
  const org = await db.organization.create({ data: { name: 'Bench Org', slug: `bench-${randomBytes(3).toString('hex')}` }, select: { id: true } });
  const roleOf = (i: number) => (i < 5 ? 'ADMIN' : i < 55 ? 'COMPLIANCE_OFFICER' : i < 80 ? 'AUDITOR' : 'ENGINEER');
  for (let start = 0; start < USERS; start += 2500) {
    await db.user.createMany({
      data: Array.from({ length: Math.min(2500, USERS - start) }, (_, k) => ({ id: `bu${String(start + k).padStart(6, '0')}`, orgId: org.id, email: `user${start + k}@bench.example`, name: `User ${start + k}`, role: roleOf(start + k) })),
    });
  }
  const userIds = Array.from({ length: USERS }, (_, i) => `bu${String(i).padStart(6, '0')}`);
  await db.notificationSubscriber.createMany({ data: userIds.map((userId) => ({ userId, digest: 'DAILY' as const })) });
  const fw = await db.framework.create({ data: { orgId: org.id, key: 'fw', name: 'Framework', kind: 'STANDARD', jurisdiction: 'EU', version: '1' }, select: { id: true } });
  const today = new Date(Date.UTC(2026, 5, 10));
  // Due dates spread pseudo-randomly from 50 days ago to 150 days ahead; each
  // person's first requirement falls due within the next two weeks, so everyone has a reminder.
  await db.$executeRaw`
    INSERT INTO "Requirement" ("id", "orgId", "frameworkId", "ref", "title", "summary", "area", "ownerId", "nextReviewDue", "updatedAt")
    SELECT 'br' || i, ${org.id}, ${fw.id}, 'R-' || i, 'Requirement ' || i, 's', 'GOVERNANCE'::"RequirementArea",
           'bu' || lpad((i % ${USERS})::text, 6, '0'),
           ${today}::timestamp + (CASE WHEN i < ${USERS} THEN i % 15 ELSE ((i * 7919) % 200 + (i / ${USERS}) * 53) % 200 - 50 END) * interval '1 day',
           now()
    FROM generate_series(0, ${REQUIREMENTS - 1}::int) AS i`;
  await db.$executeRaw`
    INSERT INTO "Finding" ("id", "orgId", "title", "description", "severity", "status", "ownerId", "dueDate", "updatedAt")
    SELECT 'bf' || i, ${org.id}, 'Finding ' || i, 'Bench finding', 'MEDIUM'::"FindingSeverity",
           (ARRAY['OPEN', 'IN_REMEDIATION', 'READY_FOR_VERIFICATION', 'CLOSED', 'RISK_ACCEPTED'])[i % 5 + 1]::"FindingStatus",
           'bu' || lpad(((i * 13) % ${USERS})::text, 6, '0'),
           ${today}::timestamp + ((((i + 3) * 7919) % 200 + (i / 1000) * 53) % 200 - 50) * interval '1 day',
           now()
    FROM generate_series(0, ${FINDINGS - 1}::int) AS i`;
  console.log(`seeded ${USERS} people, ${REQUIREMENTS} requirements, ${FINDINGS} findings in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const actor = jobActor(org.id, 'notifications.send-reminders', 'bench');
  let t = performance.now();
  const created = await sendReminders(actor, now);
  const reminderSeconds = (performance.now() - t) / 1000;
  const total = Object.values(created).reduce((s, n) => s + (n ?? 0), 0);
  console.log(`reminders created per rule: ${JSON.stringify(created)}`);
  figure('reminders', `day's reminders (${total.toLocaleString('en-US')} notifications)`, reminderSeconds, 's', { op: '<', value: 30 });

  t = performance.now();
  const again = await sendReminders(actor, now);
  const againTotal = Object.values(again).reduce((s, n) => s + (n ?? 0), 0);
  figure('reminders', 'second run of the same day (creates nothing)', (performance.now() - t) / 1000, 's');
  if (againTotal !== 0) {
    console.error(`the second run created ${againTotal} notifications`);
    failed = true;
  }

  const queued: string[] = [];
  t = performance.now();
  const digests = await queueDigests(new Date(Date.UTC(2026, 5, 10, 7, 5)), async (_tx, ids) => {
    queued.push(...ids);
  });
  figure('reminders', `daily digests queued (${digests.digests.toLocaleString('en-US')} mails, ${digests.notifications.toLocaleString('en-US')} notifications)`, (performance.now() - t) / 1000, 's');

  t = performance.now();
  const capture = await captureServer();
  const before = capture.count();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < queued.length) {
        const id = queued[next++];
        await sendOutboxMail(id, { retryCount: 0, retryLimit: 5 });
      }
    }),
  );
  figure('reminders', `digests sent over SMTP (${queued.length.toLocaleString('en-US')})`, (performance.now() - t) / 1000, 's');

  const withNotifications = await db.notification.groupBy({ by: ['userId'], where: { orgId: org.id } });
  const perPerson = await db.outboxMail.groupBy({ by: ['userId'], where: { orgId: org.id, digest: true, status: 'SENT' }, _count: { _all: true } });
  const onePerPerson = perPerson.length === withNotifications.length && perPerson.every((p) => p._count._all === 1);
  const received = capture.count() - before;
  console.log(`people with notifications: ${withNotifications.length} of ${USERS}; digests sent: ${perPerson.length}; received by the SMTP server: ${received}; one digest each: ${onePerPerson}`);
  figure('reminders', 'people who got exactly one digest', perPerson.filter((p) => p._count._all === 1).length, 'people', { op: '>=', value: withNotifications.length });
  if (!onePerPerson || withNotifications.length !== USERS || received !== perPerson.length) failed = true;
} finally {
  await db.$disconnect();
  await database.close();
}
process.exit(failed ? 1 : 0);
