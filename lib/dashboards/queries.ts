import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeMember, can } from '@/lib/auth/gate';
import { auditorScope, findingWhere, type AuditorScope } from '@/lib/auth/scope';
import { cachedFigures } from '@/lib/audit/figures-cache';
import { db } from '@/lib/db';
import type { ReviewFigures } from '@/lib/reviews/schema';

const STATUSES = ['COMPLIANT', 'PARTIALLY_COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'NOT_ASSESSED'] as const;
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
const AGE_BUCKETS = ['0–30 days', '31–90 days', '91–180 days', 'over 180 days'] as const;

export type PostureRow = { framework: string; key: string } & Record<(typeof STATUSES)[number], number>;

/** Matrix cells by framework and status: one grouped SQL query. */
async function postureByFramework(orgId: string): Promise<PostureRow[]> {
  const rows = await db.$queryRaw<{ key: string; name: string; status: string; n: bigint }[]>`
    SELECT f."key", f."name", c."status"::text AS status, count(*) AS n
      FROM "MatrixCell" c
      JOIN "Requirement" r ON r."id" = c."requirementId"
      JOIN "Framework" f ON f."id" = r."frameworkId"
     WHERE c."orgId" = ${orgId}
     GROUP BY f."key", f."name", c."status"
     ORDER BY f."name"`;
  const byKey = new Map<string, PostureRow>();
  for (const r of rows) {
    const row = byKey.get(r.key) ?? ({ framework: r.name, key: r.key, ...Object.fromEntries(STATUSES.map((s) => [s, 0])) } as PostureRow);
    row[r.status as (typeof STATUSES)[number]] = Number(r.n);
    byKey.set(r.key, row);
  }
  return [...byKey.values()];
}

/** Compliant share of assessed cells per closed review, from the frozen snapshots. */
async function postureTrend(orgId: string) {
  const reviews = await db.quarterlyReview.findMany({
    where: { orgId, status: 'CLOSED' },
    orderBy: { quarter: 'asc' },
    take: 12,
    select: { quarter: true, snapshot: true },
  });
  return reviews.map((r) => {
    const matrix = (JSON.parse(r.snapshot ?? '{}') as { figures?: ReviewFigures }).figures?.matrix ?? {};
    const assessed = Object.entries(matrix).filter(([k]) => k !== 'NOT_ASSESSED' && k !== 'NOT_APPLICABLE').reduce((a, [, v]) => a + v, 0);
    const total = Object.values(matrix).reduce((a, v) => a + v, 0);
    return {
      quarter: r.quarter,
      compliantPct: assessed ? Math.round(((matrix.COMPLIANT ?? 0) / assessed) * 100) : 0,
      assessedPct: total ? Math.round((assessed / total) * 100) : 0,
    };
  });
}

async function findingsByAge(orgId: string, scope: AuditorScope, ownerId?: string) {
  const auditIds = scope ? scope.auditIds : null;
  const rows = await db.$queryRaw<{ severity: string; bucket: number; n: bigint }[]>`
    SELECT "severity"::text AS severity,
           CASE WHEN now() - "createdAt" <= interval '30 days' THEN 0
                WHEN now() - "createdAt" <= interval '90 days' THEN 1
                WHEN now() - "createdAt" <= interval '180 days' THEN 2 ELSE 3 END AS bucket,
           count(*) AS n
      FROM "Finding"
     WHERE "orgId" = ${orgId} AND "status" NOT IN ('CLOSED', 'RISK_ACCEPTED')
       AND (${ownerId ?? null}::text IS NULL OR "ownerId" = ${ownerId ?? null})
       AND (${auditIds}::text[] IS NULL OR "auditId" = ANY(${auditIds}::text[]))
     GROUP BY 1, 2`;
  return AGE_BUCKETS.map((bucket, i) => ({
    bucket,
    ...Object.fromEntries(SEVERITIES.map((s) => [s, Number(rows.find((r) => r.severity === s && r.bucket === i)?.n ?? 0)])),
  })) as ({ bucket: string } & Record<(typeof SEVERITIES)[number], number>)[];
}

async function countBy<T extends string>(rows: Promise<{ key: T; n: number }[]>) {
  return Object.fromEntries((await rows).map((r) => [r.key, r.n])) as Record<T, number>;
}

/** Mean hours from detection to resolution per severity, last 12 months. */
async function meanTimeToResolve(orgId: string) {
  const rows = await db.$queryRaw<{ severity: string; hours: number; n: bigint }[]>`
    SELECT "severity"::text AS severity, avg(extract(epoch FROM ("resolvedAt" - "detectedAt")) / 3600)::float8 AS hours, count(*) AS n
      FROM "Incident"
     WHERE "orgId" = ${orgId} AND "resolvedAt" IS NOT NULL AND "resolvedAt" > now() - interval '12 months'
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ severity: r.severity, hours: Math.round(r.hours * 10) / 10, resolved: Number(r.n) }));
}

/** The compliance officer's dashboard (also the admin's). */
export async function complianceDashboard(actor: Actor) {
  authorize(actor, 'requirements:read');
  const orgId = actor.orgId;
  const now = new Date();
  // Shown to roles without an auditor scope; kept within one if called for an auditor.
  const scope = await auditorScope(actor);
  const [posture, trend, unowned, findingsAge, overdueFindings, incidentsOpen, stages, actionItemsOverdue, mttr] = await Promise.all([
    postureByFramework(orgId),
    postureTrend(orgId),
    db.requirement.count({ where: { orgId, ownerId: null } }),
    findingsByAge(orgId, scope),
    db.finding.count({ where: { orgId, ...findingWhere(scope), status: { notIn: ['CLOSED', 'RISK_ACCEPTED'] }, dueDate: { lt: now } } }),
    countBy(db.incident.groupBy({ by: ['severity'], where: { orgId, status: { notIn: ['RESOLVED', 'CLOSED'] } }, _count: { _all: true } }).then((r) => r.map((x) => ({ key: x.severity, n: x._count._all })))),
    countBy(db.modelVersion.groupBy({ by: ['stage'], where: { orgId }, _count: { _all: true } }).then((r) => r.map((x) => ({ key: x.stage, n: x._count._all })))),
    db.actionItem.count({ where: { orgId, status: 'OPEN', dueDate: { lt: now } } }),
    meanTimeToResolve(orgId),
  ]);
  return { posture, trend, unowned, findingsAge, overdueFindings, incidentsOpen, stages, actionItemsOverdue, mttr };
}

/** The engineer's dashboard: what they own. */
export async function engineerDashboard(actor: Actor) {
  authorizeMember(actor);
  const orgId = actor.orgId;
  const me = actor.userId ?? '';
  const scope = await auditorScope(actor);
  const [models, requirements, findings] = await Promise.all([
    db.model.findMany({
      where: { orgId, ownerId: me },
      orderBy: { name: 'asc' },
      take: 50,
      select: { id: true, key: true, name: true, versions: { orderBy: { createdAt: 'desc' }, take: 1, select: { label: true, stage: true } } },
    }),
    db.requirement.count({ where: { orgId, ownerId: me } }),
    db.finding.findMany({
      where: { orgId, ownerId: me, ...findingWhere(scope), status: { notIn: ['CLOSED', 'RISK_ACCEPTED'] } },
      orderBy: { dueDate: 'asc' },
      take: 20,
      select: { id: true, title: true, severity: true, status: true, dueDate: true },
    }),
  ]);
  return {
    models: models.map((m) => ({ id: m.id, key: m.key, name: m.name, latest: m.versions[0] ?? null })),
    requirementsOwned: requirements,
    findings: findings.map((f) => ({ ...f, dueDate: f.dueDate?.toISOString() ?? null, overdue: Boolean(f.dueDate && f.dueDate < new Date()) })),
  };
}

/** The auditor's dashboard: verification work and the trail's integrity. */
export async function auditorDashboard(actor: Actor) {
  authorize(actor, 'audits:read');
  const orgId = actor.orgId;
  const me = actor.userId ?? '-';
  const scope = await auditorScope(actor);
  const [awaiting, myAudits] = await Promise.all([
    db.finding.findMany({
      where: { orgId, ...findingWhere(scope), status: 'READY_FOR_VERIFICATION' },
      orderBy: { updatedAt: 'asc' },
      take: 20,
      select: { id: true, title: true, severity: true, owner: { select: { name: true } } },
    }),
    // My audits and their progress: findings closed (or risk accepted) out of all raised.
    db.audit.findMany({
      where: { orgId, assignments: { some: { userId: me } } },
      orderBy: { periodEnd: 'desc' },
      take: 10,
      select: { id: true, title: true, status: true, periodEnd: true, findings: { select: { status: true } } },
    }),
  ]);
  // Integrity is checked by the page in the browser (VerifyPanel), so the
  // dashboard itself stays fast however long the trail is.
  return {
    awaiting: awaiting.map((f) => ({ id: f.id, title: f.title, severity: f.severity, owner: f.owner?.name ?? 'Unowned' })),
    myAudits: myAudits.map((a) => ({
      id: a.id,
      title: a.title,
      status: a.status,
      periodEnd: a.periodEnd.toISOString(),
      findings: a.findings.length,
      settled: a.findings.filter((f) => f.status === 'CLOSED' || f.status === 'RISK_ACCEPTED').length,
    })),
    canVerify: can(actor, 'audit-trail:verify'),
  };
}

/** The administrator's extra figures. */
export async function adminDashboard(actor: Actor) {
  authorize(actor, 'users:manage');
  const soon = new Date(Date.now() + 14 * 86_400_000);
  const [byRole, expiring] = await Promise.all([
    db.user.groupBy({ by: ['role'], where: { orgId: actor.orgId, active: true }, _count: { _all: true } }),
    db.apiToken.count({ where: { orgId: actor.orgId, revokedAt: null, expiresAt: { gt: new Date(), lte: soon } } }),
  ]);
  return { usersByRole: Object.fromEntries(byRole.map((r) => [r.role, r._count._all])), tokensExpiring: expiring };
}

export { AGE_BUCKETS, SEVERITIES, STATUSES };

/** The dashboards a person's home page shows: their role's own (an admin also sees the compliance view). */
export async function homeDashboards(actor: Actor) {
  const role = actor.role;
  // Cached per person until the organisation's data changes (lib/audit/figures-cache.ts).
  return cachedFigures(actor.orgId, `dashboards:${role}:${actor.userId ?? actor.label}`, async () => {
    const [compliance, engineer, auditor, admin] = await Promise.all([
      role === 'COMPLIANCE_OFFICER' || role === 'ADMIN' ? complianceDashboard(actor) : null,
      role === 'ENGINEER' ? engineerDashboard(actor) : null,
      role === 'AUDITOR' ? auditorDashboard(actor) : null,
      role === 'ADMIN' ? adminDashboard(actor) : null,
    ]);
    return { compliance, engineer, auditor, admin };
  });
}
