import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { invertRelationship, type Relationship } from '../library-schema';
import type { CrosswalkRow } from '../logic/crosswalk-io';
import type { Status } from '../schema/vocabulary';

// Reads of the crosswalk: the list, the coverage one framework gives another,
// what a requirement also satisfies, and the rows an export writes.

export function crosswalkCapabilities(actor: Actor) {
  return { edit: can(actor, 'library:manage'), importExport: can(actor, 'library:manage') };
}

export async function listCrosswalk(actor: Actor, input: { framework?: string; page?: number; pageSize?: number } = {}) {
  authorize(actor, 'requirements:read');
  const page = Math.max(1, Number(input.page ?? 1) || 1);
  // 100 a page by default (the API and the screen); a caller may ask for fewer.
  const pageSize = Math.min(100, Math.max(1, Math.trunc(input.pageSize ?? 100)));
  const where: Prisma.CrosswalkMappingWhereInput = {
    orgId: actor.orgId,
    removedAt: null,
    ...(input.framework ? { OR: [{ from: { framework: { key: input.framework } } }, { to: { framework: { key: input.framework } } }] } : {}),
  };
  const side = { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } as const;
  const [items, total, pairs] = await Promise.all([
    db.crosswalkMapping.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, relationship: true, rationale: true, citation: true, origin: true, customised: true, from: side, to: side },
    }),
    db.crosswalkMapping.count({ where }),
    db.$queryRaw<{ a: string; b: string; n: bigint }[]>`
      SELECT fa."name" AS a, fb."name" AS b, count(*) AS n FROM "CrosswalkMapping" m
        JOIN "Requirement" ra ON ra."id" = m."fromRequirementId" JOIN "Framework" fa ON fa."id" = ra."frameworkId"
        JOIN "Requirement" rb ON rb."id" = m."toRequirementId" JOIN "Framework" fb ON fb."id" = rb."frameworkId"
       WHERE m."orgId" = ${actor.orgId} AND m."removedAt" IS NULL GROUP BY fa."name", fb."name" ORDER BY n DESC, a, b`,
  ]);
  return { items, total, page, pageSize, overlaps: pairs.map((p) => ({ a: p.a, b: p.b, count: Number(p.n) })), capabilities: crosswalkCapabilities(actor) };
}

export type CoverageRow = { key: string; name: string; requirements: number; covered: number; partial: number; coveredPct: number; mappedPct: number };

/**
 * The coverage a source framework gives every other one: the share of the
 * target's requirements that some source requirement covers fully
 * (equivalent, or superset of it), and the share it touches at all (subset
 * of or intersects with). Mappings count from both sides, the stored
 * relationship inverted when read from its target. One query, in SQL.
 */
export async function crosswalkCoverage(actor: Actor, input: { source?: string } = {}) {
  authorize(actor, 'requirements:read');
  const frameworks = await db.framework.findMany({ where: { orgId: actor.orgId }, orderBy: { name: 'asc' }, select: { id: true, key: true, name: true, _count: { select: { requirements: true } } } });
  const source = frameworks.find((f) => f.key === input.source) ?? frameworks.find((f) => f.key === 'iso-27001') ?? frameworks[0];
  if (!source) return { source: null, rows: [] as CoverageRow[], frameworks: [] };
  const counts = await db.$queryRaw<{ target: string; covered: bigint; touched: bigint }[]>`
    WITH edges AS (
      SELECT m."fromRequirementId" AS s, m."toRequirementId" AS t, m."relationship"::text AS rel FROM "CrosswalkMapping" m WHERE m."orgId" = ${actor.orgId} AND m."removedAt" IS NULL
      UNION ALL
      SELECT m."toRequirementId", m."fromRequirementId",
             CASE m."relationship"::text WHEN 'SUBSET' THEN 'SUPERSET' WHEN 'SUPERSET' THEN 'SUBSET' ELSE m."relationship"::text END
        FROM "CrosswalkMapping" m WHERE m."orgId" = ${actor.orgId} AND m."removedAt" IS NULL
    )
    SELECT rt."frameworkId" AS target,
           count(DISTINCT e.t) FILTER (WHERE e.rel IN ('EQUIVALENT', 'SUPERSET')) AS covered,
           count(DISTINCT e.t) AS touched
      FROM edges e
      JOIN "Requirement" rs ON rs."id" = e.s AND rs."frameworkId" = ${source.id}
      JOIN "Requirement" rt ON rt."id" = e.t AND rt."frameworkId" <> ${source.id}
     GROUP BY rt."frameworkId"`;
  const byId = new Map(counts.map((c) => [c.target, c]));
  const pct = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);
  const rows: CoverageRow[] = frameworks
    .filter((f) => f.id !== source.id && byId.has(f.id))
    .map((f) => {
      const c = byId.get(f.id)!;
      const covered = Number(c.covered);
      const touched = Number(c.touched);
      return { key: f.key, name: f.name, requirements: f._count.requirements, covered, partial: touched - covered, coveredPct: pct(covered, f._count.requirements), mappedPct: pct(touched, f._count.requirements) };
    })
    .sort((a, b) => b.coveredPct - a.coveredPct || b.mappedPct - a.mappedPct || a.name.localeCompare(b.name));
  return { source: { key: source.key, name: source.name, requirements: source._count.requirements }, rows, frameworks: frameworks.map((f) => ({ key: f.key, name: f.name })) };
}

export type AlsoSatisfies = {
  id: string;
  /** This requirement relative to the other one. */
  relationship: Relationship;
  rationale: string;
  citation: string | null;
  other: { id: string; ref: string; title: string; framework: { key: string; name: string } };
  statuses: { systemId: string; systemName: string; status: Status }[];
};

/** What else a requirement satisfies: its crosswalk mappings read from its side, with the other requirement's status per AI system. */
export async function alsoSatisfies(actor: Actor, requirementId: string): Promise<AlsoSatisfies[]> {
  authorize(actor, 'requirements:read');
  const other = { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } as const;
  const [from, to] = await Promise.all([
    db.crosswalkMapping.findMany({ where: { orgId: actor.orgId, fromRequirementId: requirementId, removedAt: null }, select: { id: true, relationship: true, rationale: true, citation: true, to: other } }),
    db.crosswalkMapping.findMany({ where: { orgId: actor.orgId, toRequirementId: requirementId, removedAt: null }, select: { id: true, relationship: true, rationale: true, citation: true, from: other } }),
  ]);
  const list = [
    ...from.map((m) => ({ id: m.id, relationship: m.relationship as Relationship, rationale: m.rationale, citation: m.citation, other: m.to })),
    ...to.map((m) => ({ id: m.id, relationship: invertRelationship(m.relationship as Relationship), rationale: m.rationale, citation: m.citation, other: m.from })),
  ].sort((a, b) => a.other.framework.name.localeCompare(b.other.framework.name) || a.other.ref.localeCompare(b.other.ref, undefined, { numeric: true }));
  const cells = list.length
    ? await db.matrixCell.findMany({
        where: { orgId: actor.orgId, requirementId: { in: list.map((m) => m.other.id) }, system: { status: { not: 'RETIRED' } } },
        select: { requirementId: true, status: true, system: { select: { id: true, name: true } } },
        orderBy: { system: { name: 'asc' } },
      })
    : [];
  return list.map((m) => ({
    ...m,
    statuses: cells.filter((c) => c.requirementId === m.other.id).map((c) => ({ systemId: c.system.id, systemName: c.system.name, status: c.status as Status })),
  }));
}

/** The live mappings as export rows, optionally only those touching one framework. */
export async function crosswalkExportRows(actor: Actor, input: { framework?: string } = {}): Promise<{ rows: CrosswalkRow[]; frameworkNames: Record<string, string> }> {
  authorize(actor, 'requirements:read');
  const side = { select: { ref: true, framework: { select: { key: true, name: true } } } } as const;
  const rows = await db.crosswalkMapping.findMany({
    where: { orgId: actor.orgId, removedAt: null, ...(input.framework ? { OR: [{ from: { framework: { key: input.framework } } }, { to: { framework: { key: input.framework } } }] } : {}) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { relationship: true, rationale: true, citation: true, from: side, to: side },
  });
  const frameworkNames: Record<string, string> = {};
  for (const r of rows) {
    frameworkNames[r.from.framework.key] = r.from.framework.name;
    frameworkNames[r.to.framework.key] = r.to.framework.name;
  }
  return {
    rows: rows.map((r) => ({ fromFramework: r.from.framework.key, fromRef: r.from.ref, relationship: r.relationship as Relationship, toFramework: r.to.framework.key, toRef: r.to.ref, rationale: r.rationale, citation: r.citation })),
    frameworkNames,
  };
}
