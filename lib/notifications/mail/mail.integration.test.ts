import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// Mail end to end: notifications become outbox mails (single or digest), sent
// over real SMTP to the in-process server on loopback, parsed back.

process.env.PUBLIC_URL = 'https://portal.example';
process.env.MAIL_FROM = 'Governance Portal <portal@example.org>';
delete process.env.SMTP_URL;

const tdb = await setupTestDatabase('notifications_mail');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { notify } = await import('../notify');
const outbox = await import('./outbox');
const { captureServer } = await import('./transport');

let actors: Record<Role, Actor>;
let orgId: string;
const user = (role: Role) => actors[role].userId!;
const queued: string[] = [];
const collect: import('./outbox').Enqueue = async (_tx, ids) => {
  queued.push(...ids);
};
const sendAll = async () => {
  for (const mailId of queued.splice(0)) await outbox.sendOutboxMail(mailId, { retryCount: 0, retryLimit: 5 });
};
const lastReceived = async (to: string) => {
  const server = await captureServer();
  const raw = [...server.received].reverse().find((m) => m.to.includes(to));
  if (!raw) throw new Error(`no mail to ${to}`);
  return { envelope: raw, parsed: await simpleParser(raw.raw) };
};
const event = (userId: string, key: string, extra: Partial<Parameters<typeof notify>[1]> = {}) =>
  db.$transaction((tx) =>
    notify(tx, { orgId, userIds: [userId], kind: 'finding.due', title: `Finding "${key}" is due in 7 days (2026-06-17)`, body: 'A high finding is coming up to its due date.', link: `/audits/findings/${key}`, dedupeKey: key, ...extra }),
  );

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Mail Org'));
});
afterAll(async () => {
  await db.$disconnect();
  await tdb.drop();
});

describe('a single notification by e-mail', () => {
  it('goes through the outbox and a real SMTP round trip: headers, plain text and HTML, the reason and one link', async () => {
    await event(user('ENGINEER'), 'f-smtp');
    expect(await outbox.queueImmediateMails(collect)).toBe(1);
    const mail = await db.outboxMail.findFirstOrThrow({ where: { orgId, userId: user('ENGINEER') }, select: { id: true, status: true, to: true } });
    expect(mail).toMatchObject({ status: 'QUEUED', to: actors.ENGINEER.email });
    expect(await db.notification.findFirstOrThrow({ where: { dedupeKey: 'f-smtp' }, select: { mailId: true } })).toEqual({ mailId: mail.id });
    // A second pass finds nothing left to mail.
    expect(await outbox.queueImmediateMails(collect)).toBe(0);
    expect(queued).toEqual([mail.id]);
    await sendAll();

    const sent = await db.outboxMail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);

    const { envelope, parsed } = await lastReceived(actors.ENGINEER.email!);
    expect(envelope.from).toBe('portal@example.org');
    expect(parsed.from?.value[0]).toMatchObject({ address: 'portal@example.org', name: 'Governance Portal' });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0].address : null).toBe(actors.ENGINEER.email);
    expect(parsed.subject).toBe('[AI Governance Portal] Finding "f-smtp" is due in 7 days (2026-06-17)');
    expect(parsed.messageId).toBe(sent.messageId);
    const link = 'https://portal.example/audits/findings/f-smtp';
    expect(parsed.text).toContain('AI Governance Portal');
    expect(parsed.text).toContain(`Open it: ${link}`);
    expect(parsed.text).toContain('You receive this because your notification preferences include "Findings due or overdue" by e-mail');
    const html = String(parsed.html);
    expect(html).toContain('AI Governance Portal');
    expect([...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])).toEqual([link]);
    expect(html).toContain('Findings due or overdue');
  });

  it('escapes what records put in the HTML', async () => {
    await event(user('AUDITOR'), 'f-html', { title: 'Finding "<script>alert(1)</script>" is due' });
    await outbox.queueImmediateMails(collect);
    await sendAll();
    const { parsed } = await lastReceived(actors.AUDITOR.email!);
    expect(String(parsed.html)).not.toContain('<script>');
    expect(String(parsed.html)).toContain('&lt;script&gt;');
  });

  it('records a failed attempt with its error for the queue to retry, and stays failed after the last one', async () => {
    await event(user('ADMIN'), 'f-fail');
    await outbox.queueImmediateMails(collect);
    const mailId = queued.splice(0)[0];
    await db.outboxMail.update({ where: { id: mailId }, data: { to: '' } });
    await expect(outbox.sendOutboxMail(mailId, { retryCount: 0, retryLimit: 5 })).rejects.toThrow();
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id: mailId }, select: { status: true, attempts: true, lastError: true } })).toMatchObject({ status: 'QUEUED', attempts: 1, lastError: expect.stringMatching(/recipient/i) });
    await expect(outbox.sendOutboxMail(mailId, { retryCount: 5, retryLimit: 5 })).rejects.toThrow();
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id: mailId }, select: { status: true, attempts: true } })).toEqual({ status: 'FAILED', attempts: 2 });
    // A sent mail is never sent twice (a retried job after a lost acknowledgement).
    const sent = await db.outboxMail.findFirstOrThrow({ where: { orgId, status: 'SENT' }, select: { id: true } });
    expect(await outbox.sendOutboxMail(sent.id, { retryCount: 1, retryLimit: 5 })).toBe('skipped');
  });
});

describe('digests', () => {
  it('group each person’s unsent notifications into one daily or weekly mail; mandatory ones go at once', async () => {
    const [eng, co] = [user('ENGINEER'), user('COMPLIANCE_OFFICER')];
    await db.notificationSubscriber.createMany({ data: [{ userId: eng, digest: 'DAILY' }, { userId: co, digest: 'WEEKLY' }] });
    for (const k of ['d-1', 'd-2', 'd-3']) await event(eng, k);
    for (const k of ['w-1', 'w-2']) await event(co, k);
    await event(eng, 'urgent', { kind: 'incident.clock_urgent', title: 'Incident "Leak": 80 % of the time to notify is used', link: '/incidents/i1' });

    expect(await outbox.queueImmediateMails(collect)).toBe(1);
    expect(await db.outboxMail.findFirstOrThrow({ where: { id: queued[0] }, select: { subject: true, digest: true } })).toMatchObject({ digest: false, subject: expect.stringContaining('80 %') });
    await sendAll();

    // Wednesday 2026-06-10 08:00 UTC: the daily slot (07:00) and the weekly one (Monday 07:00) have both come.
    const wednesday = new Date('2026-06-10T08:00:00Z');
    expect(await outbox.queueDigests(wednesday, collect)).toEqual({ digests: 2, notifications: 5 });
    await sendAll();
    const daily = await lastReceived(actors.ENGINEER.email!);
    expect(daily.parsed.subject).toBe('[AI Governance Portal] Your daily digest: 3 notifications');
    for (const k of ['d-1', 'd-2', 'd-3']) expect(daily.parsed.text).toContain(`https://portal.example/audits/findings/${k}`);
    expect(daily.parsed.text).not.toContain('/incidents/i1');
    const weekly = await lastReceived(actors.COMPLIANCE_OFFICER.email!);
    expect(weekly.parsed.subject).toBe('[AI Governance Portal] Your weekly digest: 2 notifications');
    expect(await db.notification.count({ where: { orgId, userId: { in: [eng, co] }, mailWanted: true, mailId: null } })).toBe(0);

    // Same slot again: nothing. The next morning before 07:00: nothing; after, only new notifications, and nobody without any gets a mail.
    expect(await outbox.queueDigests(wednesday, collect)).toEqual({ digests: 0, notifications: 0 });
    expect(await outbox.queueDigests(new Date('2026-06-11T06:59:00Z'), collect)).toEqual({ digests: 0, notifications: 0 });
    await event(eng, 'd-4');
    expect(await outbox.queueDigests(new Date('2026-06-11T07:30:00Z'), collect)).toEqual({ digests: 1, notifications: 1 });
    // The weekly person waits for Monday.
    await event(co, 'w-3');
    expect(await outbox.queueDigests(new Date('2026-06-14T07:30:00Z'), collect)).toEqual({ digests: 0, notifications: 0 });
    expect(await outbox.queueDigests(new Date('2026-06-15T07:30:00Z'), collect)).toEqual({ digests: 1, notifications: 1 });
    await sendAll();
  });

  it('slots: daily at 07:00 UTC, weekly on Mondays', () => {
    expect(outbox.digestSlot('DAILY', new Date('2026-06-10T06:00:00Z')).toISOString()).toBe('2026-06-09T07:00:00.000Z');
    expect(outbox.digestSlot('DAILY', new Date('2026-06-10T07:00:00Z')).toISOString()).toBe('2026-06-10T07:00:00.000Z');
    expect(outbox.digestSlot('WEEKLY', new Date('2026-06-10T08:00:00Z')).toISOString()).toBe('2026-06-08T07:00:00.000Z');
    expect(outbox.digestSlot('WEEKLY', new Date('2026-06-08T06:00:00Z')).toISOString()).toBe('2026-06-01T07:00:00.000Z');
  });
});
