import 'server-only';
import { cookies, headers } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { cache } from 'react';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { authSecret, env } from '@/lib/env';
import { userActor, type Actor, type RequestMeta, type SessionUser } from './actor';
import { readMfaPolicy } from './mfa/policy';
import { mfaStanding } from './mfa/standing';
import { safeRedirectPath } from './redirect';
import { metaFromHeaders } from './request';

export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;
// lastSeenAt is written at most this often per session, not on every request.
const TOUCH_INTERVAL_MS = 60_000;
const PENDING_SESSION_MS = 10 * 60_000;
/** A session ends this long after sign-in, however active it is (next-auth
 *  re-issues its cookie on use, so the limit is kept on the server record). */
export const ABSOLUTE_SESSION_SECONDS = 7 * 24 * 3600;

export { userActor };

/** Starts the server-side session record a browser cookie points at. */
export async function startSession(
  userId: string,
  meta?: Partial<RequestMeta> & { userAgent?: string | null },
  mfa: { pending?: boolean; factorMethod?: string } = {},
) {
  const row = await db.authSession.create({
    data: {
      userId,
      ip: meta?.ip ?? null,
      userAgent: meta?.userAgent?.slice(0, 300) ?? null,
      mfaPending: mfa.pending ?? false,
      factorAt: mfa.factorMethod ? new Date() : null,
      factorMethod: mfa.factorMethod ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

export async function endSession(sid: string): Promise<void> {
  await db.authSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Sign-out: ends the session record and writes the event, together. */
export async function signOutSession(sid: string, meta: RequestMeta): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.authSession.findUnique({
      where: { id: sid },
      select: { revokedAt: true, user: { select: { id: true, orgId: true, email: true, name: true, role: true, active: true } } },
    });
    if (!row || row.revokedAt) return;
    await tx.authSession.update({ where: { id: sid }, data: { revokedAt: new Date() } });
    await recordEvent(tx, userActor(row.user, meta), { action: 'auth.signed_out', entityType: 'user', entityId: row.user.id });
  });
}

const SESSION_SELECT = {
  revokedAt: true,
  createdAt: true,
  lastSeenAt: true,
  mfaPending: true,
  factorAt: true,
  factorMethod: true,
  user: {
    select: {
      id: true,
      orgId: true,
      email: true,
      name: true,
      role: true,
      active: true,
      mfaRequiredSince: true,
      mfaTotp: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true } },
    },
  },
} as const;

/**
 * Resolves a session id to the user behind it, enforcing revocation,
 * deactivation, the inactivity timeout and the second factor on every
 * request. A session still waiting for its second factor is nobody here
 * (only /sign-in/verify reads it, through pendingSession).
 */
export async function actorForSession(sid: string, uid: string, meta: RequestMeta): Promise<Actor | null> {
  const row = await liveSession(sid, uid);
  if (!row || row.mfaPending) return null;
  const now = Date.now();
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.authSession.update({ where: { id: sid }, data: { lastSeenAt: new Date(now) } });
  }
  const policy = await readMfaPolicy(row.user.orgId);
  const enrolled = Boolean(row.user.mfaTotp?.confirmedAt) || row.user._count.passkeys > 0 || (policy.trustIdpMfa && row.factorMethod === 'idp');
  const standing = mfaStanding({ role: row.user.role, enrolled, mfaRequiredSince: row.user.mfaRequiredSince }, policy, new Date(now));
  return { ...userActor(row.user, meta), auth: { sessionId: sid, factorAt: row.factorAt, enrolled, mustEnrol: standing.mustEnrol } };
}

/** The session record if it is still valid (not revoked, user active, not idle or too old). */
async function liveSession(sid: string, uid: string) {
  const row = await db.authSession.findUnique({ where: { id: sid }, select: SESSION_SELECT });
  if (!row || row.revokedAt || !row.user.active || row.user.id !== uid) return null;
  const now = Date.now();
  // A half-open session (password given, second factor not yet) lasts minutes, not days.
  if (row.mfaPending && now - row.createdAt.getTime() > PENDING_SESSION_MS) {
    await endSession(sid);
    return null;
  }
  const idleMs = env().SESSION_IDLE_MINUTES * 60_000;
  if (now - row.lastSeenAt.getTime() > idleMs || now - row.createdAt.getTime() > ABSOLUTE_SESSION_SECONDS * 1000) {
    await endSession(sid);
    return null;
  }
  return row;
}

/** The browser's session whether or not its second factor is still to come (the verify page). */
export async function currentSession(): Promise<{ sid: string; pending: boolean; user: SessionUser } | null> {
  const jar = await cookies();
  const token = await readSessionToken((n) => jar.get(n)?.value);
  if (!token) return null;
  const row = await liveSession(token.sid, token.uid);
  if (!row) return null;
  const { id, orgId, email, name, role, active } = row.user;
  return { sid: token.sid, pending: row.mfaPending, user: { id, orgId, email, name, role, active } };
}

export async function readSessionToken(get: (name: string) => string | undefined) {
  for (const name of SESSION_COOKIES) {
    const value = get(name);
    if (!value) continue;
    const token = await decode({ token: value, secret: authSecret() }).catch(() => null);
    if (token && typeof token.sid === 'string' && typeof token.uid === 'string') {
      return { sid: token.sid, uid: token.uid };
    }
  }
  return null;
}

/** The signed-in user for this request, or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const token = await readSessionToken((n) => jar.get(n)?.value);
  if (!token) return null;
  return actorForSession(token.sid, token.uid, metaFromHeaders(await headers()));
});

/** For pages: the signed-in user, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  const path = (await headers()).get('x-pathname') ?? '/';
  if (!actor) {
    // Imported here: scripts run with the react-server condition (the seed, jobs)
    // load this module, and next/navigation cannot load outside a render.
    const { redirect } = await import('next/navigation');
    const pending = (await currentSession())?.pending;
    return redirect(`${pending ? '/sign-in/verify' : '/sign-in'}?callbackUrl=${encodeURIComponent(safeRedirectPath(path))}`);
  }
  // The MFA policy holds a user past the grace period at enrolment.
  if (actor.auth?.mustEnrol && !path.startsWith('/account/security')) {
    const { redirect } = await import('next/navigation');
    return redirect('/account/security?enrol=required');
  }
  return actor;
}
