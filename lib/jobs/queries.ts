import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { JOB_SCHEMA } from './install';
import { JOBS } from './registry';
import { INTERNAL_QUEUE_PREFIX } from './runtime';
import { JOB_STATES, listJobsQuerySchema, type JobList, type JobState, type JobSummary, type ListJobsQuery } from './schema';

const jobTable = Prisma.raw(`${JOB_SCHEMA}.job`);

type JobRow = {
  id: string;
  name: string;
  state: JobState;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: Record<string, unknown> | null;
};

/** The message of a failed attempt (pg-boss stores the serialised error as
 *  the output); never the stack, which is for the server log. */
function errorOf(row: JobRow): string | null {
  if (row.state !== 'failed' && row.state !== 'retry') return null;
  const message = row.output?.message;
  return typeof message === 'string' ? message : row.output ? JSON.stringify(row.output).slice(0, 500) : null;
}

export function toJobSummary(row: JobRow): JobSummary {
  const error = errorOf(row);
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    retryCount: row.retry_count,
    retryLimit: row.retry_limit,
    createdAt: row.created_on.toISOString(),
    startAfter: row.start_after.toISOString(),
    startedAt: row.started_on?.toISOString() ?? null,
    completedAt: row.completed_on?.toISOString() ?? null,
    error,
    output: error === null ? row.output : null,
    capabilities: { retry: row.state === 'failed', cancel: row.state === 'created' || row.state === 'retry' },
  };
}

/** Jobs of every queue but pg-boss's own, newest first, a page at a time,
 *  with the count per state and the queues to filter by. */
export async function listJobs(actor: Actor, input: ListJobsQuery = {}): Promise<JobList> {
  authorize(actor, 'jobs:manage');
  const q = listJobsQuerySchema.parse(input);
  const byQueue = [Prisma.sql`NOT starts_with(name, ${INTERNAL_QUEUE_PREFIX})`, ...(q.queue ? [Prisma.sql`name = ${q.queue}`] : [])];
  const queueWhere = Prisma.join(byQueue, ' AND ');
  const where = q.state ? Prisma.sql`${queueWhere} AND state = ${q.state}::${Prisma.raw(`${JOB_SCHEMA}.job_state`)}` : queueWhere;
  const [rows, counts, queues] = await Promise.all([
    db.$queryRaw<JobRow[]>`
      SELECT id::text, name, state::text AS state, retry_count, retry_limit, created_on, start_after, started_on, completed_on, output
      FROM ${jobTable} WHERE ${where}
      ORDER BY created_on DESC, id DESC
      LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    db.$queryRaw<{ state: JobState; n: number }[]>`
      SELECT state::text AS state, count(*)::int AS n FROM ${jobTable} WHERE ${queueWhere} GROUP BY state`,
    db.$queryRaw<{ name: string; retry_limit: number; retry_delay: number; cron: string | null }[]>`
      SELECT q.name, q.retry_limit, q.retry_delay, s.cron
      FROM ${Prisma.raw(`${JOB_SCHEMA}.queue`)} q LEFT JOIN ${Prisma.raw(`${JOB_SCHEMA}.schedule`)} s ON s.name = q.name AND s.key = ''
      WHERE NOT starts_with(q.name, ${INTERNAL_QUEUE_PREFIX}) ORDER BY q.name`,
  ]);
  const perState = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  for (const c of counts) perState[c.state] = c.n;
  const described = new Map(JOBS.map((j) => [j.name, j.description]));
  return {
    items: rows.map(toJobSummary),
    total: q.state ? perState[q.state] : Object.values(perState).reduce((a, b) => a + b, 0),
    page: q.page,
    pageSize: q.pageSize,
    counts: perState,
    queues: queues.map((r) => ({
      name: r.name,
      description: described.get(r.name) ?? null,
      cron: r.cron,
      retryLimit: r.retry_limit,
      retryDelaySeconds: r.retry_delay,
    })),
  };
}
