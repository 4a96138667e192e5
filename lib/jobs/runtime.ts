import { PgBoss, type ConstructorOptions } from 'pg-boss';
import { jobActor, type JobDefinition } from './define';
import { JOB_SCHEMA } from './install';

// pg-boss's own queues (cron forwarding and the like) are named like this.
export const INTERNAL_QUEUE_PREFIX = '__pgboss__';

export type JobRuntimeOptions = {
  url: string;
  jobs: readonly JobDefinition[];
  /** Shown in pg-boss's instance registry ("app", "worker"). */
  instanceName: string;
  /** Seconds between polls of each queue (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  /** Jobs of one queue this instance runs at the same time (default 1). */
  concurrency?: number;
  /** Passed to pg-boss unchanged, for tests that need faster cron passes. */
  boss?: Partial<ConstructorOptions>;
  log?: (line: string) => void;
  /** Send the jobs marked `runOnStart` once after starting (the app and workers do; tests that run jobs themselves do not). */
  runOnStart?: boolean;
};

export type JobRuntime = { boss: PgBoss; stop(): Promise<void> };

export function bossOptions(url: string, extra: Partial<ConstructorOptions> = {}): ConstructorOptions {
  return { connectionString: url, schema: JOB_SCHEMA, max: 4, application_name: 'portal-jobs', ...extra };
}

function queueOptions(job: JobDefinition) {
  return {
    retryLimit: job.retry.limit,
    retryDelay: job.retry.delaySeconds,
    retryBackoff: true,
    ...(job.retry.maxDelaySeconds ? { retryDelayMax: job.retry.maxDelaySeconds } : {}),
    expireInSeconds: job.timeoutSeconds ?? 300,
    // Finished runs stay listed on Admin → Jobs for 30 days.
    deleteAfterSeconds: 30 * 86_400,
  };
}

/** Makes the queues and schedules match `jobs`: creates or updates each
 *  queue's retry policy, (re)writes each cron, removes schedules of jobs that
 *  are no longer registered. Safe to run from every instance at once. */
export async function syncQueues(boss: PgBoss, jobs: readonly JobDefinition[]): Promise<void> {
  const names = new Set(jobs.map((j) => j.name));
  if (names.size !== jobs.length) throw new Error('two registered jobs share a name');
  for (const job of jobs) {
    const options = queueOptions(job);
    if (!(await boss.getQueue(job.name))) {
      // Another instance may create it at the same moment; then only update it.
      await boss.createQueue(job.name, { ...options, policy: job.cron ? 'singleton' : 'standard' }).catch(async (error: Error) => {
        if (!(await boss.getQueue(job.name))) throw error;
      });
    }
    await boss.updateQueue(job.name, options);
    if (job.cron) await boss.schedule(job.name, job.cron, null, { tz: 'UTC' });
  }
  for (const schedule of await boss.getSchedules()) {
    if (!names.has(schedule.name)) await boss.unschedule(schedule.name, schedule.key);
  }
}

/**
 * Starts pg-boss with a worker for every registered job. pg-boss hands each
 * job to one worker only (SKIP LOCKED), and files each cron occurrence under
 * one singleton slot, so any number of instances may run this side by side.
 */
export async function startJobRuntime(options: JobRuntimeOptions): Promise<JobRuntime> {
  const log = options.log ?? ((line: string) => console.log(line));
  const boss = new PgBoss(bossOptions(options.url, { instanceName: options.instanceName, ...options.boss }));
  boss.on('error', (error) => log(`jobs: ${error.message}`));
  await boss.start();
  try {
    await syncQueues(boss, options.jobs);
    for (const job of options.jobs) {
      await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, localConcurrency: options.concurrency ?? 1, includeMetadata: true }, async ([run]) => {
        const started = Date.now();
        const output = await job.handler(
          {
            jobId: run.id,
            name: job.name,
            now: new Date(),
            retryCount: run.retryCount,
            signal: run.signal,
            actor: (orgId) => jobActor(orgId, job.name, run.id),
          },
          run.data,
        );
        return { ...(output ?? {}), durationMs: Date.now() - started };
      });
    }
    if (options.runOnStart) {
      // One start-up run per minute however many instances start together.
      for (const job of options.jobs.filter((j) => j.runOnStart)) await boss.send(job.name, {}, { singletonKey: 'on-start', singletonSeconds: 60 });
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw error;
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
