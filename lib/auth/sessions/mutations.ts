import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeSelf } from '@/lib/auth/gate';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { notify } from '@/lib/notifications/notify';

// Ending sessions: the record is revoked, so the browser behind it is signed
// out on its very next request (actorForSession checks revokedAt).

/** Ends one of my other sessions (a lost laptop), or all of them but this one. */
export async function revokeMySessions(actor: Actor, input: { id?: string; allOthers?: boolean }) {
  const me = authorizeSelf(actor);
  const current = actor.auth?.sessionId ?? null;
  if (input.id && input.id === current) throw new AppError('CONFLICT', 'This is the session you are using: sign out instead.');
  return db.$transaction(async (tx) => {
    const where = input.id ? { id: input.id, userId: me.userId, revokedAt: null } : { userId: me.userId, revokedAt: null, ...(current ? { id: { not: current } } : {}) };
    if (!input.id && !input.allOthers) throw new AppError('VALIDATION', 'Say which session to end.');
    const ended = await tx.authSession.updateMany({ where, data: { revokedAt: new Date() } });
    if (input.id && ended.count === 0) throw notFound('The session');
    await recordEvent(tx, actor, { action: 'auth.session_revoked', entityType: 'user', entityId: me.userId, changes: { sessions: ended.count, ...(input.id ? { sessionId: input.id } : { allOthers: true }) } });
    return { ended: ended.count };
  });
}

/** An administrator ends every session of another person (they are told). */
export async function revokeUserSessions(actor: Actor, userId: string) {
  authorize(actor, 'users:manage');
  requireFreshFactor(actor);
  if (userId === actor.userId) throw new AppError('CONFLICT', 'End your own sessions on your account’s sessions page.');
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, orgId: actor.orgId }, select: { id: true } });
    if (!user) throw notFound('The user');
    const ended = await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordEvent(tx, actor, { action: 'auth.session_revoked', entityType: 'user', entityId: userId, changes: { sessions: ended.count, byAdministrator: true } });
    if (ended.count) {
      await notify(tx, {
        orgId: actor.orgId,
        userIds: [userId],
        kind: 'account.security',
        title: 'You were signed out everywhere',
        body: `${actor.name} ended your sessions. Sign in again; if you did not expect this, tell your administrator.`,
        link: '/account/sessions',
        entity: { type: 'user', id: userId },
      });
    }
    return { ended: ended.count };
  });
}
