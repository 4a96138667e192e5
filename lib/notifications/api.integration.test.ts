import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller, ApiHarness } from '@/lib/tooling/test/api/harness';

// The notification operations of /api/v1 as real callers: each role signed
// in, and API tokens (a token reads its creator's inbox and holds only its scopes).

const { startApiHarness } = await import('@/lib/tooling/test/api/harness');
const h: ApiHarness = await startApiHarness('notifications_api');
const { notify } = await import('./notify');
const { userActor } = await import('@/lib/auth/session');
const { createToken } = await import('@/lib/tokens/mutations');
const { DEMO_USERS } = await import('@/prisma/seed/demo-accounts');

const caller = (role: string) => h.callers.find((c) => c.role === role)!;
const ids: Record<string, string> = {};
let orgId: string;
let adminActor: ReturnType<typeof userActor>;
const tokenCaller = async (scopes: string[]): Promise<Caller> => {
  const t = await createToken(adminActor, { name: `notif ${scopes.join(' ')}`, scopes: scopes as never, expiresInDays: 5 });
  return { label: `token ${scopes}`, role: 'TOKEN', headers: { authorization: `Bearer ${t.secret}` } };
};
const json = (body: unknown) => JSON.stringify(body);

beforeAll(async () => {
  for (const u of DEMO_USERS) {
    const row = await h.db.user.findUniqueOrThrow({ where: { email: u.email }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
    ids[u.role] = row.id;
    orgId = row.orgId;
    if (u.role === 'ADMIN') adminActor = userActor(row, { id: 'test', ip: '127.0.0.1' });
  }
  // The demo data notifies people too (monitoring alerts for model owners): start
  // from empty inboxes so each holds exactly what this test sends.
  await h.db.notification.deleteMany({ where: { orgId } });
  await h.db.$transaction(async (tx) => {
    for (const role of ['ADMIN', 'ENGINEER'] as const) {
      await notify(tx, { orgId, userIds: [ids[role]], kind: 'finding.due', title: `For ${role} one`, link: '/audits/findings', dedupeKey: `api-${role}-1` });
      await notify(tx, { orgId, userIds: [ids[role]], kind: 'evidence.expiring', title: `For ${role} two`, link: '/audits/evidence', dedupeKey: `api-${role}-2` });
    }
  });
  ids.adminNote = (await h.db.notification.findFirstOrThrow({ where: { dedupeKey: 'api-ADMIN-1' }, select: { id: true } })).id;
  ids.engineerNote = (await h.db.notification.findFirstOrThrow({ where: { dedupeKey: 'api-ENGINEER-1' }, select: { id: true } })).id;
}, 120_000);

afterAll(async () => {
  await h.db.$disconnect();
  await h.tdb.drop();
});

describe('the inbox over the API', () => {
  it('lists only the caller’s own notifications, filtered by kind and unread', async () => {
    const res = await h.call(caller('ENGINEER'), 'GET', '/api/v1/notifications');
    expect(res.status).toBe(200);
    const body = res.body as { items: { title: string }[]; unread: number; total: number };
    expect(body.items.map((n) => n.title).sort()).toEqual(['For ENGINEER one', 'For ENGINEER two']);
    expect(body.unread).toBe(2);
    const filtered = (await h.call(caller('ENGINEER'), 'GET', '/api/v1/notifications', { query: 'kind=evidence.expiring&unread=true' })).body as { items: { title: string }[] };
    expect(filtered.items.map((n) => n.title)).toEqual(['For ENGINEER two']);
    expect((await h.call(caller('ENGINEER'), 'GET', '/api/v1/notifications', { query: 'kind=nonsense' })).status).toBe(422);
    expect(((await h.call(caller('AUDITOR'), 'GET', '/api/v1/notifications')).body as { items: unknown[] }).items).toEqual([]);
  });

  it('marks one’s own notification read; another person’s is not found and stays unread', async () => {
    const other = await h.call(caller('ENGINEER'), 'POST', '/api/v1/notifications/{id}/read', { params: { id: ids.adminNote } });
    expect(other.status).toBe(404);
    expect((await h.db.notification.findUniqueOrThrow({ where: { id: ids.adminNote } })).readAt).toBeNull();
    const own = await h.call(caller('ENGINEER'), 'POST', '/api/v1/notifications/{id}/read', { params: { id: ids.engineerNote } });
    expect(own).toMatchObject({ status: 200, body: { updated: 1, unread: 1 } });
    const all = await h.call(caller('ENGINEER'), 'POST', '/api/v1/notifications/read-all');
    expect(all).toMatchObject({ status: 200, body: { updated: 1, unread: 0 } });
    // The admin's inbox is untouched by the engineer's "read all".
    expect(await h.db.notification.count({ where: { userId: ids.ADMIN, readAt: null } })).toBe(2);
  });

  it('a token reads and marks its creator’s inbox with notifications:own, and is refused without it', async () => {
    const own = await tokenCaller(['notifications:own']);
    const list = await h.call(own, 'GET', '/api/v1/notifications');
    expect(list.status).toBe(200);
    expect((list.body as { items: { title: string }[] }).items.map((n) => n.title).sort()).toEqual(['For ADMIN one', 'For ADMIN two']);
    expect((await h.call(own, 'POST', '/api/v1/notifications/{id}/read', { params: { id: ids.engineerNote } })).status).toBe(404);
    expect((await h.call(own, 'GET', '/api/v1/notification-rules')).status).toBe(403);
    expect((await h.call(own, 'GET', '/api/v1/outbox')).status).toBe(403);
    const none = await tokenCaller(['models:read']);
    expect((await h.call(none, 'GET', '/api/v1/notifications')).status).toBe(403);
    expect((await h.call(none, 'POST', '/api/v1/notifications/read-all')).status).toBe(403);
    expect((await h.call(none, 'PUT', '/api/v1/notifications/preferences', { body: json({ digest: 'DAILY', preferences: [] }) })).status).toBe(403);
    expect(await h.db.notification.count({ where: { userId: ids.ADMIN, readAt: null } })).toBe(2);
  });
});

describe('preferences over the API', () => {
  it('sets one’s own digest and channels; muting a mandatory kind is refused and changes nothing', async () => {
    const refused = await h.call(caller('COMPLIANCE_OFFICER'), 'PUT', '/api/v1/notifications/preferences', {
      body: json({ digest: 'WEEKLY', preferences: [{ kind: 'finding.due', inbox: true, email: false }, { kind: 'incident.clock_urgent', inbox: true, email: false }] }),
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/cannot be muted/);
    expect(await h.db.notificationPreference.count({ where: { userId: ids.COMPLIANCE_OFFICER } })).toBe(0);
    expect(await h.db.notificationSubscriber.count({ where: { userId: ids.COMPLIANCE_OFFICER } })).toBe(0);

    const ok = await h.call(caller('COMPLIANCE_OFFICER'), 'PUT', '/api/v1/notifications/preferences', { body: json({ digest: 'WEEKLY', preferences: [{ kind: 'finding.due', inbox: true, email: false }] }) });
    expect(ok).toMatchObject({ status: 200, body: { digest: 'WEEKLY', updated: 1 } });
    const read = (await h.call(caller('COMPLIANCE_OFFICER'), 'GET', '/api/v1/notifications/preferences')).body as { digest: string; preferences: { kind: string; email: boolean; mandatory: boolean }[] };
    expect(read.digest).toBe('WEEKLY');
    expect(read.preferences.find((p) => p.kind === 'finding.due')).toMatchObject({ email: false });
    expect(read.preferences.find((p) => p.kind === 'incident.clock_urgent')).toMatchObject({ email: true, mandatory: true });
    // Only the caller's own: the engineer's preferences are still the defaults.
    expect(((await h.call(caller('ENGINEER'), 'GET', '/api/v1/notifications/preferences')).body as { digest: string }).digest).toBe('IMMEDIATE');
    expect(await h.db.auditEvent.count({ where: { action: 'notification_preferences.updated', entityId: ids.COMPLIANCE_OFFICER } })).toBe(1);
  });
});

describe('rules and the outbox over the API', () => {
  it('only administrators (and their tokens with the scope) read and change the rules and read the outbox', async () => {
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR']) {
      expect((await h.call(caller(role), 'GET', '/api/v1/notification-rules')).status, role).toBe(403);
      expect((await h.call(caller(role), 'PATCH', '/api/v1/notification-rules/{key}', { params: { key: 'findings' }, body: json({ enabled: false }) })).status, role).toBe(403);
      expect((await h.call(caller(role), 'GET', '/api/v1/outbox')).status, role).toBe(403);
    }
    expect(await h.db.notificationRule.count()).toBe(0);
    const rules = await h.call(caller('ADMIN'), 'GET', '/api/v1/notification-rules');
    expect(rules.status).toBe(200);
    expect((rules.body as { items: { key: string }[] }).items.map((r) => r.key)).toContain('requirement-reviews');
    const patched = await h.call(caller('ADMIN'), 'PATCH', '/api/v1/notification-rules/{key}', { params: { key: 'findings' }, body: json({ enabled: true, leadDays: [10, 3] }) });
    expect(patched).toMatchObject({ status: 200, body: { key: 'findings', enabled: true, leadDays: [10, 3] } });
    const fixed = await h.call(caller('ADMIN'), 'PATCH', '/api/v1/notification-rules/{key}', { params: { key: 'incident-clock-urgent' }, body: json({ enabled: false }) });
    expect(fixed.status).toBe(422);
    const scoped = await tokenCaller(['notifications:rules', 'outbox:read']);
    expect((await h.call(scoped, 'GET', '/api/v1/notification-rules')).status).toBe(200);
    const outbox = await h.call(scoped, 'GET', '/api/v1/outbox');
    expect(outbox).toMatchObject({ status: 200, body: { delivery: 'capture', items: [] } });
  });
});
