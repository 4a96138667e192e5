import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import type { HomeStat } from './stat';

/** The length of the audit trail. */
export async function auditTrailHomeStats(actor: Actor): Promise<HomeStat[]> {
  if (!can(actor, 'audit-trail:read')) return [];
  const head = await db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
  return [{ label: 'Audit trail events', value: Number(head?.seq ?? 0), href: '/audit-trail' }];
}
