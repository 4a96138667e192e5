import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { entityHistory } from '@/lib/audit/queries';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { asStatement } from './oscal';
import { AppError, notFound } from '@/lib/errors';
import { statusFromControls } from './logic';
import {
  matrixFilterSchema,
  matrixWindowSchema,
  quarterOf,
  quarterRange,
  quarterSchema,
  type MatrixCellView,
  type MatrixFilter,
  type MatrixRow,
  type MatrixSystem,
  type MatrixWindowQuery,
  type Status,
} from './schema';

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
  const [cells, derived] = await Promise.all([
    ids.length && systemIds.length
      ? db.$queryRaw<{ requirementId: string; systemId: string; status: Status; notes: string | null; justification: string | null; evidenceUrl: string | null }[]>`
          SELECT c."requirementId", c."systemId", c."status"::text AS "status", c."notes", c."justification", c."evidenceUrl"
            FROM "MatrixCell" c
           WHERE c."requirementId" = ANY(${ids}) AND c."systemId" = ANY(${systemIds})`
      : Promise.resolve([]),
    derivedStatuses(rows.filter((r) => r.statusFromControls).map((r) => r.id)),
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
  const history = cell ? await entityHistory(actor, 'requirements:read', 'matrix_cell', cell.id) : [];
  const derived = requirement.statusFromControls ? (await derivedStatuses([requirement.id])).get(requirement.id)! : null;
  return {
    requirement: { id: requirement.id, ref: requirement.ref, title: requirement.title, summary: requirement.summary, frameworkKey: requirement.framework.key, frameworkName: requirement.framework.name, ownerName: requirement.owner?.name ?? null },
    system: { id: system.id, name: system.name },
    cell: cell
      ? { id: cell.id, status: (derived ?? cell.status) as Status, notes: cell.notes, justification: cell.justification, evidenceUrl: cell.evidenceUrl, assessedAt: cell.assessedAt?.toISOString() ?? null, assessedBy: cell.assessedBy?.name ?? null }
      : { id: null, status: (derived ?? 'NOT_ASSESSED') as Status, notes: null, justification: null, evidenceUrl: null, assessedAt: null, assessedBy: null },
    derivedFromControls: derived !== null,
    canEdit: can(actor, 'matrix:edit', { ownerIds: [requirement.ownerId, system.technicalOwnerId, system.businessOwnerId] }),
    history,
  };
}

// ---------- library ----------

export async function listFrameworks(actor: Actor) {
  authorize(actor, 'requirements:read');
  const rows = await db.framework.findMany({
    where: { orgId: actor.orgId },
    orderBy: { name: 'asc' },
    select: { id: true, key: true, name: true, kind: true, jurisdiction: true, version: true, sourceRef: true, libraryVersion: true, isCustom: true, description: true, _count: { select: { requirements: true } } },
  });
  return rows.map(({ _count, ...f }) => ({ ...f, requirementCount: _count.requirements }));
}

export async function getFramework(actor: Actor, key: string) {
  authorize(actor, 'requirements:read');
  const f = await db.framework.findFirst({
    where: { orgId: actor.orgId, key },
    select: { id: true, key: true, name: true, kind: true, jurisdiction: true, version: true, sourceRef: true, libraryVersion: true, isCustom: true, description: true },
  });
  if (!f) throw notFound(`The framework "${key}"`);
  return f;
}

export async function listRequirements(actor: Actor, input: MatrixFilter & { page?: number; pageSize?: number } = {}) {
  authorize(actor, 'requirements:read');
  const f = matrixFilterSchema.parse(input);
  const page = Math.max(1, Math.floor(Number(input.page ?? 1)) || 1);
  const pageSize = Math.min(200, Math.max(1, Math.floor(Number(input.pageSize ?? 50)) || 50));
  const now = new Date();
  const where: Prisma.RequirementWhereInput = {
    orgId: actor.orgId,
    ...(f.framework ? { framework: { key: f.framework } } : {}),
    ...(f.area ? { area: f.area } : {}),
    ...(f.owner === 'unowned' ? { ownerId: null } : f.owner === 'me' ? { ownerId: actor.userId ?? '' } : f.owner ? { ownerId: f.owner } : {}),
    ...(f.aiOnly ? { aiSpecific: true } : {}),
    ...(f.overdue ? { nextReviewDue: { lt: now } } : {}),
    ...(f.q ? { OR: [{ ref: { contains: f.q, mode: 'insensitive' } }, { title: { contains: f.q, mode: 'insensitive' } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.requirement.findMany({
      where,
      orderBy: [{ framework: { key: 'asc' } }, { position: 'asc' }, { ref: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true, ref: true, title: true, summary: true, group: true, area: true, aiSpecific: true, ownerId: true, customised: true, reviewCadenceDays: true,
        lastReviewedAt: true, nextReviewDue: true, statusFromControls: true, libraryVersion: true,
        owner: { select: { name: true } }, framework: { select: { key: true, name: true } }, _count: { select: { controlMappings: true } },
      },
    }),
    db.requirement.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id, ref: r.ref, title: r.title, summary: r.summary, group: r.group, area: r.area, aiSpecific: r.aiSpecific, ownerId: r.ownerId, ownerName: r.owner?.name ?? null,
      customised: r.customised, reviewCadenceDays: r.reviewCadenceDays, statusFromControls: r.statusFromControls, libraryVersion: r.libraryVersion,
      lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null, nextReviewDue: r.nextReviewDue?.toISOString() ?? null,
      overdue: Boolean(r.nextReviewDue && r.nextReviewDue < now), frameworkKey: r.framework.key, frameworkName: r.framework.name, controlCount: r._count.controlMappings,
      canReview: can(actor, 'reviews:record', { ownerIds: [r.ownerId] }),
    })),
    total,
    page,
    pageSize,
  };
}

export async function getRequirement(actor: Actor, id: string) {
  authorize(actor, 'requirements:read');
  const r = await db.requirement.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true, ref: true, title: true, summary: true, statement: true, group: true, area: true, aiSpecific: true, ownerId: true, customised: true, editedAt: true, reviewCadenceDays: true,
      lastReviewedAt: true, nextReviewDue: true, statusFromControls: true, libraryVersion: true,
      owner: { select: { name: true } }, framework: { select: { key: true, name: true } },
      controlMappings: { select: { id: true, relationship: true, rationale: true, control: { select: { id: true, key: true, name: true, status: true } } } },
      crosswalkFrom: { select: { id: true, relationship: true, rationale: true, to: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } } },
      crosswalkTo: { select: { id: true, relationship: true, rationale: true, from: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } } },
      reviews: { orderBy: { reviewedAt: 'desc' }, take: 20, select: { id: true, outcome: true, notes: true, reviewedAt: true, quarter: true, reviewerName: true } },
    },
  });
  if (!r) throw notFound('The requirement');
  const derived = statusFromControls(r.controlMappings.map((m) => m.control.status));
  // The two directions are returned once, merged, as `crosswalk`.
  const { crosswalkFrom, crosswalkTo, ...rest } = r;
  return {
    ...rest,
    ownerName: r.owner?.name ?? null,
    statement: asStatement(r.statement),
    editedAt: r.editedAt?.toISOString() ?? null,
    lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null,
    nextReviewDue: r.nextReviewDue?.toISOString() ?? null,
    overdue: Boolean(r.nextReviewDue && r.nextReviewDue.getTime() < Date.now()),
    controlStatus: r.controlMappings.length ? derived : null,
    crosswalk: [
      ...crosswalkFrom.map((m) => ({ id: m.id, relationship: m.relationship, rationale: m.rationale, other: m.to })),
      ...crosswalkTo.map((m) => ({ id: m.id, relationship: m.relationship, rationale: m.rationale, other: m.from })),
    ],
    reviews: r.reviews.map((v) => ({ ...v, reviewedAt: v.reviewedAt.toISOString() })),
    canEdit: can(actor, 'library:manage'),
    canReview: can(actor, 'reviews:record', { ownerIds: [r.ownerId] }),
  };
}

// ---------- systems ----------

export async function listSystems(actor: Actor) {
  authorize(actor, 'requirements:read');
  const rows = await db.aISystem.findMany({
    where: { orgId: actor.orgId },
    orderBy: { name: 'asc' },
    select: {
      id: true, name: true, purpose: true, domain: true, regions: true, riskTier: true, status: true, businessOwnerId: true, technicalOwnerId: true,
      businessOwner: { select: { name: true } }, technicalOwner: { select: { name: true } },
      frameworks: { select: { confirmed: true, framework: { select: { key: true, name: true } } } },
    },
  });
  return rows.map((s) => ({
    id: s.id, name: s.name, purpose: s.purpose, domain: s.domain, regions: s.regions, riskTier: s.riskTier, status: s.status,
    businessOwnerId: s.businessOwnerId, technicalOwnerId: s.technicalOwnerId,
    businessOwnerName: s.businessOwner?.name ?? null, technicalOwnerName: s.technicalOwner?.name ?? null,
    frameworks: s.frameworks.map((f) => ({ key: f.framework.key, name: f.framework.name, confirmed: f.confirmed })).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

// ---------- controls and crosswalk ----------

export async function listControls(actor: Actor) {
  authorize(actor, 'requirements:read');
  const rows = await db.control.findMany({
    where: { orgId: actor.orgId },
    orderBy: { key: 'asc' },
    take: 1000,
    select: {
      id: true, key: true, name: true, description: true, area: true, status: true, ownerId: true, owner: { select: { name: true } },
      mappings: { orderBy: { createdAt: 'asc' }, select: { id: true, relationship: true, rationale: true, requirement: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } } },
    },
  });
  return rows.map((c) => ({ ...c, ownerName: c.owner?.name ?? null, canEdit: can(actor, 'library:manage') }));
}

export async function listCrosswalk(actor: Actor, input: { framework?: string; page?: number } = {}) {
  authorize(actor, 'requirements:read');
  const page = Math.max(1, Number(input.page ?? 1) || 1);
  const pageSize = 100;
  const where: Prisma.CrosswalkMappingWhereInput = {
    orgId: actor.orgId,
    ...(input.framework ? { OR: [{ from: { framework: { key: input.framework } } }, { to: { framework: { key: input.framework } } }] } : {}),
  };
  const side = { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } as const;
  const [items, total, pairs] = await Promise.all([
    db.crosswalkMapping.findMany({ where, orderBy: { createdAt: 'asc' }, skip: (page - 1) * pageSize, take: pageSize, select: { id: true, relationship: true, rationale: true, from: side, to: side } }),
    db.crosswalkMapping.count({ where }),
    db.$queryRaw<{ a: string; b: string; n: bigint }[]>`
      SELECT fa."name" AS a, fb."name" AS b, count(*) AS n FROM "CrosswalkMapping" m
        JOIN "Requirement" ra ON ra."id" = m."fromRequirementId" JOIN "Framework" fa ON fa."id" = ra."frameworkId"
        JOIN "Requirement" rb ON rb."id" = m."toRequirementId" JOIN "Framework" fb ON fb."id" = rb."frameworkId"
       WHERE m."orgId" = ${actor.orgId} GROUP BY fa."name", fb."name" ORDER BY n DESC`,
  ]);
  return { items, total, page, pageSize, overlaps: pairs.map((p) => ({ a: p.a, b: p.b, count: Number(p.n) })) };
}

// ---------- reviews ----------

/** What was reviewed in a quarter, by whom, and what is overdue now. */
export async function quarterView(actor: Actor, quarter?: string) {
  authorize(actor, 'requirements:read');
  const q = quarter ? quarterSchema.parse(quarter) : quarterOf(new Date());
  const { start, end } = quarterRange(q);
  const [reviews, overdue, dueInQuarter] = await Promise.all([
    db.requirementReview.findMany({
      where: { orgId: actor.orgId, reviewedAt: { gte: start, lt: end } },
      orderBy: { reviewedAt: 'desc' },
      take: 500,
      select: { id: true, outcome: true, notes: true, reviewedAt: true, reviewerName: true, requirement: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } },
    }),
    db.requirement.findMany({
      where: { orgId: actor.orgId, nextReviewDue: { lt: new Date() } },
      orderBy: { nextReviewDue: 'asc' },
      take: 200,
      select: { id: true, ref: true, title: true, nextReviewDue: true, owner: { select: { name: true } }, framework: { select: { key: true, name: true } } },
    }),
    db.requirement.count({ where: { orgId: actor.orgId, nextReviewDue: { gte: start, lt: end } } }),
  ]);
  return {
    quarter: q,
    reviews: reviews.map((r) => ({ ...r, reviewedAt: r.reviewedAt.toISOString() })),
    overdue: overdue.map((r) => ({ id: r.id, ref: r.ref, title: r.title, nextReviewDue: r.nextReviewDue!.toISOString(), ownerName: r.owner?.name ?? null, framework: r.framework })),
    dueInQuarter,
  };
}

export async function getImportBatch(actor: Actor, id: string) {
  authorize(actor, 'library:manage');
  const b = await db.importBatch.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, kind: true, fileName: true, frameworkKey: true, summary: true, status: true, createdAt: true } });
  if (!b) throw new AppError('NOT_FOUND', 'The import preview was not found (it may have been applied or discarded).');
  return { ...b, createdAt: b.createdAt.toISOString() };
}
