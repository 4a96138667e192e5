import { env } from '@/lib/env';
import { JOBS } from '@/lib/jobs/registry';
import { startJobRuntime } from '@/lib/jobs/runtime';
import { startBackgroundSealer, stopBackgroundSealer } from '@/lib/audit/seal';
import { applyMigrations } from '@/lib/platform/migrate';
import { onShutdown } from '@/lib/platform/process';

// npm run worker: the job queue on its own, for installs that run the app
// with JOBS_IN_PROCESS=false. Any number of workers may run against one
// DATABASE_URL; each job is handled by one of them.

if (!process.env.DATABASE_URL) {
  console.error('worker: DATABASE_URL is not set (the worker uses the same PostgreSQL as the app).');
  process.exit(2);
}
const url = env().DATABASE_URL;
try {
  for (const name of await applyMigrations(url)) console.log(`worker: applied migration ${name}`);
  const runtime = await startJobRuntime({ url, jobs: JOBS, instanceName: 'worker', runOnStart: true });
  startBackgroundSealer();
  onShutdown(async () => {
    stopBackgroundSealer();
    await runtime.stop();
  });
  console.log(`worker: ${JOBS.length} job(s) registered: ${JOBS.map((j) => `${j.name}${j.cron ? ` (${j.cron})` : ''}`).join(', ')}`);
  console.log('worker: running; stop it with Ctrl-C.');
} catch (error) {
  console.error(`worker: ${(error as Error).message}`);
  process.exit(1);
}
