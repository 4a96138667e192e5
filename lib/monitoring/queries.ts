import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { alertCapabilities, alertTitle } from './mutations/alerts';
import { listAlertsQuerySchema, listMonitorsQuerySchema, type ListAlertsQuery, type ListMonitorsQuery } from './schema';
import { warningPoint } from './thresholds';

const PAGE = 50;
const MONITOR_PAGE = 25;
/** Rows per page of a version's metric tables (days, or windows for daily monitors). */
export const TABLE_PAGE = 30;
/** Features per page of the drift heat map. */
export const HEAT_MAP_FEATURES = 20;
/** The overview's order: the most severe health first. */
const HEALTH_ORDER = Prisma.sql`CASE m."health" WHEN 'BREACH' THEN 0 WHEN 'WARNING' THEN 1 WHEN 'MISSING' THEN 2 WHEN 'NO_DATA' THEN 3 ELSE 4 END`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
type Worst = { metric: string; attribute: string; group: string; value: number; threshold: number; direction: string } | null;

/**
 * The "configure a monitor" form is offered to those who may configure any
 * version, and to owners (engineers, the privacy officer…) only when they own
 * a model: an owner's right on nothing they own is no right to show.
 */
async function canConfigureMonitors(actor: Actor): Promise<boolean> {
  if (can(actor, 'monitoring:write')) return true;
  if (!actor.userId || !can(actor, 'monitoring:write', { ownerIds: [actor.userId] })) return false;
  return (await db.model.count({ where: { orgId: actor.orgId, ownerId: actor.userId } })) > 0;
}

/** Every monitored version, one page at a time: status light, open alerts, last window, worst metric against its threshold. */
export async function listMonitors(actor: Actor, query: ListMonitorsQuery = {}) {
  authorize(actor, 'monitoring:read');
  const q = listMonitorsQuerySchema.parse(query);
  const where = { orgId: actor.orgId };
  // Worst first (breach, warning, missing data, no data yet, healthy), then by model name: the order is the
  // health's severity, not the enum's, so the page is chosen in SQL and then read with its details.
  const [total, page] = await Promise.all([
    db.monitor.count({ where }),
    db.$queryRaw<{ id: string }[]>`
      SELECT m."id" FROM "Monitor" m
        JOIN "ModelVersion" v ON v."id" = m."versionId"
        JOIN "Model" md ON md."id" = v."modelId"
       WHERE m."orgId" = ${actor.orgId}
       ORDER BY ${HEALTH_ORDER}, md."name", m."id"
       LIMIT ${MONITOR_PAGE} OFFSET ${(q.page - 1) * MONITOR_PAGE}`,
  ]);
  const found = page.length
    ? await db.monitor.findMany({
        where: { id: { in: page.map((p) => p.id) } },
        select: { id: true, versionId: true, health: true, lastWindowEnd: true, windowCount: true, worst: true, missingAfterHours: true, version: { select: { label: true, stage: true, model: { select: { id: true, key: true, name: true, ownerId: true, owner: { select: { name: true } }, system: { select: { name: true, riskTier: true } } } } } } },
      })
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = page.map((p) => byId.get(p.id)).filter((r): r is (typeof found)[number] => r !== undefined);
  const open = rows.length
    ? await db.monitorAlert.groupBy({ by: ['monitorId', 'level'], where: { monitorId: { in: rows.map((r) => r.id) }, status: { not: 'RESOLVED' } }, _count: { _all: true } })
    : [];
  const count = (id: string, level: 'WARNING' | 'BREACH') => open.find((o) => o.monitorId === id && o.level === level)?._count._all ?? 0;
  return {
    total,
    page: q.page,
    pageSize: MONITOR_PAGE,
    capabilities: { configure: await canConfigureMonitors(actor) },
    monitors: rows.map((m) => ({
      id: m.id,
      versionId: m.versionId,
      model: { id: m.version.model.id, key: m.version.model.key, name: m.version.model.name },
      version: m.version.label,
      stage: m.version.stage,
      system: m.version.model.system.name,
      highRisk: m.version.model.system.riskTier === 'HIGH',
      owner: m.version.model.owner.name,
      health: m.health,
      lastWindowEnd: iso(m.lastWindowEnd),
      windowCount: m.windowCount,
      openBreaches: count(m.id, 'BREACH'),
      openWarnings: count(m.id, 'WARNING'),
      worst: (m.worst as Worst) ?? null,
    })),
  };
}

/** One feature's drift detail: its rule, its reference distribution beside the latest window's, and every statistic per window. */
export async function getFeatureDrift(actor: Actor, versionId: string, feature: string) {
  authorize(actor, 'monitoring:read');
  const m = await db.monitor.findFirst({ where: { orgId: actor.orgId, OR: [{ versionId }, { id: versionId }] }, select: { id: true, features: { where: { name: feature }, select: { name: true, kind: true, role: true, method: true, threshold: true, reference: true } } } });
  if (!m) throw notFound('The monitor');
  const f = m.features[0];
  if (!f) throw notFound('The feature');
  const latest = await db.monitorWindow.findFirst({ where: { monitorId: m.id }, orderBy: { endsAt: 'desc' }, select: { externalId: true, endsAt: true, features: true } });
  const ref = f.reference as { edges?: number[]; counts?: number[] | Record<string, number>; categories?: Record<string, number> };
  const sent = ((latest?.features ?? {}) as Record<string, { counts?: number[]; categories?: Record<string, number> }>)[f.name];
  const share = (xs: number[]) => {
    const n = xs.reduce((a, b) => a + b, 0);
    return xs.map((x) => (n ? x / n : 0));
  };
  let bins: { label: string; reference: number; current: number | null }[];
  if (f.kind === 'NUMERIC' && ref.edges && Array.isArray(ref.counts)) {
    const r = share(ref.counts);
    const c = sent?.counts && sent.counts.length === r.length ? share(sent.counts) : null;
    bins = r.map((v, i) => ({ label: `${ref.edges![i]} – ${ref.edges![i + 1]}`, reference: v, current: c ? c[i] : null }));
  } else {
    const refCats = (ref.categories ?? (ref.counts as Record<string, number>)) ?? {};
    const names = [...new Set([...Object.keys(refCats), ...Object.keys(sent?.categories ?? {})])].sort();
    const r = share(names.map((k) => refCats[k] ?? 0));
    const c = sent?.categories ? share(names.map((k) => sent.categories![k] ?? 0)) : null;
    bins = names.map((k, i) => ({ label: k, reference: r[i], current: c ? c[i] : null }));
  }
  return { name: f.name, kind: f.kind, role: f.role, method: f.method, threshold: f.threshold, latestWindow: latest ? { windowId: latest.externalId, endsAt: latest.endsAt.toISOString() } : null, bins };
}

/**
 * A version's monitoring page: specs, time series, the drift heat map, open alerts.
 * Monitors sending windows more often than daily are read from the daily
 * roll-up (one point per UTC day, the mean of its windows); daily or slower
 * ones per window. Each series carries every point of the period (for its
 * chart) and one page of its table (`rows`, newest first, `TABLE_PAGE` a
 * page); the heat map shows `HEAT_MAP_FEATURES` features a page.
 */
export async function getVersionMonitoring(actor: Actor, versionId: string, opts: { days?: number; page?: number; featurePage?: number } = {}) {
  authorize(actor, 'monitoring:read');
  const m = await db.monitor.findFirst({
    where: { orgId: actor.orgId, OR: [{ versionId }, { id: versionId }] },
    select: {
      id: true,
      versionId: true,
      health: true,
      lastWindowEnd: true,
      windowCount: true,
      cadenceHours: true,
      missingAfterHours: true,
      escalateAfterDays: true,
      groupAttributes: true,
      reviewer: true,
      reviewCadence: true,
      createdAt: true,
      version: { select: { label: true, stage: true, model: { select: { id: true, key: true, name: true, ownerId: true, owner: { select: { name: true } }, system: { select: { id: true, name: true, riskTier: true } } } } } },
      metrics: { orderBy: [{ name: 'asc' }, { attribute: 'asc' }], select: { name: true, attribute: true, direction: true, threshold: true, warningRatio: true, baseline: true, fairness: true } },
      features: { orderBy: { name: 'asc' }, select: { name: true, kind: true, role: true, method: true, threshold: true } },
    },
  });
  if (!m) throw notFound('The monitor');
  const days = Math.min(Math.max(opts.days ?? 90, 1), 366);
  const until = m.lastWindowEnd ?? new Date();
  const since = new Date(until.getTime() - days * 86_400_000);
  const daily = m.cadenceHours < 24;
  // A value is null where a group had no data (count 0): a gap, not a figure.
  const pointsQuery = daily
    ? db.$queryRaw<{ at: Date; metric: string; attribute: string; groupValue: string; value: number | null }[]>`
        SELECT "day" AS "at", "metric", "attribute", "groupValue", CASE WHEN "valueN" > 0 THEN "valueSum" / "valueN" END AS "value"
          FROM "MonitorMetricDay" WHERE "monitorId" = ${m.id} AND "day" > ${since} AND "day" <= ${until} ORDER BY 1`
    : db.$queryRaw<{ at: Date; metric: string; attribute: string; groupValue: string; value: number | null }[]>`
        SELECT "endsAt" AS "at", "metric", "attribute", "groupValue", CASE WHEN "count" IS NULL OR "count" > 0 THEN "value" END AS "value"
          FROM "MonitorMetricValue" WHERE "monitorId" = ${m.id} AND "endsAt" > ${since} AND "endsAt" <= ${until} ORDER BY 1`;
  const [points, heat, alerts] = await Promise.all([
    pointsQuery,
    db.monitorWindow.findMany({ where: { monitorId: m.id }, orderBy: { endsAt: 'desc' }, take: 30, select: { id: true, externalId: true, endsAt: true, rowCount: true, labelledCount: true, health: true, drift: true, revision: true } }),
    db.monitorAlert.findMany({ where: { monitorId: m.id, status: { not: 'RESOLVED' } }, orderBy: [{ level: 'desc' }, { openedAt: 'desc' }], take: 100, select: alertSelect }),
  ]);
  const write = can(actor, 'monitoring:write', { ownerIds: [m.version.model.ownerId] });
  const where = `${m.version.model.name} ${m.version.label}`;
  const bySeries = new Map<string, typeof points>();
  for (const p of points) {
    const key = `${p.metric}|${p.attribute}`;
    const list = bySeries.get(key);
    if (list) list.push(p);
    else bySeries.set(key, [p]);
  }
  const allSeries = m.metrics.map((s) => {
    const rows = bySeries.get(`${s.name}|${s.attribute}`) ?? [];
    const groups = [...new Set(rows.map((r) => r.groupValue))].sort();
    const at = [...new Set(rows.map((r) => r.at.toISOString()))].sort();
    const cell = new Map(rows.filter((r) => r.value !== null).map((r) => [`${r.at.toISOString()}|${r.groupValue}`, r.value as number]));
    return {
      name: s.name,
      attribute: s.attribute,
      direction: s.direction,
      threshold: s.threshold,
      warningRatio: s.warningRatio,
      warningAt: warningPoint(s.direction, s.threshold, s.warningRatio, s.baseline),
      baseline: s.baseline,
      fairness: s.fairness,
      groups: groups.map((g) => g || 'overall'),
      points: at.map((t) => ({ at: t, values: Object.fromEntries(groups.map((g) => [g || 'overall', cell.get(`${t}|${g}`) ?? null])) })),
    };
  });
  // The tables share one pager: page n shows the n-th TABLE_PAGE most recent points of every series.
  const tableTotal = Math.max(0, ...allSeries.map((s) => s.points.length));
  const tablePages = Math.max(1, Math.ceil(tableTotal / TABLE_PAGE));
  const tablePage = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), tablePages);
  const series = allSeries.map((s) => ({ ...s, rows: s.points.slice().reverse().slice((tablePage - 1) * TABLE_PAGE, tablePage * TABLE_PAGE) }));
  const featurePages = Math.max(1, Math.ceil(m.features.length / HEAT_MAP_FEATURES));
  const featurePage = Math.min(Math.max(1, Math.floor(opts.featurePage ?? 1)), featurePages);
  const windows = heat.reverse();
  return {
    id: m.id,
    versionId: m.versionId,
    model: { id: m.version.model.id, key: m.version.model.key, name: m.version.model.name },
    version: m.version.label,
    stage: m.version.stage,
    system: { id: m.version.model.system.id, name: m.version.model.system.name, riskTier: m.version.model.system.riskTier },
    owner: m.version.model.owner.name,
    health: m.health,
    lastWindowEnd: iso(m.lastWindowEnd),
    windowCount: m.windowCount,
    cadenceHours: m.cadenceHours,
    missingAfterHours: m.missingAfterHours,
    escalateAfterDays: m.escalateAfterDays,
    groupAttributes: m.groupAttributes,
    reviewer: m.reviewer,
    reviewCadence: m.reviewCadence,
    createdAt: m.createdAt.toISOString(),
    days,
    bucket: daily ? ('day' as const) : ('window' as const),
    series,
    table: { page: tablePage, pageSize: TABLE_PAGE, total: tableTotal },
    features: m.features,
    drift: {
      windows: windows.map((w) => ({ id: w.id, windowId: w.externalId, endsAt: w.endsAt.toISOString(), rowCount: w.rowCount, labelledCount: w.labelledCount, health: w.health, revision: w.revision })),
      cells: windows.flatMap((w) => (w.drift as { feature: string; method: string; score: number; threshold: number; level: string; psi?: number; js?: number; wasserstein?: number | null; ks?: number | null }[]).map((d) => ({ windowId: w.externalId, feature: d.feature, method: d.method, score: d.score, threshold: d.threshold, level: d.level, psi: d.psi ?? null, js: d.js ?? null, wasserstein: d.wasserstein ?? null, ks: d.ks ?? null }))),
      featurePage: { page: featurePage, pageSize: HEAT_MAP_FEATURES, total: m.features.length, names: m.features.slice((featurePage - 1) * HEAT_MAP_FEATURES, featurePage * HEAT_MAP_FEATURES).map((f) => f.name) },
    },
    alerts: alerts.map((a) => toAlert(actor, a, where)),
    capabilities: { write },
  };
}

const alertSelect = {
  id: true,
  kind: true,
  level: true,
  status: true,
  subject: true,
  attribute: true,
  groupValue: true,
  value: true,
  threshold: true,
  ownerId: true,
  openedAt: true,
  lastSeenAt: true,
  acknowledgedAt: true,
  acknowledgeNote: true,
  resolvedAt: true,
  resolveNote: true,
  escalatedAt: true,
  incidentId: true,
  acknowledgedById: true,
  resolvedById: true,
  monitor: { select: { versionId: true, version: { select: { label: true, model: { select: { name: true, key: true } } } } } },
} as const;
type AlertRow = Prisma.MonitorAlertGetPayload<{ select: typeof alertSelect }>;

function toAlert(actor: Actor, a: AlertRow, where?: string) {
  const place = where ?? `${a.monitor.version.model.name} ${a.monitor.version.label}`;
  return {
    id: a.id,
    title: alertTitle(a, place),
    kind: a.kind,
    level: a.level,
    status: a.status,
    subject: a.subject,
    attribute: a.attribute,
    group: a.groupValue,
    value: a.value,
    threshold: a.threshold,
    versionId: a.monitor.versionId,
    model: a.monitor.version.model.name,
    version: a.monitor.version.label,
    openedAt: a.openedAt.toISOString(),
    lastSeenAt: a.lastSeenAt.toISOString(),
    acknowledgedAt: iso(a.acknowledgedAt),
    acknowledgeNote: a.acknowledgeNote,
    resolvedAt: iso(a.resolvedAt),
    resolveNote: a.resolveNote,
    escalatedAt: iso(a.escalatedAt),
    incidentId: a.incidentId,
    capabilities: alertCapabilities(actor, { status: a.status, ownerId: a.ownerId ?? '' }),
  };
}

/** The alert list with its filters, paginated on the server. */
export async function listAlerts(actor: Actor, query: ListAlertsQuery = {}) {
  authorize(actor, 'monitoring:read');
  const q = listAlertsQuerySchema.parse(query);
  const where: Prisma.MonitorAlertWhereInput = {
    orgId: actor.orgId,
    ...(q.status === 'UNRESOLVED' ? { status: { not: 'RESOLVED' as const } } : q.status ? { status: q.status } : {}),
    ...(q.level ? { level: q.level } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.monitorId ? { OR: [{ monitorId: q.monitorId }, { monitor: { versionId: q.monitorId } }] } : {}),
  };
  const [total, rows] = await Promise.all([
    db.monitorAlert.count({ where }),
    db.monitorAlert.findMany({ where, orderBy: [{ openedAt: 'desc' }, { id: 'asc' }], skip: (q.page - 1) * PAGE, take: PAGE, select: alertSelect }),
  ]);
  return { total, page: q.page, pageSize: PAGE, alerts: rows.map((a) => toAlert(actor, a)) };
}

/** The open alerts on models a person owns (their home page). */
export async function myOpenAlerts(actor: Actor) {
  authorize(actor, 'monitoring:read');
  if (!actor.userId) return [];
  const rows = await db.monitorAlert.findMany({ where: { orgId: actor.orgId, ownerId: actor.userId, status: { not: 'RESOLVED' } }, orderBy: [{ level: 'desc' }, { openedAt: 'desc' }], take: 10, select: alertSelect });
  return rows.map((a) => toAlert(actor, a));
}

export type MonitoringReviewFigures = {
  alertsInPeriod: { breach: number; warning: number; missingData: number };
  versionsInBreach: { versionId: string; model: string; version: string }[];
};

/**
 * Monitoring's part of a quarterly review, for the review's figures (no actor:
 * the review domain authorises its reader): alerts opened in the period by
 * level (missing data apart), and the versions that had a breach open at any
 * time in it.
 */
export async function monitoringReviewFigures(orgId: string, period: { start: Date; end: Date }): Promise<MonitoringReviewFigures> {
  const [alerts, breaches] = await Promise.all([
    db.monitorAlert.groupBy({ by: ['level', 'kind'], where: { orgId, openedAt: { gte: period.start, lt: period.end } }, _count: { _all: true } }),
    db.monitorAlert.findMany({
      where: { orgId, level: 'BREACH', kind: { not: 'MISSING_DATA' }, openedAt: { lt: period.end }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: period.start } }] },
      distinct: ['monitorId'],
      orderBy: { monitorId: 'asc' },
      take: 200,
      select: { monitor: { select: { versionId: true, version: { select: { label: true, model: { select: { name: true } } } } } } },
    }),
  ]);
  const n = (pick: (a: (typeof alerts)[number]) => boolean) => alerts.filter(pick).reduce((sum, a) => sum + a._count._all, 0);
  return {
    alertsInPeriod: { breach: n((a) => a.kind !== 'MISSING_DATA' && a.level === 'BREACH'), warning: n((a) => a.kind !== 'MISSING_DATA' && a.level === 'WARNING'), missingData: n((a) => a.kind === 'MISSING_DATA') },
    versionsInBreach: breaches.map((b) => ({ versionId: b.monitor.versionId, model: b.monitor.version.model.name, version: b.monitor.version.label })).sort((a, b) => a.model.localeCompare(b.model) || a.version.localeCompare(b.version)),
  };
}

/** Monitoring in a quarter (for the quarterly review): alerts opened in it and versions in breach. */
export async function monitoringInQuarter(actor: Actor, from: Date, to: Date) {
  authorize(actor, 'monitoring:read');
  return monitoringReviewFigures(actor.orgId, { start: from, end: to });
}

/** The post-market monitoring plan of one version (page and PDF). */
export async function getMonitoringPlan(actor: Actor, versionId: string) {
  const v = await getVersionMonitoring(actor, versionId, { days: 1 });
  return {
    versionId: v.versionId,
    model: v.model,
    version: v.version,
    system: v.system,
    owner: v.owner,
    cadenceHours: v.cadenceHours,
    missingAfterHours: v.missingAfterHours,
    escalateAfterDays: v.escalateAfterDays,
    reviewer: v.reviewer,
    reviewCadence: v.reviewCadence,
    groupAttributes: v.groupAttributes,
    metrics: v.series.map((s) => ({ name: s.name, attribute: s.attribute, direction: s.direction, threshold: s.threshold, warningAt: s.warningAt, baseline: s.baseline, fairness: s.fairness })),
    features: v.features,
    requirements: PLAN_REQUIREMENTS,
  };
}

/** What a monitoring plan is evidence for (docs/monitoring.md); `frameworkKey` and `libraryRef` name the requirement in the library. */
export const PLAN_REQUIREMENTS = [
  { framework: 'EU AI Act', frameworkKey: 'eu-ai-act', ref: 'Art. 72', libraryRef: 'Art. 72', title: 'Post-market monitoring by providers and post-market monitoring plan for high-risk AI systems' },
  { framework: 'EU AI Act', frameworkKey: 'eu-ai-act', ref: 'Art. 26(5)', libraryRef: 'Art. 26', title: 'Deployers monitor the operation of the high-risk AI system' },
  { framework: 'NIST AI RMF', frameworkKey: 'nist-ai-rmf', ref: 'MEASURE 2.4', libraryRef: 'MEASURE 2.4', title: 'The functionality and behavior of the AI system are monitored when in production' },
  { framework: 'NIST AI RMF', frameworkKey: 'nist-ai-rmf', ref: 'MANAGE 4.1', libraryRef: 'MANAGE 4.1', title: 'Post-deployment monitoring plans are implemented' },
] as const;

/**
 * "Monitoring in place" as evidence for the matrix: for each of the given AI
 * systems, a production version whose monitor watches at least one metric
 * and has received data. The matrix shows it on the cells of the requirements
 * in PLAN_REQUIREMENTS (no status changes: evidence, not an assessment).
 */
export async function monitoringEvidence(orgId: string, systemIds: string[]) {
  const rows = systemIds.length
    ? await db.monitor.findMany({
        where: { orgId, windowCount: { gt: 0 }, metrics: { some: {} }, version: { stage: 'PRODUCTION', model: { systemId: { in: systemIds } } } },
        orderBy: { createdAt: 'asc' },
        select: { versionId: true, version: { select: { label: true, model: { select: { name: true, systemId: true } } } } },
      })
    : [];
  const bySystem = new Map<string, { href: string; label: string }>();
  for (const r of rows) if (!bySystem.has(r.version.model.systemId)) bySystem.set(r.version.model.systemId, { href: `/monitoring/${r.versionId}/plan`, label: `Monitoring in place: ${r.version.model.name} ${r.version.label}` });
  const requirements = new Set<string>(PLAN_REQUIREMENTS.map((p) => `${p.frameworkKey}|${p.libraryRef}`));
  return { requirements, bySystem };
}
