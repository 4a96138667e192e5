import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, SessionUser } from '@/lib/auth/actor';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import { softAuthenticator } from '@/lib/tooling/test/webauthn';

await setupTestDatabase('passkeys');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { actorForSession, startSession } = await import('@/lib/auth/session');
const { hasSecondFactor } = await import('./factors');
const { requireFreshFactor } = await import('@/lib/auth/step-up');
const pk = await import('./passkeys');

const meta = { id: 'req-passkey', ip: '10.9.1.1' };
const rp = pk.relyingParty();
let actors: Record<string, Actor>;

async function sessionUser(id: string): Promise<SessionUser> {
  return db.user.findUniqueOrThrow({ where: { id }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
}

async function browser(userId: string, opts: { pending?: boolean } = {}) {
  const sid = await startSession(userId, { ip: meta.ip, userAgent: 'vitest' }, { pending: opts.pending });
  return { sid, actor: async () => (await actorForSession(sid, userId, meta))!, session: async () => ({ sid, pending: Boolean(opts.pending), user: await sessionUser(userId) }) };
}

async function clearThrottle(userId: string) {
  await db.loginThrottle.deleteMany({ where: { key: { in: [`acct:mfa:${userId}`, `ip:${meta.ip}`] } } });
}

beforeAll(async () => {
  ({ actors } = await createOrgWithRoles('Passkey Org'));
});

describe('passkeys', () => {
  const key = softAuthenticator();
  let userId: string;

  it('registers a passkey from a verified attestation: a factor now, with recovery codes issued once', async () => {
    userId = actors.ENGINEER.userId!;
    const b = await browser(userId);
    const me = await b.actor();
    const options = await pk.beginPasskeyRegistration(me);
    expect(options.rp.id).toBe(rp.rpID);
    // The wrong origin is refused, and the challenge is spent by it.
    await expect(pk.finishPasskeyRegistration(me, { name: 'Laptop', response: key.register(options, 'https://evil.example') })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(pk.finishPasskeyRegistration(me, { name: 'Laptop', response: key.register(options, rp.origin) })).rejects.toMatchObject({ code: 'CONFLICT' });
    const again = await pk.beginPasskeyRegistration(me);
    const added = await pk.finishPasskeyRegistration(me, { name: 'Laptop', response: key.register(again, rp.origin) });
    expect(added.recoveryCodes).toHaveLength(10);
    expect(await hasSecondFactor(userId)).toBe(true);
    const after = await b.actor();
    expect(after.auth).toMatchObject({ enrolled: true });
    expect(() => requireFreshFactor(after)).not.toThrow();
    // The same credential cannot be registered twice.
    const third = await pk.beginPasskeyRegistration(after);
    expect(third.excludeCredentials?.map((c) => c.id)).toEqual([key.credentialId]);
    await expect(pk.finishPasskeyRegistration(after, { name: 'Copy', response: key.register(third, rp.origin) })).rejects.toMatchObject({ code: 'CONFLICT' });
    const events = (await db.auditEvent.findMany({ where: { entityId: userId, action: { startsWith: 'mfa.passkey' } }, select: { action: true } })).map((e) => e.action);
    expect(events).toEqual(['mfa.passkey_registered']);
  });

  it('completes a half-open sign-in with a signed assertion; a replayed, forged or wrong-origin one is refused', async () => {
    const b = await browser(userId, { pending: true });
    expect(await actorForSession(b.sid, userId, meta)).toBeNull();
    const session = await b.session();
    const options = await pk.beginPasskeyAuthentication(session);
    expect(options.allowCredentials?.map((c) => c.id)).toEqual([key.credentialId]);
    const { privateKey: stranger } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await expect(pk.verifySessionPasskey(session, key.assert(options, rp.origin, { signWith: stranger }), meta)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await actorForSession(b.sid, userId, meta)).toBeNull();
    const o2 = await pk.beginPasskeyAuthentication(session);
    await expect(pk.verifySessionPasskey(session, key.assert(o2, 'https://evil.example'), meta)).rejects.toMatchObject({ code: 'VALIDATION' });
    const o3 = await pk.beginPasskeyAuthentication(session);
    const good = key.assert(o3, rp.origin);
    await expect(pk.verifySessionPasskey(session, good, meta)).resolves.toMatchObject({ method: 'passkey', purpose: 'sign_in' });
    const actor = (await actorForSession(b.sid, userId, meta))!;
    expect(actor.auth?.factorAt).toBeInstanceOf(Date);
    // The challenge was used: the same answer again finds none.
    await expect(pk.verifySessionPasskey({ ...session, pending: false }, good, meta)).rejects.toMatchObject({ code: 'CONFLICT' });
    const row = await db.passkey.findFirstOrThrow({ where: { userId }, select: { lastUsedAt: true, counter: true } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(row.counter).toBeGreaterThan(0n);
    const verified = await db.auditEvent.findMany({ where: { entityId: userId, action: { in: ['mfa.verified', 'mfa.verification_failed'] } }, select: { action: true, changes: true } });
    expect(verified.filter((e) => e.action === 'mfa.verification_failed')).toHaveLength(2);
    expect(JSON.parse(String(verified.find((e) => e.action === 'mfa.verified')?.changes))).toMatchObject({ method: 'passkey', purpose: 'sign_in' });
    await clearThrottle(userId);
  });

  it('gives the step-up, and refuses a signature counter that goes backwards (a cloned key)', async () => {
    const b = await browser(userId);
    await db.authSession.update({ where: { id: b.sid }, data: { factorAt: new Date(Date.now() - 11 * 60_000) } });
    const stale = await b.actor();
    expect(() => requireFreshFactor(stale)).toThrow(expect.objectContaining({ code: 'STEP_UP_REQUIRED' }));
    const session = await b.session();
    const o1 = await pk.beginPasskeyAuthentication(session);
    await expect(pk.verifySessionPasskey(session, key.assert(o1, rp.origin), meta)).resolves.toMatchObject({ purpose: 'step_up' });
    const fresh = await b.actor();
    expect(() => requireFreshFactor(fresh)).not.toThrow();
    const o2 = await pk.beginPasskeyAuthentication(session);
    await expect(pk.verifySessionPasskey(session, key.assert(o2, rp.origin, { counter: 1 }), meta)).rejects.toMatchObject({ code: 'VALIDATION' });
    await clearThrottle(userId);
  });

  it('renames only one’s own passkey; removing needs a fresh factor and takes the recovery codes with the last factor', async () => {
    const row = await db.passkey.findFirstOrThrow({ where: { userId }, select: { id: true } });
    const other = await browser(actors.AUDITOR.userId!);
    await expect(pk.renamePasskey(await other.actor(), row.id, 'Mine now')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const b = await browser(userId);
    const me = await b.actor();
    await expect(pk.renamePasskey(me, row.id, 'Work laptop')).resolves.toMatchObject({ name: 'Work laptop' });
    await expect(pk.removePasskey(me, row.id)).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await db.authSession.update({ where: { id: b.sid }, data: { factorAt: new Date() } });
    await pk.removePasskey(await b.actor(), row.id);
    expect(await hasSecondFactor(userId)).toBe(false);
    expect(await db.mfaRecoveryCode.count({ where: { userId } })).toBe(0);
    const events = (await db.auditEvent.findMany({ where: { entityId: userId, action: { startsWith: 'mfa.passkey' } }, orderBy: { seq: 'asc' }, select: { action: true } })).map((e) => e.action);
    expect(events).toEqual(['mfa.passkey_registered', 'mfa.passkey_renamed', 'mfa.passkey_removed']);
  });
});
