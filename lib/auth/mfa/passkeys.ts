import 'server-only';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Actor, RequestMeta, SessionUser } from '@/lib/auth/actor';
import { userActor } from '@/lib/auth/actor';
import { authorizeSelf } from '@/lib/auth/gate';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { claimAttempt, recordFailure, recordSuccess, throttleMessage } from '@/lib/auth/throttle';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { publicBaseUrl } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { hashRecoveryCode, newRecoveryCodes } from './recovery';

// WebAuthn (passkeys and security keys) as a second factor. The relying party
// is the portal's public address: its host name is the RP ID, its origin the
// only origin accepted. The challenge lives on the browser's AuthSession and is
// consumed by the first answer, right or wrong.

export function relyingParty(base = publicBaseUrl()) {
  const url = new URL(base);
  return { rpID: url.hostname, origin: url.origin, rpName: 'AI Governance Portal' };
}

const REGISTER = 'reg:';
const AUTHENTICATE = 'auth:';
const throttleKey = (userId: string) => `mfa:${userId}`;

function parseJson<T>(raw: string, field: string): T {
  try {
    const value = JSON.parse(raw) as unknown;
    if (value && typeof value === 'object') return value as T;
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError('VALIDATION', 'The browser’s passkey answer could not be read. Try again.', { fieldErrors: { [field]: ['Not a passkey answer'] } });
}

/** Takes the session's challenge of the given kind, once: a second use (or a parallel one) finds none. */
async function takeChallenge(sid: string, kind: string): Promise<string> {
  const row = await db.authSession.findUnique({ where: { id: sid }, select: { webauthnChallenge: true } });
  const stored = row?.webauthnChallenge;
  if (!stored?.startsWith(kind)) throw new AppError('CONFLICT', 'The passkey request has expired. Start again.');
  const taken = await db.authSession.updateMany({ where: { id: sid, webauthnChallenge: stored }, data: { webauthnChallenge: null } });
  if (taken.count !== 1) throw new AppError('CONFLICT', 'The passkey request has expired. Start again.');
  return stored.slice(kind.length);
}

/** Options for navigator.credentials.create(): the user's existing keys are excluded. */
export async function beginPasskeyRegistration(actor: Actor) {
  const me = authorizeSelf(actor);
  if (!actor.auth) throw new AppError('FORBIDDEN', 'Passkeys are added from a browser session.');
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.userId },
    select: { email: true, name: true, passkeys: { select: { credentialId: true, transports: true } } },
  });
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(me.userId),
    attestationType: 'none',
    excludeCredentials: user.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await db.authSession.update({ where: { id: actor.auth.sessionId }, data: { webauthnChallenge: `${REGISTER}${options.challenge}` } });
  return options;
}

async function issueRecoveryCodesIfNone(tx: Tx, userId: string): Promise<string[] | null> {
  if ((await tx.mfaRecoveryCode.count({ where: { userId } })) > 0) return null;
  const codes = newRecoveryCodes();
  await tx.mfaRecoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
  return codes;
}

/**
 * Checks the authenticator's answer and stores the credential. The first
 * factor a person sets up also gets the ten recovery codes (shown once).
 */
export async function finishPasskeyRegistration(actor: Actor, input: { name: string; response: string }) {
  const me = authorizeSelf(actor);
  if (!actor.auth) throw new AppError('FORBIDDEN', 'Passkeys are added from a browser session.');
  const response = parseJson<RegistrationResponseJSON>(input.response, 'response');
  const challenge = await takeChallenge(actor.auth.sessionId, REGISTER);
  const rp = relyingParty();
  let verified;
  try {
    verified = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false });
  } catch (error) {
    throw new AppError('VALIDATION', `The passkey was not accepted: ${(error as Error).message}`, { fieldErrors: { response: ['Not accepted'] } });
  }
  if (!verified.verified) throw new AppError('VALIDATION', 'The passkey was not accepted.', { fieldErrors: { response: ['Not accepted'] } });
  const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
  const sid = actor.auth.sessionId;
  return db.$transaction(async (tx) => {
    const existing = await tx.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } });
    if (existing) throw new AppError('CONFLICT', 'This passkey is already registered.');
    const row = await tx.passkey.create({
      data: {
        userId: me.userId,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        name: input.name,
      },
      select: { id: true, name: true },
    });
    const recoveryCodes = await issueRecoveryCodesIfNone(tx, me.userId);
    // The key was just used in this session: it counts as a fresh factor.
    await tx.authSession.update({ where: { id: sid }, data: { factorAt: new Date(), factorMethod: 'passkey' } });
    await recordEvent(tx, actor, {
      action: 'mfa.passkey_registered',
      entityType: 'user',
      entityId: me.userId,
      changes: { passkeyId: row.id, name: row.name, deviceType: credentialDeviceType, backedUp: credentialBackedUp, recoveryCodes: recoveryCodes?.length ?? 0 },
    });
    return { id: row.id, name: row.name, recoveryCodes };
  });
}

export async function renamePasskey(actor: Actor, id: string, name: string) {
  const me = authorizeSelf(actor);
  return db.$transaction(async (tx) => {
    const row = await tx.passkey.findFirst({ where: { id, userId: me.userId }, select: { name: true } });
    if (!row) throw notFound('The passkey');
    await tx.passkey.update({ where: { id }, data: { name } });
    await recordEvent(tx, actor, { action: 'mfa.passkey_renamed', entityType: 'user', entityId: me.userId, changes: { passkeyId: id, name: { from: row.name, to: name } } });
    return { id, name };
  });
}

export async function removePasskey(actor: Actor, id: string) {
  const me = authorizeSelf(actor);
  requireFreshFactor(actor);
  return db.$transaction(async (tx) => {
    const row = await tx.passkey.findFirst({ where: { id, userId: me.userId }, select: { name: true } });
    if (!row) throw notFound('The passkey');
    await tx.passkey.delete({ where: { id } });
    const others = (await tx.passkey.count({ where: { userId: me.userId } })) + (await tx.mfaTotp.count({ where: { userId: me.userId, confirmedAt: { not: null } } }));
    // Recovery codes stand in for a factor; with none left they would be one on their own.
    if (others === 0) await tx.mfaRecoveryCode.deleteMany({ where: { userId: me.userId } });
    await recordEvent(tx, actor, { action: 'mfa.passkey_removed', entityType: 'user', entityId: me.userId, changes: { passkeyId: id, name: row.name } });
    return { id };
  });
}

type BrowserSession = { sid: string; pending: boolean; user: SessionUser };

/** Options for navigator.credentials.get(), limited to this user's keys (sign-in step two, or step-up). */
export async function beginPasskeyAuthentication(session: BrowserSession) {
  const keys = await db.passkey.findMany({ where: { userId: session.user.id }, select: { credentialId: true, transports: true } });
  if (keys.length === 0) throw new AppError('CONFLICT', 'You have no passkey. Use your authenticator app or a recovery code.');
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: k.transports })),
    userVerification: 'preferred',
  });
  await db.authSession.update({ where: { id: session.sid }, data: { webauthnChallenge: `${AUTHENTICATE}${options.challenge}` } });
  return options;
}

/**
 * Checks a passkey's signature for the browser's session: completes a
 * half-open sign-in or gives the step-up. Throttled and audited like codes.
 */
export async function verifySessionPasskey(session: BrowserSession, rawResponse: string, meta: RequestMeta) {
  const actor = userActor(session.user, meta);
  const userId = session.user.id;
  const purpose = session.pending ? 'sign_in' : 'step_up';
  const blocked = throttleMessage(await claimAttempt(throttleKey(userId), meta.ip));
  if (blocked) throw new AppError('RATE_LIMITED', blocked.replace('sign-in attempts', 'passkey attempts'));
  const response = parseJson<AuthenticationResponseJSON>(rawResponse, 'response');
  const challenge = await takeChallenge(session.sid, AUTHENTICATE);
  const key = typeof response.id === 'string' ? await db.passkey.findFirst({ where: { credentialId: response.id, userId }, select: { id: true, credentialId: true, publicKey: true, counter: true, transports: true } }) : null;
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>> | null = null;
  if (key) {
    const rp = relyingParty();
    result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: false,
      credential: { id: key.credentialId, publicKey: new Uint8Array(key.publicKey), counter: Number(key.counter), transports: key.transports as never },
    }).catch(() => null);
  }
  if (!key || !result?.verified) {
    await recordFailure(throttleKey(userId), meta.ip);
    await db.$transaction((tx) => recordEvent(tx, actor, { action: 'mfa.verification_failed', entityType: 'user', entityId: userId, changes: { purpose, method: 'passkey' } }));
    throw new AppError('VALIDATION', 'That passkey was not accepted. Try again, or use your authenticator app or a recovery code.', { fieldErrors: { response: ['Not accepted'] } });
  }
  await recordSuccess(throttleKey(userId), meta.ip);
  const { newCounter } = result.authenticationInfo;
  await db.$transaction(async (tx) => {
    // A signature counter that does not move forward (when the key keeps one) means a cloned key.
    const moved = await tx.passkey.updateMany({
      where: { id: key.id, ...(newCounter > 0 ? { counter: { lt: BigInt(newCounter) } } : {}) },
      data: { counter: BigInt(newCounter), lastUsedAt: new Date() },
    });
    if (moved.count !== 1) throw new AppError('CONFLICT', 'This passkey’s signature counter went backwards; it may have been copied. Remove it and add it again.');
    await tx.authSession.update({ where: { id: session.sid }, data: { mfaPending: false, factorAt: new Date(), factorMethod: 'passkey' } });
    await recordEvent(tx, actor, { action: 'mfa.verified', entityType: 'user', entityId: userId, changes: { method: 'passkey', purpose, passkeyId: key.id } });
  });
  return { method: 'passkey' as const, purpose };
}
