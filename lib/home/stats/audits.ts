import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { auditorScope, certificationWhere, evidenceWhere, findingWhere, requestWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { CERT_EXPIRY_WARN_DAYS } from '@/lib/audits/certifications/schema';
import { ACTIVE_STATUSES } from '@/lib/audits/findings/schema';
import type { HomeStat } from './stat';

/** The audit workspace's figures for the home page. */
export async function auditHomeStats(actor: Actor): Promise<HomeStat[]> {
  if (!can(actor, 'audits:read')) return [];
  const now = new Date();
  const stats: HomeStat[] = [];
  const me = actor.userId ?? '-';
  const scope = await auditorScope(actor);
  const findings = { orgId: actor.orgId, ownerId: me, ...findingWhere(scope), status: { in: ACTIVE_STATUSES } };
  const [myFindings, myOverdue, myStale, myRequests] = await Promise.all([
    db.finding.count({ where: findings }),
    db.finding.count({ where: { ...findings, dueDate: { lt: now } } }),
    db.evidence.count({ where: { AND: [{ orgId: actor.orgId, ownerId: me, validUntil: { lt: now } }, evidenceWhere(scope)] } }),
    db.evidenceRequest.count({ where: { orgId: actor.orgId, assigneeId: me, status: { in: ['OPEN', 'REJECTED'] }, ...requestWhere(scope) } }),
  ]);
  if (myFindings || myOverdue) {
    stats.push({ label: 'My open findings', value: myFindings, href: `/audits/findings?ownerId=${me}&status=ACTIVE`, tone: myOverdue ? 'bad' : 'warn' });
    stats.push({ label: 'My overdue findings', value: myOverdue, href: `/audits/findings?ownerId=${me}&overdue=true`, tone: myOverdue ? 'bad' : 'default' });
  }
  if (myStale) stats.push({ label: 'My stale evidence', value: myStale, href: '/audits/evidence?stale=true', tone: 'warn' });
  if (myRequests) stats.push({ label: 'Evidence requested from me', value: myRequests, href: '/audits/requests?mine=true', tone: 'warn' });
  if (can(actor, 'evidence:request')) {
    const toReview = await db.evidenceRequest.count({ where: { AND: [{ orgId: actor.orgId, status: 'SUBMITTED' }, requestWhere(scope)] } });
    stats.push({ label: 'Evidence awaiting review', value: toReview, href: '/audits/requests?status=SUBMITTED', tone: toReview ? 'warn' : 'default' });
  }
  // Those who manage audits and those who verify them (auditors) watch certification expiry.
  if (can(actor, 'audits:manage') || can(actor, 'findings:verify')) {
    const expiring = await db.certification.count({ where: { AND: [{ orgId: actor.orgId, expiresAt: { lte: new Date(now.getTime() + CERT_EXPIRY_WARN_DAYS * 86_400_000) } }, certificationWhere(scope)] } });
    stats.push({ label: `Certifications expiring within ${CERT_EXPIRY_WARN_DAYS} days`, value: expiring, href: '/audits/certifications', tone: expiring ? 'warn' : 'good' });
  }
  return stats;
}
