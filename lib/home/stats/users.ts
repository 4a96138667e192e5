import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import type { HomeStat } from './stat';

/** Users and API tokens, for those who manage them. */
export async function adminHomeStats(actor: Actor): Promise<HomeStat[]> {
  if (!can(actor, 'users:manage')) return [];
  const soon = new Date(Date.now() + 14 * 86_400_000);
  const [active, pending, inactive, expiring] = await Promise.all([
    db.user.count({ where: { orgId: actor.orgId, active: true } }),
    db.user.count({ where: { orgId: actor.orgId, active: true, passwordHash: null } }),
    db.user.count({ where: { orgId: actor.orgId, active: false } }),
    db.apiToken.count({ where: { orgId: actor.orgId, revokedAt: null, expiresAt: { gt: new Date(), lte: soon } } }),
  ]);
  return [
    { label: 'Active users', value: active, href: '/admin/users?status=active' },
    { label: 'Invitations pending', value: pending, href: '/admin/users', tone: pending ? 'warn' : 'default' },
    { label: 'Deactivated users', value: inactive, href: '/admin/users?status=inactive' },
    { label: 'API tokens expiring in 14 days', value: expiring, href: '/admin/tokens', tone: expiring ? 'warn' : 'default' },
  ];
}
