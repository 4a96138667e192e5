import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { atlas, techniqueLabel } from '../atlas';
import { listRedTeamQuerySchema, type RedTeamDetail } from './schema';

export async function listRedTeamExercises(actor: Actor, input: Record<string, unknown> = {}) {
  authorize(actor, 'risks:read');
  const q = listRedTeamQuerySchema.parse(input);
  const where = { orgId: actor.orgId, ...(q.systemId ? { systemId: q.systemId } : {}) };
  const [rows, total] = await Promise.all([
    db.redTeamExercise.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, title: true, systemId: true, versionId: true, team: true, firm: true, completedAt: true, createdAt: true, system: { select: { name: true } }, techniques: { select: { result: true } } },
    }),
    db.redTeamExercise.count({ where }),
  ]);
  const versions = await versionLabels(rows.map((r) => r.versionId));
  return {
    items: rows.map((r) => ({
      id: r.id, title: r.title, systemId: r.systemId, systemName: r.system.name, versionLabel: r.versionId ? (versions.get(r.versionId) ?? null) : null, team: r.team, firm: r.firm,
      planned: r.techniques.length, succeeded: r.techniques.filter((t) => t.result === 'SUCCEEDED').length,
      completedAt: r.completedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function versionLabels(ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (!unique.length) return new Map<string, string>();
  const rows = await db.modelVersion.findMany({ where: { id: { in: unique } }, select: { id: true, label: true, model: { select: { name: true, key: true } } } });
  return new Map(rows.map((v) => [v.id, `${v.model.name} ${v.label}`]));
}

/** The registry page of a version (model key and label), for a link from the exercise. */
async function versionHref(id: string | null) {
  if (!id) return null;
  const v = await db.modelVersion.findUnique({ where: { id }, select: { label: true, model: { select: { key: true } } } });
  return v ? `/models/${v.model.key}/versions/${encodeURIComponent(v.label)}` : null;
}

export async function getRedTeamExercise(actor: Actor, id: string): Promise<RedTeamDetail> {
  authorize(actor, 'risks:read');
  const e = await db.redTeamExercise.findFirst({
    where: { id, orgId: actor.orgId },
    select: {
      id: true, title: true, systemId: true, versionId: true, team: true, firm: true, scope: true, completedAt: true, createdAt: true,
      system: { select: { name: true, businessOwnerId: true, technicalOwnerId: true } },
      techniques: { orderBy: { techniqueId: 'asc' }, select: { id: true, techniqueId: true, result: true, evidence: true, testedAt: true, findingId: true, incidentId: true, retestOf: { select: { id: true, exercise: { select: { id: true, title: true } } } } } },
    },
  });
  if (!e) throw notFound('The red-team exercise');
  const lib = atlas();
  const [versions, versionPage] = await Promise.all([versionLabels([e.versionId]), versionHref(e.versionId)]);
  const manage = can(actor, 'threats:manage', { ownerIds: [e.system.businessOwnerId, e.system.technicalOwnerId].filter((x): x is string => !!x) });
  return {
    id: e.id, title: e.title, systemId: e.systemId, systemName: e.system.name, versionId: e.versionId, versionLabel: e.versionId ? (versions.get(e.versionId) ?? null) : null, versionHref: versionPage,
    team: e.team, firm: e.firm, scope: e.scope, completedAt: e.completedAt?.toISOString() ?? null, createdAt: e.createdAt.toISOString(),
    planned: e.techniques.length, succeeded: e.techniques.filter((t) => t.result === 'SUCCEEDED').length,
    techniques: e.techniques.map((t) => ({
      id: t.id, techniqueId: t.techniqueId, techniqueLabel: techniqueLabel(lib, t.techniqueId), result: t.result, evidence: t.evidence, testedAt: t.testedAt?.toISOString() ?? null, findingId: t.findingId, incidentId: t.incidentId,
      retestOf: t.retestOf ? { id: t.retestOf.exercise.id, label: t.retestOf.exercise.title } : null,
    })),
    capabilities: { record: manage && !e.completedAt, complete: manage && !e.completedAt && e.techniques.every((t) => t.result !== 'PLANNED'), openIncident: manage && can(actor, 'incidents:report') },
  };
}

export type VersionRedTeam = { exerciseId: string; title: string; completedAt: string | null; planned: number; resisted: number; partial: number; succeeded: number; untested: number };

type LastRow = { versionId: string; id: string; title: string; completedAt: Date | null; planned: number; resisted: number; partial: number; succeeded: number; untested: number };

/**
 * The last red-team result of each model version, for the registry: the
 * latest completed exercise on it (what the promotion gate reads), else the
 * latest one in progress. One statement for any number of versions (the
 * model page's whole version list): DISTINCT ON picks each version's
 * exercise, the technique counts are summed in SQL. Empty for readers
 * without risks:read.
 */
export async function lastRedTeamByVersion(actor: Actor, versionIds: string[]): Promise<Record<string, VersionRedTeam>> {
  const ids = [...new Set(versionIds)];
  if (!ids.length || !can(actor, 'risks:read')) return {};
  const rows = await db.$queryRaw<LastRow[]>`
    SELECT DISTINCT ON (e."versionId") e."versionId", e."id", e."title", e."completedAt",
           count(t."id")::int AS "planned",
           count(*) FILTER (WHERE t."result" = 'RESISTED')::int AS "resisted",
           count(*) FILTER (WHERE t."result" = 'PARTIAL')::int AS "partial",
           count(*) FILTER (WHERE t."result" = 'SUCCEEDED')::int AS "succeeded",
           count(*) FILTER (WHERE t."result" = 'PLANNED')::int AS "untested"
    FROM "RedTeamExercise" e
    LEFT JOIN "RedTeamTechnique" t ON t."exerciseId" = e."id"
    WHERE e."orgId" = ${actor.orgId} AND e."versionId" = ANY(${ids}::text[])
    GROUP BY e."id"
    ORDER BY e."versionId", e."completedAt" DESC NULLS LAST, e."createdAt" DESC, e."id"`;
  return Object.fromEntries(
    rows.map((r) => [r.versionId, { exerciseId: r.id, title: r.title, completedAt: r.completedAt?.toISOString() ?? null, planned: r.planned, resisted: r.resisted, partial: r.partial, succeeded: r.succeeded, untested: r.untested }]),
  );
}
