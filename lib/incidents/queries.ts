import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import type { Ownable } from '@/lib/auth/permissions';
import { auditorScope } from '@/lib/auth/scope';
import { db, type Db, type Tx } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { DEFAULT_RESPONSE_TARGETS, responseClocks, type ResponseTarget } from './clocks';
import { notificationDraft } from './rules/draft';
import { obligations } from './rules/evaluate';
import { incidentFactsFrom } from './rules/facts';
import { activeNotificationRules } from './rules/library';
import { listIncidentsQuerySchema, PLAN_STALE_DAYS, quarterRange, type IncidentSummary, type ListIncidentsQuery } from './schema';
import { SEVERITIES, type Severity, type TreeAnswers } from './severity';

export { listNotificationRules } from './rules/library';

/** Who may update an incident (`incidents:update` on owned records): the
 *  owners of its AI systems. `null` when it is not this organisation's. */
export async function incidentOwnership(tx: Tx | Db, orgId: string, id: string): Promise<Ownable | null> {
  const incident = await tx.incident.findFirst({ where: { id, orgId }, select: { systems: { select: { technicalOwnerId: true, businessOwnerId: true } } } });
  return incident ? { ownerIds: incident.systems.flatMap((s) => [s.technicalOwnerId, s.businessOwnerId]) } : null;
}

function whereFor(actor: Actor, q: ReturnType<typeof listIncidentsQuerySchema.parse>): Prisma.IncidentWhereInput {
  const range = q.quarter ? quarterRange(q.quarter) : null;
  return {
    orgId: actor.orgId,
    ...(q.type ? { type: q.type } : {}),
    ...(q.severity ? { severity: q.severity } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.systemId ? { systems: { some: { id: q.systemId } } } : {}),
    ...(q.nearMiss ? { nearMiss: q.nearMiss === 'yes' } : {}),
    ...(range ? { detectedAt: { gte: range[0], lt: range[1] } } : {}),
  };
}

export async function listIncidents(actor: Actor, input: ListIncidentsQuery = {}) {
  authorize(actor, 'incidents:read');
  const q = listIncidentsQuerySchema.parse(input);
  const where = whereFor(actor, q);
  const [rows, total] = await Promise.all([
    db.incident.findMany({
      where,
      orderBy: [{ detectedAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        id: true,
        title: true,
        type: true,
        severity: true,
        status: true,
        nearMiss: true,
        detectedAt: true,
        acknowledgedAt: true,
        containedAt: true,
        resolvedAt: true,
        systems: { select: { id: true, name: true } },
      },
    }),
    db.incident.count({ where }),
  ]);
  const targets = await responseTargets(actor);
  const now = new Date();
  const items: IncidentSummary[] = rows.map(({ acknowledgedAt, containedAt, resolvedAt, ...r }) => {
    const clocks = r.nearMiss ? [] : responseClocks({ ...r, acknowledgedAt, containedAt, resolvedAt }, targets.find((t) => t.severity === r.severity)!, now);
    return { ...r, detectedAt: r.detectedAt.toISOString(), overdue: clocks.filter((c) => c.state === 'overdue').map((c) => c.label) };
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export type SeverityPattern = { severity: Severity; incidents: number; nearMisses: number; mttaMinutes: number | null; mttrMinutes: number | null };

/**
 * Mean time to acknowledge and to resolve per severity, and near misses
 * counted with incidents, aggregated in PostgreSQL over the same filters as the list.
 */
export async function incidentPatterns(actor: Actor, input: ListIncidentsQuery = {}) {
  authorize(actor, 'incidents:read');
  const q = listIncidentsQuerySchema.parse(input);
  const range = q.quarter ? quarterRange(q.quarter) : null;
  const conditions = [
    Prisma.sql`i."orgId" = ${actor.orgId}`,
    q.type ? Prisma.sql`i."type" = ${q.type}::"IncidentType"` : null,
    q.severity ? Prisma.sql`i."severity" = ${q.severity}::"IncidentSeverity"` : null,
    q.status ? Prisma.sql`i."status" = ${q.status}::"IncidentStatus"` : null,
    q.nearMiss ? Prisma.sql`i."nearMiss" = ${q.nearMiss === 'yes'}` : null,
    range ? Prisma.sql`i."detectedAt" >= ${range[0]} AND i."detectedAt" < ${range[1]}` : null,
    q.systemId ? Prisma.sql`EXISTS (SELECT 1 FROM "_IncidentSystems" s WHERE s."B" = i."id" AND s."A" = ${q.systemId})` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  const rows = await db.$queryRaw<{ severity: Severity; incidents: bigint; near_misses: bigint; mtta: number | null; mttr: number | null }[]>`
    SELECT i."severity"::text AS severity,
           COUNT(*) FILTER (WHERE NOT i."nearMiss") AS incidents,
           COUNT(*) FILTER (WHERE i."nearMiss") AS near_misses,
           AVG(EXTRACT(EPOCH FROM (i."acknowledgedAt" - i."detectedAt")) / 60) FILTER (WHERE i."acknowledgedAt" IS NOT NULL)::float8 AS mtta,
           AVG(EXTRACT(EPOCH FROM (i."resolvedAt" - i."detectedAt")) / 60) FILTER (WHERE i."resolvedAt" IS NOT NULL)::float8 AS mttr
    FROM "Incident" i
    WHERE ${Prisma.join(conditions, ' AND ')}
    GROUP BY i."severity"`;
  const bySeverity: SeverityPattern[] = SEVERITIES.map((severity) => {
    const r = rows.find((x) => x.severity === severity);
    return {
      severity,
      incidents: Number(r?.incidents ?? 0),
      nearMisses: Number(r?.near_misses ?? 0),
      mttaMinutes: r?.mtta == null ? null : Math.round(Number(r.mtta)),
      mttrMinutes: r?.mttr == null ? null : Math.round(Number(r.mttr)),
    };
  });
  return {
    bySeverity,
    incidents: bySeverity.reduce((n, r) => n + r.incidents, 0),
    nearMisses: bySeverity.reduce((n, r) => n + r.nearMisses, 0),
  };
}

export async function responseTargets(actor: Actor): Promise<ResponseTarget[]> {
  authorize(actor, 'incidents:read');
  const stored = await db.incidentResponseTarget.findMany({ where: { orgId: actor.orgId }, select: { severity: true, ackMinutes: true, containMinutes: true, resolveMinutes: true } });
  return DEFAULT_RESPONSE_TARGETS.map((d) => stored.find((s) => s.severity === d.severity) ?? d);
}

export async function getIncident(actor: Actor, id: string) {
  authorize(actor, 'incidents:read');
  // Findings raised from it that belong to an audit outside the auditor's scope stay unlisted.
  const scope = await auditorScope(actor);
  const inc = await db.incident.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true,
      title: true,
      description: true,
      type: true,
      severity: true,
      treeSeverity: true,
      treeAnswers: true,
      severityOverrideReason: true,
      status: true,
      detectedAt: true,
      createdAt: true,
      peopleAffected: true,
      protectedGroup: true,
      personalData: true,
      healthData: true,
      nearMiss: true,
      acknowledgedAt: true,
      containedAt: true,
      resolvedAt: true,
      closedAt: true,
      acknowledgedById: true,
      containedById: true,
      resolvedById: true,
      closedById: true,
      rolledBackAt: true,
      minutesToRollback: true,
      awareAt: true,
      classifiedAt: true,
      materiality: true,
      materialityDeterminedAt: true,
      dataCategories: true,
      entityRoles: true,
      notificationFlags: true,
      residents: true,
      reportedBy: { select: { name: true } },
      systems: { select: { id: true, name: true, riskTier: true, regions: true, domain: true, technicalOwnerId: true, businessOwnerId: true } },
      models: {
        select: { id: true, key: true, name: true, versions: { where: { stage: { in: ['PRODUCTION', 'APPROVED'] } }, select: { label: true, stage: true }, orderBy: { createdAt: 'asc' } } },
        orderBy: { key: 'asc' },
      },
      versions: { select: { id: true, label: true, model: { select: { key: true } } } },
      timeline: { orderBy: [{ at: 'asc' }, { createdAt: 'asc' }], select: { id: true, at: true, authorName: true, text: true } },
      notifications: { select: { ruleKey: true, notifiedAt: true, recipient: true, reference: true } },
      actions: { orderBy: { dueDate: 'asc' }, select: { id: true, title: true, ownerId: true, dueDate: true, status: true, doneAt: true } },
      postmortem: { select: { summary: true, impact: true, rootCause: true, wentWell: true, wentPoorly: true, correctiveActions: true, lessons: true, updatedAt: true } },
      findings: { where: scope ? { OR: [{ auditId: null }, { auditId: { in: scope.auditIds } }] } : {}, orderBy: { createdAt: 'asc' }, select: { id: true, title: true, severity: true, status: true, dueDate: true, owner: { select: { name: true } } } },
      deployments: { orderBy: { at: 'asc' }, select: { id: true, kind: true, at: true, reason: true, model: { select: { key: true } }, version: { select: { label: true } }, fromVersion: { select: { label: true } } } },
    },
  });
  if (!inc) throw notFound('The incident');

  const personIds = [inc.acknowledgedById, inc.containedById, inc.resolvedById, inc.closedById, ...inc.actions.map((a) => a.ownerId)].filter((x): x is string => Boolean(x));
  const people = personIds.length ? await db.user.findMany({ where: { orgId: actor.orgId, id: { in: personIds } }, select: { id: true, name: true } }) : [];
  const nameOf = (uid: string | null) => (uid ? (people.find((p) => p.id === uid)?.name ?? 'Unknown') : null);

  const now = new Date();
  const [targets, rules] = await Promise.all([responseTargets(actor), activeNotificationRules(actor)]);
  const target = targets.find((t) => t.severity === inc.severity)!;
  const tree = (inc.treeAnswers ?? {}) as { answers?: Partial<TreeAnswers>; reasons?: string[] };
  const facts = incidentFactsFrom(inc, inc.notifications);
  const sent = inc.notifications.map((n) => ({ ...n, notifiedAt: n.notifiedAt.toISOString() }));
  const owners = { ownerIds: inc.systems.flatMap((s) => [s.technicalOwnerId, s.businessOwnerId]) };

  return {
    id: inc.id,
    title: inc.title,
    description: inc.description,
    type: inc.type,
    severity: inc.severity,
    treeSeverity: inc.treeSeverity,
    treeAnswers: tree.answers ?? {},
    treeReasons: tree.reasons ?? [],
    severityOverrideReason: inc.severityOverrideReason,
    status: inc.status,
    peopleAffected: inc.peopleAffected,
    protectedGroup: inc.protectedGroup,
    personalData: inc.personalData,
    healthData: inc.healthData,
    nearMiss: inc.nearMiss,
    reportedBy: inc.reportedBy?.name ?? null,
    minutesToRollback: inc.minutesToRollback,
    rolledBackAt: inc.rolledBackAt?.toISOString() ?? null,
    milestones: [
      { key: 'detected', label: 'Detected', at: inc.detectedAt.toISOString(), by: inc.reportedBy?.name ?? null },
      { key: 'acknowledged', label: 'Acknowledged', at: inc.acknowledgedAt?.toISOString() ?? null, by: nameOf(inc.acknowledgedById) },
      { key: 'contained', label: 'Contained', at: inc.containedAt?.toISOString() ?? null, by: nameOf(inc.containedById) },
      { key: 'resolved', label: 'Resolved', at: inc.resolvedAt?.toISOString() ?? null, by: nameOf(inc.resolvedById) },
      { key: 'closed', label: 'Closed', at: inc.closedAt?.toISOString() ?? null, by: nameOf(inc.closedById) },
    ],
    clocks: inc.nearMiss ? [] : responseClocks(inc, target, now),
    // Computed for display only: the threshold events are written by a job, never by a read.
    obligations: obligations(rules, facts, sent, now),
    facts,
    systems: inc.systems.map((s) => ({ id: s.id, name: s.name, riskTier: s.riskTier, regions: s.regions })),
    models: inc.models.map((m) => ({
      id: m.id,
      key: m.key,
      name: m.name,
      production: m.versions.find((v) => v.stage === 'PRODUCTION')?.label ?? null,
      approved: m.versions.filter((v) => v.stage === 'APPROVED').map((v) => v.label),
    })),
    versions: inc.versions.map((v) => ({ id: v.id, label: v.label, model: v.model.key })),
    timeline: inc.timeline.map((t) => ({ id: t.id, at: t.at.toISOString(), author: t.authorName, text: t.text })),
    actions: inc.actions.map((a) => ({
      id: a.id, title: a.title, owner: nameOf(a.ownerId), ownerId: a.ownerId, dueDate: a.dueDate.toISOString(), status: a.status, doneAt: a.doneAt?.toISOString() ?? null, overdue: a.status === 'OPEN' && a.dueDate < now,
      // The rule completeCorrectiveAction applies: the incident's owners or the action's own owner.
      capabilities: { complete: a.status === 'OPEN' && can(actor, 'incidents:update', { ownerIds: [...owners.ownerIds, a.ownerId] }) },
    })),
    postmortem: inc.postmortem ? { ...inc.postmortem, updatedAt: inc.postmortem.updatedAt.toISOString() } : null,
    findings: inc.findings.map((f) => ({ id: f.id, title: f.title, severity: f.severity, status: f.status, owner: f.owner?.name ?? null, dueDate: f.dueDate?.toISOString() ?? null })),
    deployments: inc.deployments.map((d) => ({ id: d.id, kind: d.kind, at: d.at.toISOString(), reason: d.reason, model: d.model.key, to: d.version?.label ?? null, from: d.fromVersion?.label ?? null })),
    notifications: sent,
    capabilities: {
      update: can(actor, 'incidents:update', owners),
      manage: can(actor, 'incidents:manage'),
      rollback: can(actor, 'models:promote'),
    },
  };
}
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;

/** The draft notification for one obligation of an incident (Markdown and plain text). */
export async function notificationDraftFor(actor: Actor, id: string, ruleKey: string) {
  const inc = await getIncident(actor, id);
  const rule = (await activeNotificationRules(actor)).find((r) => r.key === ruleKey);
  if (!rule) throw notFound('The notification rule');
  const now = new Date();
  const obligation = obligations([rule], inc.facts, inc.notifications, now)[0];
  if (!obligation) throw notFound('An obligation under this rule for this incident');
  const org = await db.organization.findUnique({ where: { id: actor.orgId }, select: { name: true } });
  return notificationDraft(
    { ...inc, organisation: org?.name ?? 'The organisation', timeline: inc.timeline, milestones: inc.milestones, actions: inc.actions },
    rule,
    obligation,
    now,
  );
}

/** The pickers of the report form and the filters. */
export async function incidentFormOptions(actor: Actor) {
  authorize(actor, 'incidents:read');
  const [systems, models, users] = await Promise.all([
    db.aISystem.findMany({ where: { orgId: actor.orgId }, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 500 }),
    db.model.findMany({
      where: { orgId: actor.orgId },
      orderBy: { key: 'asc' },
      select: { id: true, key: true, name: true, system: { select: { name: true } }, versions: { select: { id: true, label: true, stage: true }, orderBy: { createdAt: 'desc' }, take: 20 } },
      take: 500,
    }),
    db.user.findMany({ where: { orgId: actor.orgId, active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true }, take: 1000 }),
  ]);
  return {
    systems,
    models: models.map((m) => ({ id: m.id, key: m.key, name: m.name, system: m.system.name, versions: m.versions })),
    users,
  };
}

export async function listResponsePlans(actor: Actor) {
  authorize(actor, 'incidents:read');
  const rows = await db.incidentResponsePlan.findMany({
    where: { orgId: actor.orgId },
    orderBy: [{ systemId: 'asc' }, { version: 'desc' }],
    select: { id: true, systemId: true, version: true, title: true, content: true, lastTestedAt: true, createdAt: true, system: { select: { name: true } } },
    take: 2000,
  });
  const staleBefore = new Date(Date.now() - PLAN_STALE_DAYS * 86_400_000);
  const current = new Map<string, (typeof rows)[number] & { versions: number; history: { version: number; title: string; savedAt: string }[] }>();
  for (const r of rows) {
    const key = r.systemId ?? 'org';
    const held = current.get(key);
    if (held) {
      held.versions += 1;
      held.history.push({ version: r.version, title: r.title, savedAt: r.createdAt.toISOString() });
    } else current.set(key, { ...r, versions: 1, history: [] });
  }
  return [...current.values()]
    .sort((a, b) => (a.systemId ? 1 : 0) - (b.systemId ? 1 : 0) || (a.system?.name ?? '').localeCompare(b.system?.name ?? ''))
    .map((p) => ({
      id: p.id,
      scope: p.system?.name ?? 'Organisation-wide',
      systemId: p.systemId,
      version: p.version,
      versions: p.versions,
      title: p.title,
      content: p.content,
      lastTestedAt: p.lastTestedAt?.toISOString() ?? null,
      updatedAt: p.createdAt.toISOString(),
      stale: !p.lastTestedAt || p.lastTestedAt < staleBefore,
      history: p.history,
    }));
}

export async function listExercises(actor: Actor) {
  authorize(actor, 'incidents:read');
  const rows = await db.incidentExercise.findMany({
    where: { orgId: actor.orgId },
    orderBy: { heldAt: 'desc' },
    take: 200,
    select: { id: true, kind: true, heldAt: true, scenario: true, participants: true, outcome: true, rollbackMinutes: true, followUps: true },
  });
  return rows.map((r) => ({ ...r, heldAt: r.heldAt.toISOString() }));
}

/** Open incidents and overdue corrective actions, for the home page. */
export async function incidentHomeFigures(actor: Actor) {
  authorize(actor, 'incidents:read');
  const [open, sev1, overdueActions] = await Promise.all([
    db.incident.count({ where: { orgId: actor.orgId, status: { notIn: ['RESOLVED', 'CLOSED'] }, nearMiss: false } }),
    db.incident.count({ where: { orgId: actor.orgId, status: { notIn: ['RESOLVED', 'CLOSED'] }, severity: 'SEV1', nearMiss: false } }),
    db.incidentCorrectiveAction.count({ where: { orgId: actor.orgId, status: 'OPEN', dueDate: { lt: new Date() } } }),
  ]);
  return { open, sev1, overdueActions };
}

// The clock arithmetic, for the notification reminders that read incidents through this entry point.
export { responseClocks } from './clocks';
