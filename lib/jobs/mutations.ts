import 'server-only';
import { fromPrisma } from 'pg-boss';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { JOB_SCHEMA } from './install';
import { jobBoss } from './instance';
import { jobRefSchema, type JobState } from './schema';

type JobRef = z.input<typeof jobRefSchema>;

/** Locks the job's row for the rest of the transaction and reads its state. */
async function lockJob(tx: Tx, ref: z.output<typeof jobRefSchema>): Promise<{ state: JobState; retryCount: number }> {
  const rows = await tx.$queryRaw<{ state: JobState; retry_count: number }[]>`
    SELECT state::text AS state, retry_count FROM ${Prisma.raw(`${JOB_SCHEMA}.job`)}
    WHERE name = ${ref.queue} AND id = ${ref.id}::uuid FOR UPDATE`;
  if (!rows.length) throw notFound('The job');
  return { state: rows[0].state, retryCount: rows[0].retry_count };
}

/** Puts a failed job back in the queue for one more attempt; audited in the
 *  same transaction (pg-boss runs its statement through the transaction). */
export async function retryJob(actor: Actor, input: JobRef) {
  authorize(actor, 'jobs:manage');
  const ref = jobRefSchema.parse(input);
  const boss = await jobBoss();
  return db.$transaction(async (tx) => {
    const job = await lockJob(tx, ref);
    if (job.state !== 'failed') throw new AppError('CONFLICT', 'Only a failed job can be retried.');
    const result = await boss.retry(ref.queue, ref.id, { db: fromPrisma(tx) });
    if (!(result as { affected?: number }).affected) throw new AppError('CONFLICT', 'The job changed meanwhile; reload and try again.');
    await recordEvent(tx, actor, {
      action: 'job.retried',
      entityType: 'job',
      entityId: ref.id,
      changes: { queue: ref.queue, state: { from: 'failed', to: 'retry' }, retryCount: job.retryCount },
    });
    return { id: ref.id, queue: ref.queue, state: 'retry' as const };
  });
}

/** Cancels a job that has not started (queued or waiting to retry). */
export async function cancelJob(actor: Actor, input: JobRef) {
  authorize(actor, 'jobs:manage');
  const ref = jobRefSchema.parse(input);
  const boss = await jobBoss();
  return db.$transaction(async (tx) => {
    const job = await lockJob(tx, ref);
    if (job.state !== 'created' && job.state !== 'retry') throw new AppError('CONFLICT', 'Only a queued job can be cancelled.');
    const result = await boss.cancel(ref.queue, ref.id, { db: fromPrisma(tx) });
    if (!(result as { affected?: number }).affected) throw new AppError('CONFLICT', 'The job changed meanwhile; reload and try again.');
    await recordEvent(tx, actor, {
      action: 'job.cancelled',
      entityType: 'job',
      entityId: ref.id,
      changes: { queue: ref.queue, state: { from: job.state, to: 'cancelled' } },
    });
    return { id: ref.id, queue: ref.queue, state: 'cancelled' as const };
  });
}
