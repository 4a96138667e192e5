import 'server-only';
import { randomUUID } from 'node:crypto';
import { fromPrisma } from 'pg-boss';
import { db, type Tx } from '@/lib/db';
import { env, publicBaseUrl } from '@/lib/env';
import { DAY_MS } from '../reminders/stage';
import { SEND_MAIL_JOB } from './send-mail-job';
import { renderDigestMail, renderSingleMail, type RenderedMail } from './templates';
import { mailTransport } from './transport';

// The outbox: every e-mail is first a row of OutboxMail (written with the
// notifications it carries), then sent by the `notifications.send-mail` job,
// which pg-boss retries with back-off. Admin → Outbox lists the rows.

export { SEND_MAIL_JOB, SEND_MAIL_RETRY } from './send-mail-job';

/** Queues the sending of these mails in the same transaction that wrote them. */
export type Enqueue = (tx: Tx, mailIds: string[]) => Promise<void>;

export const enqueueWithBoss: Enqueue = async (tx, mailIds) => {
  if (!mailIds.length) return;
  // Imported here: lib/jobs/registry imports this module.
  const { jobBoss } = await import('@/lib/jobs/instance');
  const boss = await jobBoss();
  await boss.insert(SEND_MAIL_JOB, mailIds.map((mailId) => ({ data: { mailId } })), { db: fromPrisma(tx) });
};

const BATCH = 200;

type Pending = { id: string; orgId: string; userId: string; kind: string; title: string; body: string | null; link: string; createdAt: Date; mandatory: boolean };

async function writeMails(
  tx: Tx,
  mails: { orgId: string; userId: string; to: string; rendered: RenderedMail; digest: boolean; notificationIds: string[] }[],
  enqueue: Enqueue,
): Promise<number> {
  if (!mails.length) return 0;
  const rows = mails.map((m) => ({ id: randomUUID(), orgId: m.orgId, userId: m.userId, to: m.to, digest: m.digest, ...m.rendered }));
  await tx.outboxMail.createMany({ data: rows });
  // One statement links every notification to its mail (a digest batch links thousands).
  const pairs = mails.flatMap((m, i) => m.notificationIds.map((id) => [id, rows[i].id] as const));
  await tx.$executeRaw`
    UPDATE "Notification" AS n SET "mailId" = v.mail
    FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]) AS v(id, mail)
    WHERE n."id" = v.id AND n."mailId" IS NULL`;
  await enqueue(tx, rows.map((r) => r.id));
  return rows.length;
}

/**
 * One e-mail to someone outside the organisation (a trust-centre visitor), in
 * the caller's transaction: an outbox row without a user, sent by the
 * send-mail job like every other mail, so a rolled-back write sends nothing.
 */
export async function queueMailTo(tx: Tx, mail: { orgId: string; to: string; rendered: RenderedMail }, enqueue: Enqueue = enqueueWithBoss): Promise<string> {
  const id = randomUUID();
  await tx.outboxMail.create({ data: { id, orgId: mail.orgId, userId: null, to: mail.to, digest: false, ...mail.rendered } });
  await enqueue(tx, [id]);
  return id;
}

/**
 * One e-mail per notification for people who chose "immediately", and for
 * every mandatory notification whatever they chose. Resolves how many mails it queued.
 */
export async function queueImmediateMails(enqueue: Enqueue = enqueueWithBoss): Promise<number> {
  const base = publicBaseUrl();
  let queued = 0;
  for (;;) {
    const pending = await db.notification.findMany({
      where: {
        mailWanted: true,
        mailId: null,
        user: { active: true },
        OR: [{ mandatory: true }, { user: { notificationSubscriber: null } }, { user: { notificationSubscriber: { digest: 'IMMEDIATE' } } }],
      },
      select: { id: true, orgId: true, userId: true, kind: true, title: true, body: true, link: true, createdAt: true, mandatory: true, user: { select: { email: true } } },
      orderBy: { createdAt: 'asc' },
      take: BATCH,
    });
    if (!pending.length) return queued;
    queued += await db.$transaction((tx) =>
      writeMails(tx, pending.map((n) => ({ orgId: n.orgId, userId: n.userId, to: n.user.email, rendered: renderSingleMail(n, base), digest: false, notificationIds: [n.id] })), enqueue),
    );
    if (pending.length < BATCH) return queued;
  }
}

const DIGEST_HOUR = 7;

/** The most recent digest time at or before `now` for the mode (07:00 UTC; weekly on Mondays). */
export function digestSlot(mode: 'DAILY' | 'WEEKLY', now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR);
  let slot = today > now.getTime() ? today - DAY_MS : today;
  if (mode === 'WEEKLY') {
    while (new Date(slot).getUTCDay() !== 1) slot -= DAY_MS;
  }
  return new Date(slot);
}

/**
 * For each person on a daily or weekly digest whose digest time has come
 * since their last one: one e-mail listing all their notifications not mailed
 * yet (none: no e-mail). Idempotent through `lastDigestAt`. Resolves how many digests it queued.
 */
export async function queueDigests(now: Date, enqueue: Enqueue = enqueueWithBoss): Promise<{ digests: number; notifications: number }> {
  const base = publicBaseUrl();
  let digests = 0;
  let notifications = 0;
  for (const mode of ['DAILY', 'WEEKLY'] as const) {
    const slot = digestSlot(mode, now);
    for (;;) {
      const due = await db.notificationSubscriber.findMany({
        where: { digest: mode, OR: [{ lastDigestAt: null }, { lastDigestAt: { lt: slot } }], user: { active: true } },
        select: { userId: true, user: { select: { email: true, orgId: true } } },
        orderBy: { userId: 'asc' },
        take: BATCH,
      });
      if (!due.length) break;
      const pending = await db.notification.findMany({
        where: { userId: { in: due.map((d) => d.userId) }, mailWanted: true, mailId: null },
        select: { id: true, orgId: true, userId: true, kind: true, title: true, body: true, link: true, createdAt: true, mandatory: true },
        orderBy: { createdAt: 'desc' },
      });
      const byUser = new Map<string, Pending[]>();
      for (const n of pending) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
      const period = mode === 'DAILY' ? 'daily' : 'weekly';
      const mails = due.flatMap((d) => {
        const items = byUser.get(d.userId);
        if (!items?.length) return [];
        return [{ orgId: d.user.orgId, userId: d.userId, to: d.user.email, rendered: renderDigestMail(items, items.length, period, base), digest: true, notificationIds: items.map((n) => n.id) }];
      });
      await db.$transaction(
        async (tx) => {
          digests += await writeMails(tx, mails, enqueue);
          await tx.notificationSubscriber.updateMany({ where: { userId: { in: due.map((d) => d.userId) } }, data: { lastDigestAt: now } });
        },
        { timeout: 60_000 },
      );
      notifications += mails.reduce((sum, m) => sum + m.notificationIds.length, 0);
      if (due.length < BATCH) break;
    }
  }
  return { digests, notifications };
}

/**
 * Sends one outbox mail. On failure records the attempt and the error and
 * throws, so the job queue retries it with back-off; after the last attempt
 * the mail stays FAILED with its error. A mail already sent is not sent again.
 */
export async function sendOutboxMail(mailId: string, attempt: { retryCount: number; retryLimit: number }): Promise<'sent' | 'skipped'> {
  const mail = await db.outboxMail.findUnique({ where: { id: mailId }, select: { id: true, to: true, subject: true, text: true, html: true, status: true } });
  if (!mail || mail.status === 'SENT') return 'skipped';
  try {
    const transport = await mailTransport();
    if (!transport) throw new Error('No mail server is configured: set SMTP_URL.');
    const info = await transport.sendMail({ from: env().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    await db.outboxMail.update({
      where: { id: mail.id },
      data: { status: 'SENT', sentAt: new Date(), messageId: info.messageId ?? null, attempts: { increment: 1 }, lastError: null },
    });
    return 'sent';
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const last = attempt.retryCount >= attempt.retryLimit;
    await db.outboxMail.update({ where: { id: mail.id }, data: { status: last ? 'FAILED' : 'QUEUED', attempts: { increment: 1 }, lastError: message } });
    throw error;
  }
}
