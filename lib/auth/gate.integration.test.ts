import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { ROLES, type Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('gate');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const users = await import('@/lib/users/mutations');
const userQueries = await import('@/lib/users/queries');
const tokens = await import('@/lib/tokens/mutations');
const tokenQueries = await import('@/lib/tokens/queries');
const audit = await import('@/lib/audit/queries');
const { actorForToken } = await import('@/lib/auth/token');
const { actorForSession, startSession } = await import('./session');

let actors: Record<Role, Actor>;
let orgId: string;

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles());
});

const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });

describe('the gate, per role, against the real database', () => {
  it('lets only administrators manage users; refused calls write nothing', async () => {
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
      const before = await db.user.count();
      const events = await db.auditEvent.count();
      await deny(users.createUser(actors[role], { email: `x-${role}@test.example`, name: 'X', role: 'ADMIN', mode: 'invite' }));
      await deny(users.changeUserRole(actors[role], { id: actors.ENGINEER.userId!, role: 'ADMIN' }));
      await deny(users.deactivateUser(actors[role], actors.ENGINEER.userId!));
      expect(await db.user.count()).toBe(before);
      expect(await db.auditEvent.count()).toBe(events);
    }
    const created = await users.createUser(actors.ADMIN, { email: 'new@test.example', name: 'New', role: 'ENGINEER', mode: 'invite' });
    expect(created.invitePath).toMatch(/^\/invite\//);
  });

  it('lets administrators and compliance officers list users, and records the read', async () => {
    await deny(userQueries.listUsers(actors.ENGINEER));
    await deny(userQueries.listUsers(actors.AUDITOR));
    const before = await db.auditEvent.count({ where: { action: 'user.list_viewed' } });
    const list = await userQueries.listUsers(actors.COMPLIANCE_OFFICER, { role: 'AUDITOR' });
    expect(list.items.map((u) => u.role)).toEqual(['AUDITOR']);
    expect(await db.auditEvent.count({ where: { action: 'user.list_viewed' } })).toBe(before + 1);
  });

  it('lets only administrators manage tokens', async () => {
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
      await deny(tokens.createToken(actors[role], { name: 'nope', scopes: ['models:read'], expiresInDays: 5 }));
      await deny(tokenQueries.listTokens(actors[role]));
    }
  });

  it('lets administrators and auditors read and verify the trail, and nobody else', async () => {
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER'] as const) {
      await deny(audit.listAuditEvents(actors[role]));
      await deny(audit.verifyAuditTrail(actors[role]));
    }
    for (const role of ['ADMIN', 'AUDITOR'] as const) {
      const page = await audit.listAuditEvents(actors[role], { action: 'user.' });
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((e) => e.action.startsWith('user.'))).toBe(true);
      expect((await audit.verifyAuditTrail(actors[role])).intact).toBe(true);
    }
  });

  it('never removes the last active administrator', async () => {
    await expect(users.deactivateUser(actors.ADMIN, actors.ADMIN.userId!)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(users.changeUserRole(actors.ADMIN, { id: actors.ADMIN.userId!, role: 'AUDITOR' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.user.findUniqueOrThrow({ where: { id: actors.ADMIN.userId! }, select: { role: true, active: true } })).toEqual({ role: 'ADMIN', active: true });
  });

  it('ends a deactivated user\'s sessions on their next request', async () => {
    const meta = { id: 'r', ip: null };
    const sid = await startSession(actors.ENGINEER.userId!);
    expect(await actorForSession(sid, actors.ENGINEER.userId!, meta)).toMatchObject({ role: 'ENGINEER' });
    await users.deactivateUser(actors.ADMIN, actors.ENGINEER.userId!);
    expect(await actorForSession(sid, actors.ENGINEER.userId!, meta)).toBeNull();
    await users.reactivateUser(actors.ADMIN, actors.ENGINEER.userId!);
    // The old session stays revoked; the user has to sign in again.
    expect(await actorForSession(sid, actors.ENGINEER.userId!, meta)).toBeNull();
  });

  it('expires sessions after the inactivity timeout', async () => {
    const sid = await startSession(actors.AUDITOR.userId!);
    await db.authSession.update({ where: { id: sid }, data: { lastSeenAt: new Date(Date.now() - 9 * 3600_000) } });
    expect(await actorForSession(sid, actors.AUDITOR.userId!, { id: 'r', ip: null })).toBeNull();
  });

  it('limits an API token to its scopes and refuses it once revoked or expired', async () => {
    const meta = { id: 'r', ip: null };
    const token = await tokens.createToken(actors.ADMIN, { name: 'deploy', scopes: ['models:read'], expiresInDays: 30 });
    expect(token.secret).toMatch(/^agp_/);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(stored.tokenHash).not.toContain(token.secret.slice(4, 20));
    const actor = await actorForToken(token.secret, meta);
    expect(actor?.grants.any).toEqual(['models:read']);
    await deny(userQueries.listUsers(actor!));
    await deny(audit.listAuditEvents(actor!));
    expect(await actorForToken(token.secret.slice(0, -1) + 'x', meta)).toBeNull();

    await tokens.revokeToken(actors.ADMIN, token.id);
    expect(await actorForToken(token.secret, meta)).toBeNull();

    const old = await tokens.createToken(actors.ADMIN, { name: 'old', scopes: ['models:read'], expiresInDays: 1 });
    await db.apiToken.update({ where: { id: old.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await actorForToken(old.secret, meta)).toBeNull();
  });

  it('a deactivated creator\'s token, session and invitation stay dead after reactivation', async () => {
    const meta = { id: 'r', ip: null };
    const second = await users.createUser(actors.ADMIN, { email: 'second-admin@test.example', name: 'Second', role: 'ADMIN', mode: 'invite' });
    const secondUser = await db.user.findUniqueOrThrow({ where: { id: second.id }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
    const secondActor = (await import('./session')).userActor(secondUser, meta);
    const token = await tokens.createToken(secondActor, { name: 'pipeline', scopes: ['models:read'], expiresInDays: 30 });
    const sid = await startSession(second.id);
    expect(await actorForToken(token.secret, meta)).not.toBeNull();

    await users.deactivateUser(actors.ADMIN, second.id);
    await users.reactivateUser(actors.ADMIN, second.id);
    expect(await actorForToken(token.secret, meta)).toBeNull();
    expect(await actorForSession(sid, second.id, meta)).toBeNull();
    const invite = second.invitePath!.split('/').pop()!;
    await expect(users.acceptInvite({ token: invite, password: 'a-long-enough-passphrase-41', confirm: 'a-long-enough-passphrase-41' }, meta)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'user.deactivated', entityId: second.id } });
    expect(JSON.parse(event.changes!)).toMatchObject({ tokensRevoked: 1, sessionsRevoked: 1 });
  });

  it('a session ends at its absolute lifetime however active it is', async () => {
    const { ABSOLUTE_SESSION_SECONDS } = await import('./session');
    const sid = await startSession(actors.ENGINEER.userId!);
    const meta = { id: 'r', ip: null };
    // Signed in just over the lifetime ago, active a moment ago.
    await db.authSession.update({ where: { id: sid }, data: { createdAt: new Date(Date.now() - ABSOLUTE_SESSION_SECONDS * 1000 - 60_000), lastSeenAt: new Date() } });
    expect(await actorForSession(sid, actors.ENGINEER.userId!, meta)).toBeNull();
    expect((await db.authSession.findUniqueOrThrow({ where: { id: sid } })).revokedAt).not.toBeNull();
    const fresh = await startSession(actors.ENGINEER.userId!);
    await db.authSession.update({ where: { id: fresh }, data: { createdAt: new Date(Date.now() - ABSOLUTE_SESSION_SECONDS * 1000 + 60_000) } });
    expect(await actorForSession(fresh, actors.ENGINEER.userId!, meta)).not.toBeNull();
  });

  it('scopes every read to the caller\'s organisation', async () => {
    const other = await createOrgWithRoles('Other Org');
    const theirs = await userQueries.listUsers(other.actors.ADMIN, { pageSize: 200 });
    expect(theirs.items.every((u) => u.email.includes('@test.example'))).toBe(true);
    expect(theirs.total).toBe(ROLES.length);
    await expect(users.deactivateUser(other.actors.ADMIN, actors.AUDITOR.userId!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(orgId).not.toBe(other.orgId);
  });
});
