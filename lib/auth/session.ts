import 'server-only';
import { cookies, headers } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { cache } from 'react';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { authSecret, env } from '@/lib/env';
import { userActor, type Actor, type RequestMeta } from './actor';
import { safeRedirectPath } from './redirect';
import { metaFromHeaders } from './request';

export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'] as const;
// lastSeenAt is written at most this often per session, not on every request.
const TOUCH_INTERVAL_MS = 60_000;
/** A session ends this long after sign-in, however active it is (next-auth
 *  re-issues its cookie on use, so the limit is kept on the server record). */
export const ABSOLUTE_SESSION_SECONDS = 7 * 24 * 3600;

export { userActor };

/** Starts the server-side session record a browser cookie points at. */
export async function startSession(userId: string, meta?: Partial<RequestMeta> & { userAgent?: string | null }) {
  const row = await db.authSession.create({
    data: { userId, ip: meta?.ip ?? null, userAgent: meta?.userAgent?.slice(0, 300) ?? null },
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

/**
 * Resolves a session id to the user behind it, enforcing revocation,
 * deactivation and the inactivity timeout on every request.
 */
export async function actorForSession(sid: string, uid: string, meta: RequestMeta): Promise<Actor | null> {
  const row = await db.authSession.findUnique({
    where: { id: sid },
    select: {
      revokedAt: true,
      createdAt: true,
      lastSeenAt: true,
      user: { select: { id: true, orgId: true, email: true, name: true, role: true, active: true } },
    },
  });
  if (!row || row.revokedAt || !row.user.active || row.user.id !== uid) return null;
  const now = Date.now();
  const idleMs = env().SESSION_IDLE_MINUTES * 60_000;
  if (now - row.lastSeenAt.getTime() > idleMs || now - row.createdAt.getTime() > ABSOLUTE_SESSION_SECONDS * 1000) {
    await endSession(sid);
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.authSession.update({ where: { id: sid }, data: { lastSeenAt: new Date(now) } });
  }
  return userActor(row.user, meta);
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
  if (!actor) {
    const path = (await headers()).get('x-pathname') ?? '/';
    // Imported here: scripts run with the react-server condition (the seed, jobs)
    // load this module, and next/navigation cannot load outside a render.
    const { redirect } = await import('next/navigation');
    return redirect(`/sign-in?callbackUrl=${encodeURIComponent(safeRedirectPath(path))}`);
  }
  return actor;
}
