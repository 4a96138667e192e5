import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { OPEN_STATUSES } from './schema';

/** The privacy officer's home figures; null for every other role. */
export async function privacyDashboard(actor: Actor) {
  if (actor.role !== 'PRIVACY_OFFICER') return null;
  authorize(actor, 'privacy:read');
  const now = new Date();
  const quarterStart = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
  const orgId = actor.orgId;
  const [open, overdue, lateThisQuarter, reviewsDue, pastRetention] = await Promise.all([
    db.subjectRequest.count({ where: { orgId, status: { in: [...OPEN_STATUSES] } } }),
    db.subjectRequest.count({ where: { orgId, status: { in: [...OPEN_STATUSES] }, overdue: true } }),
    db.subjectRequest.count({ where: { orgId, answeredLate: true, closedAt: { gte: quarterStart } } }),
    db.privacyAssessment.count({ where: { orgId, status: 'SIGNED_OFF', reviewDate: { lt: now } } }),
    db.dataset.count({ where: { orgId, personalData: true, deletionDate: { lt: now } } }),
  ]);
  return { open, overdue, lateThisQuarter, reviewsDue, pastRetention };
}
