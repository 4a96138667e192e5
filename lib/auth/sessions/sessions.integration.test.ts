import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('sessions');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { actorForSession, startSession } = await import('@/lib/auth/session');
const { signInWithPassword } = await import('@/lib/auth/sign-in');
const { hashPassword } = await import('@/lib/auth/password');
const q = await import('./queries');
const m = await import('./mutations');

const meta = { id: 'req-sessions', ip: '10.9.3.1' };
const CHROME_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
let actors: Record<Role, Actor>;

async function browser(userId: string, ip: string, userAgent = CHROME_MAC) {
  const sid = await startSession(userId, { ip, userAgent });
  return { sid, actor: () => actorForSession(sid, userId, { ...meta, ip }) };
}

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles('Sessions Org'));
});

describe('my sessions', () => {
  it('lists active sessions with device, IP and last seen; ends one, then all the others, at once', async () => {
    const userId = actors.ENGINEER.userId!;
    const here = await browser(userId, '10.9.3.1');
    const laptop = await browser(userId, '10.9.3.2', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0');
    const phone = await browser(userId, '10.9.3.3');
    // A revoked one and one still waiting for its second factor are not listed.
    const gone = await browser(userId, '10.9.3.4');
    await db.authSession.update({ where: { id: gone.sid }, data: { revokedAt: new Date() } });
    await startSession(userId, { ip: '10.9.3.5', userAgent: 'x' }, { pending: true });
    const me = (await here.actor())!;
    const list = await q.listMySessions(me);
    expect(list.map((s) => s.ip).sort()).toEqual(['10.9.3.1', '10.9.3.2', '10.9.3.3']);
    expect(list.find((s) => s.current)?.id).toBe(here.sid);
    expect(list.find((s) => s.ip === '10.9.3.2')?.device).toBe('Firefox on Linux');

    await expect(m.revokeMySessions(me, { id: here.sid })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Someone else's session id is not found, never ended.
    const other = await browser(actors.AUDITOR.userId!, '10.9.3.9');
    await expect(m.revokeMySessions(me, { id: other.sid })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await other.actor()).not.toBeNull();

    await m.revokeMySessions(me, { id: laptop.sid });
    expect(await laptop.actor()).toBeNull();
    expect(await phone.actor()).not.toBeNull();
    // The phone and the half-open one.
    await expect(m.revokeMySessions(me, { allOthers: true })).resolves.toEqual({ ended: 2 });
    expect(await phone.actor()).toBeNull();
    expect(await here.actor()).not.toBeNull();
    expect(await db.auditEvent.count({ where: { entityId: userId, action: 'auth.session_revoked' } })).toBe(2);
  });

  it('shows sign-in history from the audit trail, newest first, paginated', async () => {
    const email = `history-${Date.now()}@sessions.example`;
    const user = await db.user.create({ data: { orgId: actors.ADMIN.orgId, email, name: 'Hil History', role: 'ENGINEER', passwordHash: await hashPassword('a-long-history-passphrase') }, select: { id: true } });
    await expect(signInWithPassword(email, 'wrong-password-here', meta)).rejects.toThrow();
    await signInWithPassword(email, 'a-long-history-passphrase', meta);
    const b = await browser(user.id, meta.ip);
    const history = await q.getMySignInHistory((await b.actor())!);
    expect(history.items.map((e) => e.action)).toEqual(['auth.signed_in', 'auth.sign_in_failed']);
    expect(history.items[0]).toMatchObject({ ip: meta.ip, method: 'password' });
    expect(history.total).toBe(2);
  });
});

describe('an administrator', () => {
  it('sees and ends another person’s sessions (they are told); other roles cannot', async () => {
    const userId = actors.PRIVACY_OFFICER.userId!;
    const one = await browser(userId, '10.9.4.1');
    const two = await browser(userId, '10.9.4.2');
    const view = await q.listUserSessions(actors.ADMIN, userId);
    expect(view.sessions).toHaveLength(2);
    expect(view.capabilities.revoke).toBe(true);
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR', 'PRIVACY_OFFICER'] as Role[]) {
      await expect(q.listUserSessions(actors[role], userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(m.revokeUserSessions(actors[role], userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(q.getUserSignInHistory(actors[role], userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(m.revokeUserSessions(actors.ADMIN, userId)).resolves.toEqual({ ended: 2 });
    expect(await one.actor()).toBeNull();
    expect(await two.actor()).toBeNull();
    expect(await db.notification.count({ where: { userId, kind: 'account.security' } })).toBe(1);
    await expect(m.revokeUserSessions(actors.ADMIN, actors.ADMIN.userId!)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
