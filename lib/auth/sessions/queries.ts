import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeSelf, can } from '@/lib/auth/gate';
import { ABSOLUTE_SESSION_SECONDS } from '@/lib/auth/session';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { notFound } from '@/lib/errors';
import { describeDevice } from './device';

// A person's browser sessions and their sign-in history. "Active" is what
// actorForSession would still accept: not revoked, past the second step, not
// idle longer than SESSION_IDLE_MINUTES and younger than the absolute limit.

/** The where clause of the sessions actorForSession still accepts. */
export function activeSessionsWhere(userId: string, now = Date.now()) {
  return {
    userId,
    revokedAt: null,
    mfaPending: false,
    lastSeenAt: { gt: new Date(now - env().SESSION_IDLE_MINUTES * 60_000) },
    createdAt: { gt: new Date(now - ABSOLUTE_SESSION_SECONDS * 1000) },
  };
}

async function sessionsOf(userId: string, currentId: string | null) {
  const rows = await db.authSession.findMany({
    where: activeSessionsWhere(userId),
    orderBy: { lastSeenAt: 'desc' },
    take: 100,
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true, factorMethod: true },
  });
  return rows.map((s) => ({
    id: s.id,
    device: describeDevice(s.userAgent),
    userAgent: s.userAgent,
    ip: s.ip,
    signedInAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    secondFactor: s.factorMethod,
    current: s.id === currentId,
  }));
}
export type SessionRow = Awaited<ReturnType<typeof sessionsOf>>[number];

/** My account: my active sessions, this one marked. */
export async function listMySessions(actor: Actor) {
  const me = authorizeSelf(actor);
  return sessionsOf(me.userId, actor.auth?.sessionId ?? null);
}

/** Admin → Users → a person's sessions (an administrator ends them from there). */
export async function listUserSessions(actor: Actor, userId: string) {
  authorize(actor, 'users:manage');
  const user = await db.user.findFirst({ where: { id: userId, orgId: actor.orgId }, select: { id: true, email: true, name: true, active: true } });
  if (!user) throw notFound('The user');
  const sessions = await sessionsOf(user.id, actor.auth?.sessionId ?? null);
  return { user, sessions, capabilities: { revoke: can(actor, 'users:manage') && user.id !== actor.userId } };
}

const HISTORY_ACTIONS = ['auth.signed_in', 'auth.sign_in_failed', 'auth.signed_out', 'auth.session_revoked', 'mfa.verified', 'mfa.verification_failed'];
const PAGE_SIZE = 20;

/** Sign-in history from the audit trail: sign-ins, failures, second factors, sign-outs, ended sessions. */
async function historyOf(userId: string, page: number) {
  const where = { entityType: 'user', entityId: userId, action: { in: HISTORY_ACTIONS } };
  const [rows, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { seq: 'desc' }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: { seq: true, at: true, action: true, ip: true, actorLabel: true, changes: true } }),
    db.auditEvent.count({ where }),
  ]);
  return {
    page,
    pageSize: PAGE_SIZE,
    total,
    items: rows.map((e) => {
      let detail: Record<string, unknown> = {};
      try {
        detail = e.changes ? (JSON.parse(e.changes) as Record<string, unknown>) : {};
      } catch {
        detail = {};
      }
      return { id: String(e.seq), at: e.at.toISOString(), action: e.action, ip: e.ip, by: e.actorLabel, method: typeof detail.method === 'string' ? detail.method : null };
    }),
  };
}

export async function getMySignInHistory(actor: Actor, page = 1) {
  const me = authorizeSelf(actor);
  return historyOf(me.userId, page);
}

export async function getUserSignInHistory(actor: Actor, userId: string, page = 1) {
  authorize(actor, 'users:manage');
  const user = await db.user.findFirst({ where: { id: userId, orgId: actor.orgId }, select: { id: true } });
  if (!user) throw notFound('The user');
  return historyOf(user.id, page);
}
