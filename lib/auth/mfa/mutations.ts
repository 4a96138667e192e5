import 'server-only';
import type { Actor, RequestMeta, SessionUser } from '@/lib/auth/actor';
import { userActor } from '@/lib/auth/actor';
import { authorize, authorizeSelf } from '@/lib/auth/gate';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { claimAttempt, recordFailure, recordSuccess, throttleMessage, throttleState } from '@/lib/auth/throttle';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { authSecret } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { notify } from '@/lib/notifications/notify';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from './recovery';
import { newTotpSecret, openSecret, sealSecret, verifyTotpCode } from './totp';

// Verification counters share lib/auth/throttle.ts with passwords: one key per
// user for codes (so guessing codes and passwords are limited alike) plus the IP's.
const throttleKey = (userId: string) => `mfa:${userId}`;

async function claimCodeAttempt(userId: string, ip: string | null) {
  const blocked = throttleMessage(await claimAttempt(throttleKey(userId), ip));
  if (blocked) throw new AppError('RATE_LIMITED', blocked.replace('sign-in attempts', 'code attempts'));
}

async function refuseCode(actor: Actor, userId: string, ip: string | null, purpose: string): Promise<never> {
  await recordFailure(throttleKey(userId), ip);
  await db.$transaction((tx) => recordEvent(tx, actor, { action: 'mfa.verification_failed', entityType: 'user', entityId: userId, changes: { purpose } }));
  const blocked = throttleMessage(await throttleState(throttleKey(userId), ip));
  throw new AppError('VALIDATION', blocked?.replace('sign-in attempts', 'code attempts') ?? 'That code is not right. Check your authenticator app and try again.', {
    fieldErrors: { code: ['That code is not right'] },
  });
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
  await tx.mfaRecoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
  return codes;
}

/** Starts (or restarts) adding an authenticator app: a new secret, not yet a factor. */
export async function beginTotpEnrolment(actor: Actor) {
  const me = authorizeSelf(actor);
  return db.$transaction(async (tx) => {
    const existing = await tx.mfaTotp.findUnique({ where: { userId: me.userId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new AppError('CONFLICT', 'An authenticator app is already set up. Remove it first to set up another.');
    const secretEnc = sealSecret(newTotpSecret(), authSecret());
    await tx.mfaTotp.upsert({ where: { userId: me.userId }, create: { userId: me.userId, secretEnc }, update: { secretEnc, lastTimeStep: null, createdAt: new Date() } });
    await recordEvent(tx, actor, { action: 'mfa.totp_enrolment_started', entityType: 'user', entityId: me.userId });
    return { started: true };
  });
}

/** The first code from the app makes it a factor; the ten recovery codes are returned once. */
export async function confirmTotpEnrolment(actor: Actor, code: string) {
  const me = authorizeSelf(actor);
  const row = await db.mfaTotp.findUnique({ where: { userId: me.userId }, select: { secretEnc: true, confirmedAt: true } });
  if (!row) throw new AppError('CONFLICT', 'Start setting up the authenticator app first.');
  if (row.confirmedAt) throw new AppError('CONFLICT', 'The authenticator app is already confirmed.');
  await claimCodeAttempt(me.userId, actor.request.ip);
  const step = verifyTotpCode(openSecret(row.secretEnc, authSecret()), code);
  if (step === null) return refuseCode(actor, me.userId, actor.request.ip, 'enrolment');
  await recordSuccess(throttleKey(me.userId), actor.request.ip);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.mfaTotp.updateMany({ where: { userId: me.userId, confirmedAt: null }, data: { confirmedAt: now, lastTimeStep: step, lastUsedAt: now } });
    if (updated.count !== 1) throw new AppError('CONFLICT', 'The authenticator app is already confirmed.');
    const codes = await replaceRecoveryCodes(tx, me.userId);
    if (actor.auth) await tx.authSession.update({ where: { id: actor.auth.sessionId }, data: { factorAt: now, factorMethod: 'totp' } });
    await recordEvent(tx, actor, { action: 'mfa.totp_enrolled', entityType: 'user', entityId: me.userId, changes: { recoveryCodes: codes.length } });
    return { recoveryCodes: codes };
  });
}

/** New recovery codes replace all the old ones (shown once). */
export async function regenerateRecoveryCodes(actor: Actor) {
  const me = authorizeSelf(actor);
  requireFreshFactor(actor);
  return db.$transaction(async (tx) => {
    const totp = await tx.mfaTotp.findUnique({ where: { userId: me.userId }, select: { confirmedAt: true } });
    const passkeys = await tx.passkey.count({ where: { userId: me.userId } });
    if (!totp?.confirmedAt && passkeys === 0) throw new AppError('CONFLICT', 'Set up an authenticator app or a passkey first; recovery codes stand in for them.');
    const codes = await replaceRecoveryCodes(tx, me.userId);
    await recordEvent(tx, actor, { action: 'mfa.recovery_codes_regenerated', entityType: 'user', entityId: me.userId, changes: { recoveryCodes: codes.length } });
    return { recoveryCodes: codes };
  });
}

export async function removeTotp(actor: Actor) {
  const me = authorizeSelf(actor);
  requireFreshFactor(actor);
  return db.$transaction(async (tx) => {
    const removed = await tx.mfaTotp.deleteMany({ where: { userId: me.userId } });
    if (!removed.count) throw notFound('The authenticator app');
    if ((await tx.passkey.count({ where: { userId: me.userId } })) === 0) await tx.mfaRecoveryCode.deleteMany({ where: { userId: me.userId } });
    await recordEvent(tx, actor, { action: 'mfa.totp_removed', entityType: 'user', entityId: me.userId });
    return { removed: true };
  });
}

/**
 * Checks a code from the authenticator app or a recovery code for the
 * browser's session: at sign-in it completes the session, later it is the
 * step-up that makes sensitive actions possible for 10 minutes.
 */
export async function verifySessionFactor(session: { sid: string; pending: boolean; user: SessionUser }, code: string, meta: RequestMeta) {
  const actor = userActor(session.user, meta);
  const userId = session.user.id;
  const purpose = session.pending ? 'sign_in' : 'step_up';
  await claimCodeAttempt(userId, meta.ip);
  const totp = await db.mfaTotp.findUnique({ where: { userId }, select: { secretEnc: true, confirmedAt: true, lastTimeStep: true } });
  let method: 'totp' | 'recovery_code' | null = null;
  let step: number | null = null;
  if (totp?.confirmedAt && /^\s*\d{3}\s?\d{3}\s*$/.test(code)) {
    step = verifyTotpCode(openSecret(totp.secretEnc, authSecret()), code, { afterTimeStep: totp.lastTimeStep });
    if (step !== null) method = 'totp';
  } else if (looksLikeRecoveryCode(code)) {
    const used = await db.mfaRecoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: new Date() } });
    if (used.count === 1) method = 'recovery_code';
  }
  if (!method) return refuseCode(actor, userId, meta.ip, purpose);
  await recordSuccess(throttleKey(userId), meta.ip);
  await completeFactor(actor, session.sid, method, purpose, async (tx) => {
    // A code's time step is claimed atomically: the same code twice (even in parallel) is used once.
    if (method === 'totp') {
      const claimed = await tx.mfaTotp.updateMany({ where: { userId, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: step! } }] }, data: { lastTimeStep: step!, lastUsedAt: new Date() } });
      if (claimed.count !== 1) throw new AppError('VALIDATION', 'That code has already been used. Wait for the next one.', { fieldErrors: { code: ['Already used'] } });
    }
  });
  const left = method === 'recovery_code' ? await db.mfaRecoveryCode.count({ where: { userId, usedAt: null } }) : null;
  return { method, purpose, recoveryCodesLeft: left };
}

/** Marks the session as verified now (shared with passkeys) and writes the event. */
export async function completeFactor(actor: Actor, sid: string, method: string, purpose: string, inside?: (tx: Tx) => Promise<void>) {
  await db.$transaction(async (tx) => {
    if (inside) await inside(tx);
    await tx.authSession.update({ where: { id: sid }, data: { mfaPending: false, factorAt: new Date(), factorMethod: method } });
    await recordEvent(tx, actor, { action: 'mfa.verified', entityType: 'user', entityId: actor.userId, changes: { method, purpose } });
  });
}

/**
 * An administrator removes every factor of another user (a lost phone):
 * their sessions end, they must enrol again at their next sign-in (no new
 * grace period), and they are told.
 */
export async function resetUserMfa(actor: Actor, userId: string) {
  authorize(actor, 'users:manage');
  requireFreshFactor(actor);
  if (userId === actor.userId) throw new AppError('CONFLICT', 'Manage your own second factors on your account’s security page.');
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, orgId: actor.orgId }, select: { id: true, email: true } });
    if (!user) throw notFound('The user');
    const enrolled = (await tx.mfaTotp.count({ where: { userId, confirmedAt: { not: null } } })) + (await tx.passkey.count({ where: { userId } }));
    if (!enrolled) throw new AppError('CONFLICT', `${user.email} has no second factor to reset.`);
    const [totp, passkeys, codes] = await Promise.all([
      tx.mfaTotp.deleteMany({ where: { userId } }),
      tx.passkey.deleteMany({ where: { userId } }),
      tx.mfaRecoveryCode.deleteMany({ where: { userId } }),
    ]);
    await tx.user.update({ where: { id: userId }, data: { mfaRequiredSince: new Date(0) } });
    const sessions = await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordEvent(tx, actor, {
      action: 'mfa.reset',
      entityType: 'user',
      entityId: userId,
      changes: { totp: totp.count, passkeys: passkeys.count, recoveryCodes: codes.count, sessionsEnded: sessions.count },
    });
    await notify(tx, {
      orgId: actor.orgId,
      userIds: [userId],
      kind: 'account.security',
      title: 'Your second factor was reset',
      body: `${actor.name} removed your authenticator app, passkeys and recovery codes. Set up a new second factor when you next sign in. If you did not ask for this, tell your administrator.`,
      link: '/account/security',
      entity: { type: 'user', id: userId },
    });
    return { id: userId, removed: { totp: totp.count, passkeys: passkeys.count, recoveryCodes: codes.count } };
  });
}
