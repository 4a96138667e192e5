import 'server-only';
import type { Db, Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

const DAY = 86_400_000;

/** The UTC day a window's values are rolled up into (the day of its end, as date_trunc('day', "endsAt")). */
export function rollupDay(endsAt: Date): Date {
  return new Date(Math.floor(endsAt.getTime() / DAY) * DAY);
}

/**
 * Recomputes one monitor's daily roll-up (`MonitorMetricDay`) for the given
 * UTC days from its stored values, or for every day when none are given.
 * Ingestion calls it in the windows' transaction, so the roll-up never
 * disagrees with the values it summarises.
 */
export async function rebuildDailyRollup(client: Tx | Db, monitorId: string, days?: readonly Date[]): Promise<void> {
  if (days && days.length === 0) return;
  const list = days ? [...new Set(days.map((d) => rollupDay(d).toISOString()))] : null;
  const onDays = list ? Prisma.sql`AND "day" = ANY(${list}::timestamp[])` : Prisma.empty;
  const valuesOnDays = list
    ? Prisma.sql`AND "endsAt" >= ${list.reduce((a, b) => (a < b ? a : b))}::timestamp AND "endsAt" < ${list.reduce((a, b) => (a > b ? a : b))}::timestamp + interval '1 day' AND date_trunc('day', "endsAt") = ANY(${list}::timestamp[])`
    : Prisma.empty;
  await client.$executeRaw`DELETE FROM "MonitorMetricDay" WHERE "monitorId" = ${monitorId} ${onDays}`;
  await client.$executeRaw`
    INSERT INTO "MonitorMetricDay" ("monitorId", "day", "metric", "attribute", "groupValue", "valueSum", "valueN", "countSum", "windows")
    SELECT "monitorId", date_trunc('day', "endsAt"), "metric", "attribute", "groupValue",
           COALESCE(sum("value") FILTER (WHERE "count" IS NULL OR "count" > 0), 0),
           count(*) FILTER (WHERE "count" IS NULL OR "count" > 0),
           sum("count"), count(*)
      FROM "MonitorMetricValue"
     WHERE "monitorId" = ${monitorId} ${valuesOnDays}
     GROUP BY 1, 2, 3, 4, 5`;
}
