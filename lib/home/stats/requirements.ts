import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { matrixSummary } from '@/lib/requirements/queries';
import type { HomeStat } from './stat';

/** Matrix coverage and overdue requirement reviews. */
export async function requirementsHomeStats(actor: Actor): Promise<HomeStat[]> {
  if (!can(actor, 'requirements:read')) return [];
  const [summary, mine] = await Promise.all([
    matrixSummary(actor),
    actor.userId ? db.requirement.count({ where: { orgId: actor.orgId, ownerId: actor.userId, nextReviewDue: { lt: new Date() } } }) : Promise.resolve(0),
  ]);
  const { overall, requirements } = summary;
  return [
    { label: 'Matrix cells assessed', value: overall.cells ? `${Math.round((overall.assessed / overall.cells) * 100)}%` : '—', href: '/requirements' },
    { label: 'Unowned requirements', value: requirements.unowned, href: '/requirements?owner=unowned', tone: requirements.unowned ? 'warn' : 'good' },
    { label: 'Requirement reviews overdue', value: requirements.overdue, href: '/requirements?overdue=true', tone: requirements.overdue ? 'bad' : 'good' },
    { label: 'My reviews overdue', value: mine, href: '/requirements/mine?overdue=true', tone: mine ? 'bad' : 'default' },
  ];
}
