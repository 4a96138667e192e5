import pg from 'pg';
import { defineJob } from './define';
import { startJobRuntime } from './runtime';

// A worker process for lib/jobs/queue.integration.test.ts: the real runtime
// with test jobs that record which process handled what.
const url = process.env.DATABASE_URL!;
const worker = process.env.WORKER_NAME!;
const pool = new pg.Pool({ connectionString: url, max: 2 });

const record = (queue: string) => async (ctx: { jobId: string }) => {
  await pool.query('INSERT INTO job_test_handled (job_id, queue, worker) VALUES ($1, $2, $3)', [ctx.jobId, queue, worker]);
};

const runtime = await startJobRuntime({
  url,
  instanceName: worker,
  pollingIntervalSeconds: 0.5,
  concurrency: 4,
  boss: { cronWorkerIntervalSeconds: 1, cronMonitorIntervalSeconds: 1 },
  log: (line) => console.error(`[${worker}] ${line}`),
  jobs: [
    defineJob({ name: 'test.record', description: 'records who handled it', retry: { limit: 0, delaySeconds: 1 }, handler: record('test.record') }),
    defineJob({ name: 'test.every-minute', description: 'records each slot', cron: '* * * * *', retry: { limit: 0, delaySeconds: 1 }, handler: record('test.every-minute') }),
  ],
});
console.log('ready');
process.on('SIGTERM', () => {
  void runtime.stop().finally(() => pool.end().finally(() => process.exit(0)));
});
