import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorizeMember, can } from '@/lib/auth/gate';
import { auditHomeStats } from '@/lib/audits/home';
import { db } from '@/lib/db';
import { incidentHomeFigures } from '@/lib/incidents/queries';
import { matrixSummary } from '@/lib/requirements/queries';

export type HomeStat = { label: string; value: number | string; href?: string; tone?: 'default' | 'good' | 'bad' | 'warn' };

/** The figures on each role's home page; every domain adds its own here. */
export async function homeStats(actor: Actor): Promise<HomeStat[]> {
  authorizeMember(actor);
  const stats: HomeStat[] = [];
  if (can(actor, 'users:manage')) {
    const soon = new Date(Date.now() + 14 * 86_400_000);
    const [active, pending, inactive, expiring] = await Promise.all([
      db.user.count({ where: { orgId: actor.orgId, active: true } }),
      db.user.count({ where: { orgId: actor.orgId, active: true, passwordHash: null } }),
      db.user.count({ where: { orgId: actor.orgId, active: false } }),
      db.apiToken.count({ where: { orgId: actor.orgId, revokedAt: null, expiresAt: { gt: new Date(), lte: soon } } }),
    ]);
    stats.push(
      { label: 'Active users', value: active, href: '/admin/users?status=active' },
      { label: 'Invitations pending', value: pending, href: '/admin/users', tone: pending ? 'warn' : 'default' },
      { label: 'Deactivated users', value: inactive, href: '/admin/users?status=inactive' },
      { label: 'API tokens expiring in 14 days', value: expiring, href: '/admin/tokens', tone: expiring ? 'warn' : 'default' },
    );
  }
  if (can(actor, 'audit-trail:read')) {
    const head = await db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
    stats.push({ label: 'Audit trail events', value: Number(head?.seq ?? 0), href: '/audit-trail' });
  }
  // --- requirements matrix ---
  if (can(actor, 'requirements:read')) {
    const [summary, mine] = await Promise.all([
      matrixSummary(actor),
      actor.userId ? db.requirement.count({ where: { orgId: actor.orgId, ownerId: actor.userId, nextReviewDue: { lt: new Date() } } }) : Promise.resolve(0),
    ]);
    const { overall, requirements } = summary;
    stats.push(
      { label: 'Matrix cells assessed', value: overall.cells ? `${Math.round((overall.assessed / overall.cells) * 100)}%` : '—', href: '/requirements' },
      { label: 'Unowned requirements', value: requirements.unowned, href: '/requirements?owner=unowned', tone: requirements.unowned ? 'warn' : 'good' },
      { label: 'Requirement reviews overdue', value: requirements.overdue, href: '/requirements?overdue=true', tone: requirements.overdue ? 'bad' : 'good' },
      { label: 'My reviews overdue', value: mine, href: '/requirements/mine?overdue=true', tone: mine ? 'bad' : 'default' },
    );
  }
  // --- end requirements matrix ---

  // ---- model registry ----
  if (can(actor, 'models:read')) {
    const [production, pending, models] = await Promise.all([
      db.modelVersion.count({ where: { orgId: actor.orgId, stage: 'PRODUCTION' } }),
      db.modelVersion.count({ where: { orgId: actor.orgId, stage: 'PENDING_APPROVAL' } }),
      db.model.count({ where: { orgId: actor.orgId } }),
    ]);
    stats.push(
      { label: 'Models registered', value: models, href: '/models' },
      { label: 'Model versions in production', value: production, href: '/models?stage=PRODUCTION', tone: 'good' },
      { label: 'Versions awaiting sign-off', value: pending, href: '/models?stage=PENDING_APPROVAL', tone: pending ? 'warn' : 'default' },
    );
  }

  // audit workspace
  stats.push(...(await auditHomeStats(actor)));
  // --- incidents ---
  if (can(actor, 'incidents:read')) {
    const f = await incidentHomeFigures(actor);
    stats.push(
      { label: 'Open incidents', value: f.open, href: '/incidents', tone: f.open ? 'warn' : 'default' },
      { label: 'Open SEV1 incidents', value: f.sev1, href: '/incidents?severity=SEV1', tone: f.sev1 ? 'bad' : 'good' },
      { label: 'Overdue corrective actions', value: f.overdueActions, href: '/incidents', tone: f.overdueActions ? 'bad' : 'default' },
    );
  }
  // --- end incidents ---
  // --- quarterly reviews ---
  if (can(actor, 'reviews:read')) {
    const overdue = await db.actionItem.count({ where: { orgId: actor.orgId, status: 'OPEN', dueDate: { lt: new Date() } } });
    stats.push({ label: 'Overdue review action items', value: overdue, href: '/reviews', tone: overdue ? 'bad' : 'good' });
  }
  return stats;
}
