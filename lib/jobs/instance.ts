import 'server-only';
import { PgBoss } from 'pg-boss';
import { env } from '@/lib/env';
import { JOBS } from './registry';
import { bossOptions, startJobRuntime, type JobRuntime } from './runtime';

// One per process, kept on globalThis: Next loads instrumentation and the
// route bundles as separate module graphs, and `next dev` reloads modules.
const g = globalThis as unknown as { portalJobs?: { runtime?: Promise<JobRuntime>; client?: Promise<PgBoss> } };
const state = (g.portalJobs ??= {});

/**
 * Starts the job workers inside the app server (instrumentation.ts), unless
 * JOBS_IN_PROCESS=false says separate `npm run worker` processes do it. Never
 * throws: a database that is down at boot is retried by pg-boss, and the
 * server keeps serving (its /api/health says what is wrong).
 */
export function startJobsInProcess(): void {
  if (state.runtime || !env().JOBS_IN_PROCESS) return;
  state.runtime = startJobRuntime({ url: env().DATABASE_URL, jobs: JOBS, instanceName: 'app', boss: {}, runOnStart: true });
  state.runtime.then(
    () => console.log(`jobs: ${JOBS.length} job(s) running in the app process`),
    (error: Error) => {
      console.error(`jobs: the in-process worker did not start: ${error.message}`);
      state.runtime = undefined;
    },
  );
}

/** The pg-boss instance this process sends commands through (retry, cancel):
 *  the in-process runtime's, or a client without workers or schedules. */
export async function jobBoss(): Promise<PgBoss> {
  const runtime = await state.runtime?.catch(() => undefined);
  if (runtime) return runtime.boss;
  state.client ??= (async () => {
    const boss = new PgBoss(
      bossOptions(env().DATABASE_URL, { max: 2, supervise: false, schedule: false, migrate: false, registerInstance: false }),
    );
    boss.on('error', (error) => console.error(`jobs: ${error.message}`));
    return boss.start();
  })();
  state.client.catch(() => {
    state.client = undefined;
  });
  return state.client;
}
