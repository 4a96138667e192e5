import 'server-only';
import { findingWhere, type AuditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { monitoringReviewFigures } from '@/lib/monitoring/queries';
import { privacyReviewFigures } from '@/lib/privacy/queries';
import { riskReviewFigures } from '@/lib/risks/queries';
import type { ReviewFigures } from './schema';

const toRecord = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));

/**
 * The review's figures, aggregated in SQL from each domain's tables: the
 * state now for what is current, and what happened within the period.
 * Findings are counted within the viewer's auditor scope (`null`: all).
 */
export async function computeFigures(orgId: string, period: { start: Date; end: Date }, now = new Date(), scope: AuditorScope = null): Promise<ReviewFigures> {
  const findings = { orgId, ...findingWhere(scope) };
  const [matrix, findingsOpen, findingsNew, findingsClosed, findingsOverdue, incidents, incidentsOpen, stages, deploys, actionsOpen, actionsOverdue, risks, monitoring, privacy] =
    await Promise.all([
      db.matrixCell.groupBy({ by: ['status'], where: { orgId }, _count: { _all: true } }),
      db.finding.groupBy({ by: ['severity'], where: { ...findings, status: { notIn: ['CLOSED', 'RISK_ACCEPTED'] } }, _count: { _all: true } }),
      db.finding.count({ where: { ...findings, createdAt: { gte: period.start, lt: period.end } } }),
      db.finding.count({ where: { ...findings, closedAt: { gte: period.start, lt: period.end } } }),
      db.finding.count({ where: { ...findings, status: { notIn: ['CLOSED', 'RISK_ACCEPTED'] }, dueDate: { lt: now } } }),
      db.incident.groupBy({ by: ['severity'], where: { orgId, detectedAt: { gte: period.start, lt: period.end } }, _count: { _all: true } }),
      db.incident.count({ where: { orgId, status: { notIn: ['RESOLVED', 'CLOSED'] } } }),
      db.modelVersion.groupBy({ by: ['stage'], where: { orgId }, _count: { _all: true } }),
      db.deploymentEvent.groupBy({ by: ['kind'], where: { orgId, at: { gte: period.start, lt: period.end } }, _count: { _all: true } }),
      db.actionItem.count({ where: { orgId, status: 'OPEN' } }),
      db.actionItem.count({ where: { orgId, status: 'OPEN', dueDate: { lt: now } } }),
      riskReviewFigures(orgId, period, now),
      monitoringReviewFigures(orgId, period),
      privacyReviewFigures(orgId, period, now),
    ]);
  const deployCounts = toRecord(deploys.map((d) => ({ key: d.kind, n: d._count._all })));
  return {
    matrix: toRecord(matrix.map((m) => ({ key: m.status, n: m._count._all }))),
    findings: {
      openBySeverity: toRecord(findingsOpen.map((f) => ({ key: f.severity, n: f._count._all }))),
      newInPeriod: findingsNew,
      closedInPeriod: findingsClosed,
      overdue: findingsOverdue,
    },
    incidents: { inPeriodBySeverity: toRecord(incidents.map((i) => ({ key: i.severity, n: i._count._all }))), open: incidentsOpen },
    models: {
      versionsByStage: toRecord(stages.map((s) => ({ key: s.stage, n: s._count._all }))),
      promotions: deployCounts.PROMOTION ?? 0,
      rollbacks: deployCounts.ROLLBACK ?? 0,
    },
    actionItems: { open: actionsOpen, overdue: actionsOverdue },
    risks,
    monitoring,
    privacy,
  };
}
