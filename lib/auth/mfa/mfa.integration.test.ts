import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, SessionUser } from '@/lib/auth/actor';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('mfa');
const { db } = await import('@/lib/db');
const { authSecret } = await import('@/lib/env');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { actorForSession, startSession } = await import('@/lib/auth/session');
const { authorize } = await import('@/lib/auth/gate');
const mfa = await import('./mutations');
const { updateMfaPolicy } = await import('./policy');
const { openSecret, totpCode } = await import('./totp');
const { createToken } = await import('@/lib/tokens/mutations');
const { changeUserRole } = await import('@/lib/users/mutations');

const meta = { id: 'req-mfa', ip: '10.9.0.1' };
let actors: Record<string, Actor>;
let orgId: string;

async function sessionUser(id: string): Promise<SessionUser> {
  return db.user.findUniqueOrThrow({ where: { id }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
}

/** A real browser session for the user, as actorForSession sees it on each request. */
async function sessionActor(userId: string, opts: { pending?: boolean } = {}) {
  const sid = await startSession(userId, { ip: meta.ip, userAgent: 'vitest' }, { pending: opts.pending });
  return { sid, actor: () => actorForSession(sid, userId, meta) };
}

async function secretOf(userId: string) {
  const row = await db.mfaTotp.findUniqueOrThrow({ where: { userId }, select: { secretEnc: true } });
  return openSecret(row.secretEnc, authSecret());
}

async function clearThrottle(userId: string) {
  await db.loginThrottle.deleteMany({ where: { key: { in: [`acct:mfa:${userId}`, `ip:${meta.ip}`] } } });
}

/** Enrols TOTP for a user through a session, as the account page does; returns the secret and the recovery codes. */
async function enrolTotp(userId: string) {
  const { actor } = await sessionActor(userId);
  const me = (await actor())!;
  await mfa.beginTotpEnrolment(me);
  const secret = await secretOf(userId);
  // A code from the previous step: the sign-in checks below may use the current one.
  const { recoveryCodes } = await mfa.confirmTotpEnrolment(me, totpCode(secret, Math.floor(Date.now() / 1000) - 30));
  return { secret, recoveryCodes };
}

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('MFA Org'));
});

describe('TOTP enrolment', () => {
  it('is active only after a correct code, with ten single-use recovery codes stored hashed', async () => {
    const userId = actors.ENGINEER.userId!;
    const { actor } = await sessionActor(userId);
    const me = (await actor())!;
    await mfa.beginTotpEnrolment(me);
    expect((await db.mfaTotp.findUniqueOrThrow({ where: { userId } })).confirmedAt).toBeNull();
    expect((await actor())!.auth?.enrolled).toBe(false);
    await expect(mfa.confirmTotpEnrolment(me, '000000')).rejects.toMatchObject({ code: 'VALIDATION' });
    await clearThrottle(userId);
    const secret = await secretOf(userId);
    const { recoveryCodes } = await mfa.confirmTotpEnrolment(me, totpCode(secret));
    expect(recoveryCodes).toHaveLength(10);
    const stored = await db.mfaRecoveryCode.findMany({ where: { userId }, select: { codeHash: true } });
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.codeHash)).not.toContain(recoveryCodes[0]);
    const after = (await actor())!;
    expect(after.auth).toMatchObject({ enrolled: true });
    expect(after.auth?.factorAt).toBeInstanceOf(Date);
    const actions = (await db.auditEvent.findMany({ where: { entityId: userId, action: { startsWith: 'mfa.' } }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['mfa.totp_enrolment_started', 'mfa.verification_failed', 'mfa.totp_enrolled']));
  });
});

describe('sign-in with a second factor', () => {
  it('a half-open session is nobody until the code is given; a code works once; wrong codes are refused and recorded', async () => {
    const userId = actors.AUDITOR.userId!;
    const { secret } = await enrolTotp(userId);
    const { sid, actor } = await sessionActor(userId, { pending: true });
    expect(await actor()).toBeNull();
    const session = { sid, pending: true, user: await sessionUser(userId) };
    await expect(mfa.verifySessionFactor(session, '123456', meta)).rejects.toMatchObject({ code: 'VALIDATION' });
    await clearThrottle(userId);
    const code = totpCode(secret);
    await expect(mfa.verifySessionFactor(session, code, meta)).resolves.toMatchObject({ method: 'totp', purpose: 'sign_in' });
    expect((await actor())?.userId).toBe(userId);
    // The same code again (a replay within its 30 s) is refused.
    const second = await sessionActor(userId, { pending: true });
    await expect(mfa.verifySessionFactor({ ...session, sid: second.sid }, code, meta)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await second.actor()).toBeNull();
    expect(await db.auditEvent.count({ where: { entityId: userId, action: 'mfa.verification_failed' } })).toBeGreaterThanOrEqual(2);
  });

  it('a recovery code stands in once', async () => {
    const userId = actors.COMPLIANCE_OFFICER.userId!;
    const { recoveryCodes } = await enrolTotp(userId);
    const first = await sessionActor(userId, { pending: true });
    const user = await sessionUser(userId);
    await expect(mfa.verifySessionFactor({ sid: first.sid, pending: true, user }, recoveryCodes[3].toUpperCase(), meta)).resolves.toMatchObject({ method: 'recovery_code', recoveryCodesLeft: 9 });
    const again = await sessionActor(userId, { pending: true });
    await expect(mfa.verifySessionFactor({ sid: again.sid, pending: true, user }, recoveryCodes[3], meta)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('is rate limited: after repeated wrong codes even the right one waits', async () => {
    const userId = actors.AUDITOR.userId!;
    await clearThrottle(userId);
    const { sid } = await sessionActor(userId, { pending: true });
    const session = { sid, pending: true, user: await sessionUser(userId) };
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) outcomes.push(await mfa.verifySessionFactor(session, '000001', meta).then(() => 'ok', (e: { code: string }) => e.code));
    expect(outcomes).toContain('RATE_LIMITED');
    await expect(mfa.verifySessionFactor(session, totpCode(await secretOf(userId), Math.floor(Date.now() / 1000) + 30), meta)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await clearThrottle(userId);
  });
});

describe('step-up', () => {
  it('refuses sensitive actions when the factor is older than 10 minutes and allows them after verifying again', async () => {
    const userId = actors.ADMIN.userId!;
    const { secret } = await enrolTotp(userId);
    const { sid, actor } = await sessionActor(userId);
    await db.authSession.update({ where: { id: sid }, data: { factorAt: new Date(Date.now() - 11 * 60_000) } });
    const stale = (await actor())!;
    await expect(createToken(stale, { name: 'ci', scopes: ['models:read'], expiresInDays: 30 })).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await expect(changeUserRole(stale, { id: actors.ENGINEER.userId!, role: 'AUDITOR' })).rejects.toMatchObject({ code: 'STEP_UP_REQUIRED' });
    expect(await db.apiToken.count({ where: { orgId } })).toBe(0);
    await clearThrottle(userId);
    await mfa.verifySessionFactor({ sid, pending: false, user: await sessionUser(userId) }, totpCode(secret), meta);
    const fresh = (await actor())!;
    await expect(createToken(fresh, { name: 'ci', scopes: ['models:read'], expiresInDays: 30 })).resolves.toMatchObject({ name: 'ci' });
    expect(await db.auditEvent.count({ where: { entityId: userId, action: 'mfa.verified', changes: { contains: 'step_up' } } })).toBe(1);
  });

  it('a user without any factor is not stepped up while the policy does not require one', async () => {
    const { actors: more } = await createOrgWithRoles('No MFA Org');
    const { actor } = await sessionActor(more.ENGINEER.userId!);
    const engineer = (await actor())!;
    expect(engineer.auth).toMatchObject({ enrolled: false, mustEnrol: false });
  });
});

describe('the MFA policy', () => {
  it('closes the portal to a required user past the grace period, except enrolment', async () => {
    const { actors: org2 } = await createOrgWithRoles('Policy Org');
    const userId = org2.ENGINEER.userId!;
    const adminSession = await sessionActor(org2.ADMIN.userId!);
    // The org's admin has no factor either and is inside the default grace period.
    const admin = (await adminSession.actor())!;
    await updateMfaPolicy(admin, { requiredRoles: ['ADMIN', 'COMPLIANCE_OFFICER', 'ENGINEER'], graceDays: 7, trustIdpMfa: false });
    await db.user.update({ where: { id: userId }, data: { mfaRequiredSince: new Date(Date.now() - 8 * 86_400_000) } });
    const { actor } = await sessionActor(userId);
    const held = (await actor())!;
    expect(held.auth?.mustEnrol).toBe(true);
    expect(() => authorize(held, 'models:read')).toThrow(expect.objectContaining({ code: 'MFA_ENROLMENT_REQUIRED' }));
    await expect(mfa.beginTotpEnrolment(held)).resolves.toEqual({ started: true });
    await mfa.confirmTotpEnrolment(held, totpCode(await secretOf(userId)));
    const released = (await actor())!;
    expect(released.auth?.mustEnrol).toBe(false);
    expect(authorize(released, 'models:read').userId).toBe(userId);
  });
});

describe('admin reset', () => {
  it('removes every factor, ends the sessions, tells the user and is audited', async () => {
    const userId = actors.ENGINEER.userId!;
    const { actor } = await sessionActor(userId);
    expect(await actor()).not.toBeNull();
    const admin = actors.ADMIN; // built outside a request: not stepped up
    await expect(mfa.resetUserMfa(actors.COMPLIANCE_OFFICER, userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(mfa.resetUserMfa(admin, userId)).resolves.toMatchObject({ removed: { totp: 1, recoveryCodes: 10 } });
    expect(await actor()).toBeNull();
    expect(await db.mfaTotp.count({ where: { userId } })).toBe(0);
    expect(await db.notification.count({ where: { userId, kind: 'account.security' } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: userId, action: 'mfa.reset' } })).toBe(1);
    await expect(mfa.resetUserMfa(admin, userId)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
