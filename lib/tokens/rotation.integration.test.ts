import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('token_rotation');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { actorForToken } = await import('@/lib/auth/token');
const { readTokenPolicy, updateTokenPolicy } = await import('@/lib/auth/token-policy');
const tokens = await import('./mutations');
const { listTokens } = await import('./queries');
const { recordExpiringTokens } = await import('./record-expiring');
const { jobActor } = await import('@/lib/jobs/define');

const meta = { id: 'req-rotation', ip: '10.9.2.1' };
let actors: Record<Role, Actor>;
let orgId: string;

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Token Rotation Org'));
});

describe('token lifetime policy', () => {
  it('defaults to 90 days, refuses a longer lifetime, and is audited when changed', async () => {
    expect(await readTokenPolicy(orgId)).toEqual({ defaultDays: 90, maxDays: 90, rotationGraceHours: 24, warnDays: 14 });
    const t = await tokens.createToken(actors.ADMIN, { name: 'default lifetime', scopes: ['models:read'] });
    expect(Math.round((Date.parse(t.expiresAt) - Date.now()) / 86_400_000)).toBe(90);
    await expect(tokens.createToken(actors.ADMIN, { name: 'too long', scopes: ['models:read'], expiresInDays: 91 })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { expiresInDays: ['At most 90 days'] } });
    await expect(updateTokenPolicy(actors.ADMIN, { defaultDays: 30, maxDays: 400, rotationGraceHours: 24, warnDays: 14 })).rejects.toThrow();
    await expect(updateTokenPolicy(actors.COMPLIANCE_OFFICER, { defaultDays: 30, maxDays: 60, rotationGraceHours: 24, warnDays: 14 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await updateTokenPolicy(actors.ADMIN, { defaultDays: 30, maxDays: 180, rotationGraceHours: 24, warnDays: 14 });
    expect((await tokens.createToken(actors.ADMIN, { name: 'half a year', scopes: ['models:read'], expiresInDays: 180 })).expiresAt).toBeTruthy();
    const events = await db.auditEvent.count({ where: { orgId, action: 'token.policy_updated' } });
    expect(events).toBe(1);
  });

  it('refuses a token older than the maximum lifetime as soon as the maximum is lowered', async () => {
    const t = await tokens.createToken(actors.ADMIN, { name: 'old pipeline', scopes: ['models:read'], expiresInDays: 180 });
    await db.apiToken.update({ where: { id: t.id }, data: { createdAt: new Date(Date.now() - 100 * 86_400_000) } });
    expect(await actorForToken(t.secret, meta)).not.toBeNull();
    await updateTokenPolicy(actors.ADMIN, { defaultDays: 30, maxDays: 90, rotationGraceHours: 24, warnDays: 14 });
    expect(await actorForToken(t.secret, meta)).toBeNull();
  });
});

describe('rotation', () => {
  it('issues a new secret for the same token; the old one works for the grace period, then stops', async () => {
    const t = await tokens.createToken(actors.ADMIN, { name: 'deploy', scopes: ['models:read'], expiresInDays: 10 });
    const rotated = await tokens.rotateToken(actors.ADMIN, t.id);
    expect(rotated.id).toBe(t.id);
    expect(rotated.secret).not.toBe(t.secret);
    expect(Math.round((Date.parse(rotated.previousValidUntil) - Date.now()) / 3_600_000)).toBe(24);
    // The expiry restarts at the default lifetime.
    expect(Math.round((Date.parse(rotated.expiresAt) - Date.now()) / 86_400_000)).toBe(30);
    expect((await actorForToken(rotated.secret, meta))?.tokenId).toBe(t.id);
    expect((await actorForToken(t.secret, meta))?.tokenId).toBe(t.id);
    const listed = (await listTokens(actors.ADMIN)).find((x) => x.id === t.id)!;
    expect(listed.previousValidUntil).toBe(rotated.previousValidUntil);
    expect(listed.prefix).toBe(rotated.prefix);
    await db.apiToken.update({ where: { id: t.id }, data: { previousValidUntil: new Date(Date.now() - 1000) } });
    expect(await actorForToken(t.secret, meta)).toBeNull();
    expect(await actorForToken(rotated.secret, meta)).not.toBeNull();
    // A second rotation replaces the grace secret: the first one never comes back.
    const again = await tokens.rotateToken(actors.ADMIN, t.id);
    expect(await actorForToken(t.secret, meta)).toBeNull();
    expect(await actorForToken(rotated.secret, meta)).not.toBeNull();
    expect(await actorForToken(again.secret, meta)).not.toBeNull();
    const events = await db.auditEvent.findMany({ where: { entityId: t.id, action: 'token.rotated' }, select: { changes: true } });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain(rotated.secret);
  });

  it('is refused for a revoked or expired token, for roles without tokens:manage, and for a token itself', async () => {
    const t = await tokens.createToken(actors.ADMIN, { name: 'to revoke', scopes: ['models:read', 'tokens:manage'], expiresInDays: 10 });
    const asToken = (await actorForToken(t.secret, meta))!;
    await expect(tokens.rotateToken(asToken, t.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR', 'PRIVACY_OFFICER'] as Role[]) {
      await expect(tokens.rotateToken(actors[role], t.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await tokens.revokeToken(actors.ADMIN, t.id);
    await expect(tokens.rotateToken(actors.ADMIN, t.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const e = await tokens.createToken(actors.ADMIN, { name: 'expired', scopes: ['models:read'], expiresInDays: 1 });
    await db.apiToken.update({ where: { id: e.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(tokens.rotateToken(actors.ADMIN, e.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('expiry reminders', () => {
  it('tell the creator once when a token stops working within the warning window; a rotation starts over', async () => {
    const soon = await tokens.createToken(actors.ADMIN, { name: 'expiring soon', scopes: ['models:read'], expiresInDays: 5 });
    const later = await tokens.createToken(actors.ADMIN, { name: 'expiring later', scopes: ['models:read'], expiresInDays: 30 });
    const job = jobActor(orgId, 'tokens.warn-expiring', 'test');
    const now = new Date();
    expect(await recordExpiringTokens(job, now)).toBeGreaterThanOrEqual(1);
    expect(await recordExpiringTokens(job, now)).toBe(0);
    const notes = await db.notification.findMany({ where: { kind: 'token.expiring', entityId: { in: [soon.id, later.id] } }, select: { entityId: true, userId: true } });
    expect(notes).toEqual([{ entityId: soon.id, userId: actors.ADMIN.userId }]);
    expect(await db.auditEvent.count({ where: { entityId: soon.id, action: 'token.expiry_warned' } })).toBe(1);
    await tokens.rotateToken(actors.ADMIN, soon.id);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: soon.id }, select: { expiryWarnedAt: true } })).expiryWarnedAt).toBeNull();
  });
});
