import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { entityHistory } from '@/lib/audit/queries';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { notFound } from '@/lib/errors';
import { monitoringEvidence } from '@/lib/monitoring/queries';
import { statusFromControls } from '../logic/rules';
import { matrixFilterSchema, matrixWindowSchema, type MatrixCellView, type MatrixFilter, type MatrixRow, type MatrixSystem, type MatrixWindowQuery } from '../schema/matrix';
import { type Status } from '../schema/vocabulary';

type Filter = ReturnType<typeof matrixFilterSchema.parse>;

type SystemRow = { id: string; name: string; regions: string[]; domain: string; technicalOwnerId: string | null; businessOwnerId: string | null };

/** Columns of the matrix: live AI systems, narrowed by the region filter. */
async function visibleSystems(actor: Actor, f: Filter): Promise<SystemRow[]> {
  return db.aISystem.findMany({
    where: { orgId: actor.orgId, status: { not: 'RETIRED' }, ...(f.region ? { regions: { has: f.region } } : {}) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, regions: true, domain: true, technicalOwnerId: true, businessOwnerId: true },
  });
}

/** The WHERE clause over requirements r joined to frameworks f, shared by the window, the summary and the export. */
function requirementWhere(actor: Actor, f: Filter, systemIds: string[], opts: { withStatus: boolean }): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`r."orgId" = ${actor.orgId}`];
  if (f.framework) parts.push(Prisma.sql`f."key" = ${f.framework}`);
  if (f.area) parts.push(Prisma.sql`r."area" = ${f.area}::"RequirementArea"`);
  if (f.owner === 'unowned') parts.push(Prisma.sql`r."ownerId" IS NULL`);
  else if (f.owner === 'me') parts.push(Prisma.sql`r."ownerId" = ${actor.userId ?? ''}`);
  else if (f.owner) parts.push(Prisma.sql`r."ownerId" = ${f.owner}`);
  if (f.aiOnly) parts.push(Prisma.sql`r."aiSpecific" = true`);
  if (f.overdue) parts.push(Prisma.sql`r."nextReviewDue" < now()`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(Prisma.sql`(r."ref" ILIKE ${like} OR r."title" ILIKE ${like})`);
  }
  if (opts.withStatus && f.status) {
    if (f.status === 'NOT_ASSESSED') {
      // A missing cell counts as not assessed.
      parts.push(Prisma.sql`(SELECT count(*) FROM "MatrixCell" c WHERE c."requirementId" = r."id" AND c."systemId" = ANY(${systemIds}) AND c."status" <> 'NOT_ASSESSED') < ${systemIds.length}`);
    } else {
      parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "MatrixCell" c WHERE c."requirementId" = r."id" AND c."systemId" = ANY(${systemIds}) AND c."status" = ${f.status}::"ComplianceStatus")`);
    }
  }
  return Prisma.join(parts, ' AND ');
}

function editableBy(actor: Actor, s: SystemRow, requirementOwnerId: string | null): boolean {
  return can(actor, 'matrix:edit', { ownerIds: [requirementOwnerId, s.technicalOwnerId, s.businessOwnerId] });
}

/**
 * One window of matrix rows (requirements) with their cells for every visible
 * system. The server pages the rows; the browser virtualises what it holds.
 */
export async function matrixWindow(actor: Actor, input: MatrixWindowQuery = {}) {
  authorize(actor, 'requirements:read');
  const q = matrixWindowSchema.parse(input);
  const systems = await visibleSystems(actor, q);
  const systemIds = systems.map((s) => s.id);
  const where = requirementWhere(actor, q, systemIds, { withStatus: true });
  const [rows, countRows, applies] = await Promise.all([
    db.$queryRaw<
      { id: string; ref: string; title: string; area: string; aiSpecific: boolean; ownerId: string | null; ownerName: string | null; nextReviewDue: Date | null; statusFromControls: boolean; frameworkId: string; frameworkKey: string; frameworkName: string }[]
    >`SELECT r."id", r."ref", r."title", r."area"::text AS "area", r."aiSpecific", r."ownerId", u."name" AS "ownerName", r."nextReviewDue",
             r."statusFromControls", f."id" AS "frameworkId", f."key" AS "frameworkKey", f."name" AS "frameworkName"
        FROM "Requirement" r JOIN "Framework" f ON f."id" = r."frameworkId" LEFT JOIN "User" u ON u."id" = r."ownerId"
       WHERE ${where}
       ORDER BY f."key", r."position", r."ref"
       LIMIT ${q.limit} OFFSET ${q.offset}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Requirement" r JOIN "Framework" f ON f."id" = r."frameworkId" WHERE ${where}`,
    db.systemFramework.findMany({ where: { orgId: actor.orgId, systemId: { in: systemIds } }, select: { systemId: true, frameworkId: true } }),
  ]);
  const ids = rows.map((r) => r.id);
  const [cells, derived, monitoring] = await Promise.all([
    ids.length && systemIds.length
      ? db.$queryRaw<{ requirementId: string; systemId: string; status: Status; notes: string | null; justification: string | null; evidenceUrl: string | null }[]>`
          SELECT c."requirementId", c."systemId", c."status"::text AS "status", c."notes", c."justification", c."evidenceUrl"
            FROM "MatrixCell" c
           WHERE c."requirementId" = ANY(${ids}) AND c."systemId" = ANY(${systemIds})`
      : Promise.resolve([]),
    derivedStatuses(rows.filter((r) => r.statusFromControls).map((r) => r.id)),
    monitoringEvidence(actor.orgId, systemIds),
  ]);
  const applySet = new Set(applies.map((a) => `${a.systemId}|${a.frameworkId}`));
  const cellMap = new Map(cells.map((c) => [`${c.requirementId}|${c.systemId}`, c]));
  const now = Date.now();
  const out: MatrixRow[] = rows.map((r) => {
    const row: MatrixRow = {
      id: r.id,
      frameworkKey: r.frameworkKey,
      frameworkName: r.frameworkName,
      ref: r.ref,
      title: r.title,
      area: r.area,
      aiSpecific: r.aiSpecific,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      nextReviewDue: r.nextReviewDue?.toISOString() ?? null,
      overdue: Boolean(r.nextReviewDue && r.nextReviewDue.getTime() < now),
      derivedStatus: r.statusFromControls ? (derived.get(r.id) ?? 'NOT_ASSESSED') : null,
      cells: [],
    };
    for (const s of systems) {
      const c = cellMap.get(`${r.id}|${s.id}`);
      const view: MatrixCellView = { status: row.derivedStatus ?? c?.status ?? 'NOT_ASSESSED', applies: applySet.has(`${s.id}|${r.frameworkId}`) };
      if (c?.notes) view.notes = c.notes;
      if (c?.justification) view.justification = c.justification;
      if (c?.evidenceUrl) view.evidenceUrl = c.evidenceUrl;
      const monitored = monitoring.requirements.has(`${r.frameworkKey}|${r.ref}`) ? monitoring.bySystem.get(s.id) : undefined;
      if (monitored) view.monitoring = monitored;
      row.cells.push(view);
    }
    return row;
  });
  // Which cells this actor may edit: per system for everyone with matrix:edit, else per owned row or owned system.
  const matrixSystems: MatrixSystem[] = systems.map((s) => ({ id: s.id, name: s.name, regions: s.regions, domain: s.domain, canEdit: editableBy(actor, s, null) }));
  const editableRows = out.filter((r) => r.ownerId && r.ownerId === actor.userId && can(actor, 'matrix:edit', { ownerIds: [r.ownerId] })).map((r) => r.id);
  return { systems: matrixSystems, rows: out, editableRowIds: editableRows, total: Number(countRows[0]?.n ?? 0), offset: q.offset, limit: q.limit };
}

async function derivedStatuses(requirementIds: string[]): Promise<Map<string, Status>> {
  if (!requirementIds.length) return new Map();
  const rows = await db.controlMapping.findMany({ where: { requirementId: { in: requirementIds } }, select: { requirementId: true, control: { select: { status: true } } } });
  const by = new Map<string, Status[]>();
  for (const r of rows) (by.get(r.requirementId) ?? by.set(r.requirementId, []).get(r.requirementId)!).push(r.control.status);
  return new Map(requirementIds.map((id) => [id, statusFromControls(by.get(id) ?? [])]));
}

export type Completion = { id: string; label: string; cells: number; assessed: number; compliant: number; nonCompliant: number };

/**
 * Posture figures aggregated in SQL: completion per framework and per system
 * over the cells where the framework applies to the system, plus requirement
 * counts (unowned, overdue). Reused by the dashboards.
 */
export async function matrixSummary(actor: Actor, input: MatrixFilter = {}) {
  authorize(actor, 'requirements:read');
  const f = matrixFilterSchema.parse(input);
  const systems = await visibleSystems(actor, f);
  const systemIds = systems.map((s) => s.id);
  const where = requirementWhere(actor, f, systemIds, { withStatus: false });
  // Cells are aggregated once per (framework, system) pair; the per-framework,
  // per-system and overall figures are sums of those few hundred pairs.
  const pairsQuery = db.$queryRaw<{ frameworkKey: string; frameworkName: string; systemId: string; cells: bigint; assessed: bigint; compliant: bigint; nonCompliant: bigint }[]>`
    WITH req AS (
      SELECT r."id", r."frameworkId", r."statusFromControls" FROM "Requirement" r JOIN "Framework" f ON f."id" = r."frameworkId" WHERE ${where}
    ), per_fw AS (
      SELECT "frameworkId", count(*) AS n FROM req GROUP BY 1
    ), agg AS (
      SELECT req."frameworkId", c."systemId",
             count(*) FILTER (WHERE c."status" <> 'NOT_ASSESSED') AS assessed,
             count(*) FILTER (WHERE c."status" IN ('COMPLIANT', 'NOT_APPLICABLE')) AS compliant,
             count(*) FILTER (WHERE c."status" = 'NON_COMPLIANT') AS "nonCompliant"
        FROM "MatrixCell" c JOIN req ON req."id" = c."requirementId" AND NOT req."statusFromControls"
       WHERE c."systemId" = ANY(${systemIds})
       GROUP BY 1, 2
    ), derived AS (
      -- The same rule as statusFromControls() in logic.ts, for rows that take their status from controls.
      SELECT req."id", req."frameworkId",
             CASE
               WHEN count(ctl."id") FILTER (WHERE ctl."status" <> 'NOT_APPLICABLE') = 0
                 THEN CASE WHEN count(ctl."id") > 0 THEN 'NOT_APPLICABLE' ELSE 'NOT_ASSESSED' END
               WHEN bool_or(ctl."status" = 'NON_COMPLIANT') THEN 'NON_COMPLIANT'
               WHEN bool_and(ctl."status" IN ('COMPLIANT', 'NOT_APPLICABLE')) THEN 'COMPLIANT'
               WHEN bool_or(ctl."status" IN ('COMPLIANT', 'PARTIALLY_COMPLIANT')) THEN 'PARTIALLY_COMPLIANT'
               ELSE 'NOT_ASSESSED'
             END AS status
        FROM req LEFT JOIN "ControlMapping" m ON m."requirementId" = req."id" LEFT JOIN "Control" ctl ON ctl."id" = m."controlId"
       WHERE req."statusFromControls"
       GROUP BY req."id", req."frameworkId"
    ), dagg AS (
      SELECT "frameworkId",
             count(*) FILTER (WHERE status <> 'NOT_ASSESSED') AS assessed,
             count(*) FILTER (WHERE status IN ('COMPLIANT', 'NOT_APPLICABLE')) AS compliant,
             count(*) FILTER (WHERE status = 'NON_COMPLIANT') AS "nonCompliant"
        FROM derived GROUP BY 1
    )
    SELECT f."key" AS "frameworkKey", f."name" AS "frameworkName", sf."systemId", per_fw.n AS "cells",
           coalesce(agg.assessed, 0) + coalesce(dagg.assessed, 0) AS "assessed",
           coalesce(agg.compliant, 0) + coalesce(dagg.compliant, 0) AS "compliant",
           coalesce(agg."nonCompliant", 0) + coalesce(dagg."nonCompliant", 0) AS "nonCompliant"
      FROM "SystemFramework" sf
      JOIN per_fw ON per_fw."frameworkId" = sf."frameworkId"
      JOIN "Framework" f ON f."id" = sf."frameworkId"
      LEFT JOIN agg ON agg."frameworkId" = sf."frameworkId" AND agg."systemId" = sf."systemId"
      LEFT JOIN dagg ON dagg."frameworkId" = sf."frameworkId"
     WHERE sf."systemId" = ANY(${systemIds})`;
  const countsQuery = db.$queryRaw<{ total: bigint; unowned: bigint; overdue: bigint; aiSpecific: bigint }[]>`
    SELECT count(*) AS "total", count(*) FILTER (WHERE r."ownerId" IS NULL) AS "unowned",
           count(*) FILTER (WHERE r."nextReviewDue" < now()) AS "overdue", count(*) FILTER (WHERE r."aiSpecific") AS "aiSpecific"
      FROM "Requirement" r JOIN "Framework" f ON f."id" = r."frameworkId" WHERE ${where}`;
  const [pairs, counts] = await Promise.all([pairsQuery, countsQuery]);
  const names = new Map(systems.map((sys) => [sys.id, sys.name]));
  const empty = () => ({ cells: 0, assessed: 0, compliant: 0, nonCompliant: 0 });
  const add = (into: ReturnType<typeof empty>, p: (typeof pairs)[number]) => {
    into.cells += Number(p.cells);
    into.assessed += Number(p.assessed);
    into.compliant += Number(p.compliant);
    into.nonCompliant += Number(p.nonCompliant);
  };
  const overall = empty();
  const fw = new Map<string, Completion>();
  const sys = new Map<string, Completion>();
  for (const p of pairs) {
    add(overall, p);
    add(fw.get(p.frameworkKey) ?? fw.set(p.frameworkKey, { id: p.frameworkKey, label: p.frameworkName, ...empty() }).get(p.frameworkKey)!, p);
    add(sys.get(p.systemId) ?? sys.set(p.systemId, { id: p.systemId, label: names.get(p.systemId) ?? p.systemId, ...empty() }).get(p.systemId)!, p);
  }
  const byLabel = (a: Completion, b: Completion) => a.label.localeCompare(b.label);
  const c = counts[0];
  return {
    overall,
    byFramework: [...fw.values()].sort(byLabel),
    bySystem: [...sys.values()].sort(byLabel),
    requirements: { total: Number(c?.total ?? 0), unowned: Number(c?.unowned ?? 0), overdue: Number(c?.overdue ?? 0), aiSpecific: Number(c?.aiSpecific ?? 0) },
  };
}

/** Every row the filters select (no window), for the exports. Capped to keep a request bounded. */
export async function matrixAllRows(actor: Actor, input: MatrixFilter = {}) {
  const first = await matrixWindow(actor, { ...input, offset: 0, limit: 500 });
  const rows = [...first.rows];
  for (let offset = 500; offset < Math.min(first.total, 20_000); offset += 500) {
    rows.push(...(await matrixWindow(actor, { ...input, offset, limit: 500 })).rows);
  }
  return { systems: first.systems, rows, total: first.total };
}

export async function getCell(actor: Actor, requirementId: string, systemId: string) {
  authorize(actor, 'requirements:read');
  const [requirement, system] = await Promise.all([
    db.requirement.findFirst({
      where: { id: requirementId, orgId: actor.orgId },
      select: { id: true, ref: true, title: true, summary: true, ownerId: true, statusFromControls: true, framework: { select: { key: true, name: true } }, owner: { select: { name: true } } },
    }),
    db.aISystem.findFirst({ where: { id: systemId, orgId: actor.orgId }, select: { id: true, name: true, technicalOwnerId: true, businessOwnerId: true } }),
  ]);
  if (!requirement || !system) throw notFound('The matrix cell');
  const cell = await db.matrixCell.findUnique({
    where: { requirementId_systemId: { requirementId, systemId } },
    select: { id: true, status: true, notes: true, justification: true, evidenceUrl: true, assessedAt: true, assessedBy: { select: { name: true } } },
  });
  const [history, monitoring] = await Promise.all([cell ? entityHistory(actor, 'requirements:read', 'matrix_cell', cell.id) : Promise.resolve([]), monitoringEvidence(actor.orgId, [system.id])]);
  const derived = requirement.statusFromControls ? (await derivedStatuses([requirement.id])).get(requirement.id)! : null;
  return {
    requirement: { id: requirement.id, ref: requirement.ref, title: requirement.title, summary: requirement.summary, frameworkKey: requirement.framework.key, frameworkName: requirement.framework.name, ownerName: requirement.owner?.name ?? null },
    system: { id: system.id, name: system.name },
    cell: cell
      ? { id: cell.id, status: (derived ?? cell.status) as Status, notes: cell.notes, justification: cell.justification, evidenceUrl: cell.evidenceUrl, assessedAt: cell.assessedAt?.toISOString() ?? null, assessedBy: cell.assessedBy?.name ?? null }
      : { id: null, status: (derived ?? 'NOT_ASSESSED') as Status, notes: null, justification: null, evidenceUrl: null, assessedAt: null, assessedBy: null },
    derivedFromControls: derived !== null,
    monitoring: monitoring.requirements.has(`${requirement.framework.key}|${requirement.ref}`) ? (monitoring.bySystem.get(system.id) ?? null) : null,
    canEdit: can(actor, 'matrix:edit', { ownerIds: [requirement.ownerId, system.technicalOwnerId, system.businessOwnerId] }),
    history,
  };
}
