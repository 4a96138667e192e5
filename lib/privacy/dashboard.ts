import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { auditorScope, subjectRequestWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { pastRetentionWhere } from './retention/queries';
import { OPEN_STATUSES, SUBJECT_REQUEST_TYPES } from './schema';
import { screen } from './screening';

/** The privacy figures: open and overdue requests, late answers this quarter, reviews due, datasets past retention. */
export async function privacyFigures(actor: Actor, now = new Date()) {
  authorize(actor, 'privacy:read');
  const quarterStart = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
  const orgId = actor.orgId;
  const inScope = subjectRequestWhere(await auditorScope(actor));
  const [open, overdue, lateThisQuarter, reviewsDue, pastRetentionRows, byType, activities, assessments, minimisationOverdue, dpias] = await Promise.all([
    db.subjectRequest.count({ where: { orgId, ...inScope, status: { in: [...OPEN_STATUSES] } } }),
    db.subjectRequest.count({ where: { orgId, ...inScope, status: { in: [...OPEN_STATUSES] }, overdue: true } }),
    db.subjectRequest.count({ where: { orgId, ...inScope, answeredLate: true, closedAt: { gte: quarterStart } } }),
    db.privacyAssessment.count({ where: { orgId, status: 'SIGNED_OFF', reviewDate: { lt: now } } }),
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Dataset" d WHERE ${pastRetentionWhere(orgId, now)}`,
    db.subjectRequest.groupBy({ by: ['type'], where: { orgId, ...inScope, status: { in: [...OPEN_STATUSES] } }, _count: { _all: true }, _min: { dueAt: true } }),
    db.processingActivity.count({ where: { orgId } }),
    db.privacyAssessment.count({ where: { orgId, status: { not: 'SUPERSEDED' } } }),
    db.minimisationReview.count({ where: { orgId, completedAt: null, overdueAt: { not: null } } }),
    db.privacyAssessment.findMany({ where: { orgId, kind: 'DPIA', status: { not: 'SUPERSEDED' } }, select: { systemId: true, status: true, screening: true } }),
  ]);
  const pastRetention = Number(pastRetentionRows[0]?.n ?? 0);
  // Systems whose screening requires a DPIA (two or more WP248 criteria) and that have none signed off.
  const signed = new Set(dpias.filter((d) => d.status === 'SIGNED_OFF').map((d) => d.systemId));
  const dpiaMissing = new Set(dpias.filter((d) => d.status === 'DRAFT' && screen(d.screening).required && !signed.has(d.systemId)).map((d) => d.systemId)).size;
  const openByType = SUBJECT_REQUEST_TYPES.flatMap((type) => {
    const row = byType.find((b) => b.type === type);
    return row ? [{ type, count: row._count._all, nextDueAt: row._min.dueAt?.toISOString() ?? null }] : [];
  });
  return { open, overdue, lateThisQuarter, reviewsDue, pastRetention, activities, assessments, openByType, minimisationOverdue, dpiaMissing };
}

/** The privacy officer's home figures; null for every other role. */
export async function privacyDashboard(actor: Actor) {
  if (actor.role !== 'PRIVACY_OFFICER') return null;
  const { open, overdue, lateThisQuarter, reviewsDue, pastRetention, minimisationOverdue, dpiaMissing } = await privacyFigures(actor);
  return { open, overdue, lateThisQuarter, reviewsDue, pastRetention, minimisationOverdue, dpiaMissing };
}
