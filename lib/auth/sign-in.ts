import 'server-only';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { anonymousActor, type RequestMeta } from './actor';
import { markMfaRequirement } from './mfa/factors';
import { readMfaPolicy } from './mfa/policy';
import { burnPasswordCheck, verifyPassword } from './password';
import { userActor } from './session';
import { claimAttempt, recordFailure, recordSuccess, throttleMessage, throttleState } from './throttle';

export class SignInError extends Error {}

const GENERIC_FAILURE = 'Email or password is incorrect.';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks a password sign-in. Throttled per account and per IP; every
 * outcome is written to the audit trail.
 */
export async function signInWithPassword(rawEmail: string, password: string, meta: RequestMeta) {
  const email = normaliseEmail(rawEmail);
  if (!email || !password) throw new SignInError('Enter your email and password.');

  // Admitted attempts are counted before the password is checked (atomically),
  // so parallel guesses cannot all pass the check.
  const blocked = throttleMessage(await claimAttempt(email, meta.ip));
  if (blocked) throw new SignInError(blocked);

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, orgId: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  let ok = false;
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);

  if (!ok || !user) {
    await recordFailure(email, meta.ip);
    await db.$transaction((tx) =>
      recordEvent(tx, { ...anonymousActor(meta, email), orgId: user?.orgId ?? '' }, {
        action: 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        changes: { email },
      }),
    );
    const nowBlocked = throttleMessage(await throttleState(email, meta.ip));
    throw new SignInError(nowBlocked ?? GENERIC_FAILURE);
  }
  if (!user.active) throw new SignInError('This account has been deactivated. Ask an administrator to reactivate it.');

  await recordSuccess(email, meta.ip);
  const policy = await readMfaPolicy(user.orgId);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await markMfaRequirement(tx, user, policy);
    await recordEvent(tx, userActor(user, meta), { action: 'auth.signed_in', entityType: 'user', entityId: user.id, changes: { method: 'password' } });
  });
  return { id: user.id, email: user.email, name: user.name };
}

/** OIDC: only an existing, active portal user with the same email may sign in. */
export async function findActiveUserByEmail(rawEmail: string | null | undefined) {
  if (!rawEmail) return null;
  return db.user.findFirst({
    where: { email: normaliseEmail(rawEmail), active: true },
    select: { id: true, orgId: true, email: true, name: true, role: true, active: true },
  });
}

/** An SSO sign-in (OIDC or SAML) of an existing user; `idpMfa` when the IdP reported MFA (amr/acr). */
export async function recordOidcSignIn(userId: string, meta: RequestMeta, opts: { method?: 'oidc' | 'saml'; idpMfa?: boolean } = {}) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, orgId: true, email: true, name: true, role: true, active: true },
  });
  const policy = await readMfaPolicy(user.orgId);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    if (!(opts.idpMfa && policy.trustIdpMfa)) await markMfaRequirement(tx, user, policy);
    await recordEvent(tx, userActor(user, meta), {
      action: 'auth.signed_in',
      entityType: 'user',
      entityId: user.id,
      changes: { method: opts.method ?? 'oidc', idpMfa: Boolean(opts.idpMfa) },
    });
  });
  return { idpFactor: Boolean(opts.idpMfa && policy.trustIdpMfa) };
}
