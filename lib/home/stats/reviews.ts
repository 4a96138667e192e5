import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import type { HomeStat } from './stat';

/** Overdue action items of the quarterly reviews. */
export async function reviewsHomeStats(actor: Actor): Promise<HomeStat[]> {
  if (!can(actor, 'reviews:read')) return [];
  const overdue = await db.actionItem.count({ where: { orgId: actor.orgId, status: 'OPEN', dueDate: { lt: new Date() } } });
  return [{ label: 'Overdue review action items', value: overdue, href: '/reviews', tone: overdue ? 'bad' : 'good' }];
}
