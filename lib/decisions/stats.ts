import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { rawPool } from '@/lib/db-raw';
import { readableSystemIds } from './access';
import { COVERED_STATUSES, type DecisionStatsQuery } from './schema';
import { decisionNames } from './search';

// Per-version statistics of the log (volume, override rate, outcomes, by
// group, explanation coverage per version and per day), set-based in SQL
// over the time range so partitions outside it are pruned.

export type DayRow = { day: string; versionId: string; versionLabel: string; total: number; covered: number; overridden: number; constantTopFactor: string | null };
export type VersionRow = { versionId: string; versionLabel: string; modelName: string; systemName: string; total: number; covered: number; overridden: number; reviewed: number };
export type OutcomeRow = { versionId: string; versionLabel: string; outcome: string; group: string | null; count: number };

export type DecisionStats = { days: number; since: string; versions: VersionRow[]; perDay: DayRow[]; outcomes: OutcomeRow[] };

export async function decisionStats(actor: Actor, q: DecisionStatsQuery, now = new Date()): Promise<DecisionStats> {
  authorize(actor, 'decisions:read');
  const allowed = await readableSystemIds(actor);
  const systems = q.systemId ? (allowed && !allowed.includes(q.systemId) ? [] : [q.systemId]) : allowed;
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (q.days - 1) * 86_400_000);
  const params: unknown[] = [actor.orgId, since.toISOString(), COVERED_STATUSES];
  const systemClause = systems ? `AND "systemId" = ANY($4::text[])` : '';
  if (systems) params.push(systems);
  const pool = rawPool();
  const [days, versions, outcomes] = await Promise.all([
    pool.query<{ day: string; versionId: string; total: number; covered: number; overridden: number; tops: number; top: string | null; explained: number }>(
      `SELECT to_char(("decidedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, "versionId", count(*)::int AS total,
         count(*) FILTER (WHERE "explanationStatus"::text = ANY($3::text[]))::int AS covered, count(*) FILTER (WHERE "overridden")::int AS overridden,
         count(DISTINCT "topFactor")::int AS tops, min("topFactor") AS top, count("topFactor")::int AS explained
       FROM "Decision" WHERE "orgId" = $1 AND "decidedAt" >= $2::timestamptz ${systemClause}
       GROUP BY 1, 2 ORDER BY 1 DESC, 2`,
      params,
    ),
    pool.query<{ versionId: string; systemId: string; total: number; covered: number; overridden: number; reviewed: number }>(
      `SELECT "versionId", min("systemId") AS "systemId", count(*)::int AS total, count(*) FILTER (WHERE "explanationStatus"::text = ANY($3::text[]))::int AS covered,
         count(*) FILTER (WHERE "overridden")::int AS overridden, count(*) FILTER (WHERE "humanReviewed")::int AS reviewed
       FROM "Decision" WHERE "orgId" = $1 AND "decidedAt" >= $2::timestamptz ${systemClause} GROUP BY 1 ORDER BY 3 DESC`,
      params,
    ),
    pool.query<{ versionId: string; outcome: string; group: string | null; count: number }>(
      `SELECT "versionId", "outcome", "groupLabel" AS "group", count(*)::int AS count
       FROM "Decision" WHERE "orgId" = $1 AND "decidedAt" >= $2::timestamptz ${systems ? 'AND "systemId" = ANY($3::text[])' : ''}
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 NULLS FIRST`,
      systems ? [actor.orgId, since.toISOString(), systems] : [actor.orgId, since.toISOString()],
    ),
  ]);
  const names = await decisionNames(actor.orgId, { systemIds: versions.rows.map((v) => v.systemId), versionIds: versions.rows.map((v) => v.versionId) });
  const label = (id: string) => names.version.get(id)?.label ?? id;
  return {
    days: q.days,
    since: since.toISOString(),
    versions: versions.rows.map((v) => ({
      versionId: v.versionId, versionLabel: label(v.versionId), modelName: names.version.get(v.versionId)?.modelName ?? '', systemName: names.system.get(v.systemId) ?? v.systemId,
      total: v.total, covered: v.covered, overridden: v.overridden, reviewed: v.reviewed,
    })),
    // A day's top factor is "constant" when every explained decision of it has the same one.
    perDay: days.rows.map((d) => ({
      day: d.day, versionId: d.versionId, versionLabel: label(d.versionId), total: d.total, covered: d.covered, overridden: d.overridden,
      constantTopFactor: d.tops === 1 && d.explained > 1 ? d.top : null,
    })),
    outcomes: outcomes.rows.map((o) => ({ ...o, versionLabel: label(o.versionId) })),
  };
}
