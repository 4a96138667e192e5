import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeMember } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { sha256Hex } from '@/lib/audit/canonical';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { userCapabilities } from './capabilities';
import { listUsersQuerySchema, type ListUsersQuery, type UserSummary } from './schema';

const summarySelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  passwordHash: true,
  inviteTokenHash: true,
  lastLoginAt: true,
  createdAt: true,
  mfaTotp: { select: { confirmedAt: true } },
  manager: { select: { id: true, name: true, email: true } },
  _count: { select: { passkeys: true } },
} satisfies Prisma.UserSelect;

type Row = Prisma.UserGetPayload<{ select: typeof summarySelect }>;

function toSummary(actor: Actor, u: Row, activeAdminIds: readonly string[]): UserSummary {
  const mfaEnrolled = Boolean(u.mfaTotp?.confirmedAt) || u._count.passkeys > 0;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    active: u.active,
    invitePending: !u.passwordHash && Boolean(u.inviteTokenHash),
    mfaEnrolled,
    manager: u.manager,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    capabilities: userCapabilities(actor, { ...u, mfaEnrolled }, activeAdminIds),
  };
}

/** The user list is a sensitive read: each viewing is recorded in the audit trail. */
export async function listUsers(actor: Actor, input: ListUsersQuery = {}) {
  authorize(actor, 'users:read');
  const q = listUsersQuerySchema.parse(input);
  const where: Prisma.UserWhereInput = {
    orgId: actor.orgId,
    ...(q.role ? { role: q.role } : {}),
    ...(q.status === 'active' ? { active: true } : q.status === 'inactive' ? { active: false } : {}),
    ...(q.q
      ? { OR: [{ email: { contains: q.q, mode: 'insensitive' } }, { name: { contains: q.q, mode: 'insensitive' } }] }
      : {}),
  };
  const [rows, total, admins] = await db.$transaction(async (tx) => {
    const found = await Promise.all([
      tx.user.findMany({ where, orderBy: [{ active: 'desc' }, { name: 'asc' }], skip: (q.page - 1) * q.pageSize, take: q.pageSize, select: summarySelect }),
      tx.user.count({ where }),
      tx.user.findMany({ where: { orgId: actor.orgId, role: 'ADMIN', active: true }, select: { id: true } }),
    ]);
    await recordEvent(tx, actor, {
      action: 'user.list_viewed',
      entityType: 'user',
      changes: { filter: { q: q.q ?? null, role: q.role ?? null, status: q.status }, page: q.page, returned: found[0].length },
    });
    return found;
  });
  const adminIds = admins.map((a) => a.id);
  return { items: rows.map((u) => toSummary(actor, u, adminIds)), total, page: q.page, pageSize: q.pageSize };
}

/** Users to pick as owners in other domains (id, name, role; active only). */
export async function listAssignableUsers(actor: Actor) {
  authorizeMember(actor);
  return db.user.findMany({
    where: { orgId: actor.orgId, active: true },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true, role: true },
    take: 1000,
  });
}

/** Public by design: the invite token itself is the credential. */
export async function findInvite(token: string) {
  if (token.length < 20 || token.length > 200) return null;
  const user = await db.user.findUnique({
    where: { inviteTokenHash: sha256Hex(token) },
    select: { email: true, name: true, active: true, inviteExpiresAt: true },
  });
  if (!user || !user.active || !user.inviteExpiresAt || user.inviteExpiresAt.getTime() < Date.now()) return null;
  return { email: user.email, name: user.name };
}
