import 'server-only';
import { db } from '@/lib/db';

export type RiskReviewFigures = { newInPeriod: number; scoreChangedInPeriod: number; reviewOverdue: number; acceptanceExpired: number };

/**
 * The register's part of a quarterly review, counted in SQL: risks
 * registered in the period, risks whose inherent or residual score changed in
 * it (from the audit trail), open risks past their review date, and
 * acceptances that have run out.
 */
export async function riskReviewFigures(orgId: string, period: { start: Date; end: Date }, now: Date): Promise<RiskReviewFigures> {
  const [created, changed, overdue, expired] = await Promise.all([
    db.risk.count({ where: { orgId, createdAt: { gte: period.start, lt: period.end } } }),
    db.$queryRaw<{ n: bigint }[]>`
      SELECT count(DISTINCT "entityId") AS n FROM "AuditEvent"
      WHERE "orgId" = ${orgId} AND "entityType" = 'risk' AND "action" IN ('risk.updated', 'risk.imported')
        AND "at" >= ${period.start} AND "at" < ${period.end}
        AND ("changes"::jsonb ? 'inherent' OR "changes"::jsonb ? 'residual')`,
    db.risk.count({ where: { orgId, status: { not: 'CLOSED' }, nextReviewAt: { lt: now } } }),
    db.risk.count({ where: { orgId, status: 'ACCEPTED', acceptanceExpiresAt: { lte: now } } }),
  ]);
  return { newInPeriod: created, scoreChangedInPeriod: Number(changed[0]?.n ?? 0), reviewOverdue: overdue, acceptanceExpired: expired };
}
