import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import { binPath, repoRoot } from '@/lib/platform/process';
import { defineJob } from './define';
import { JOB_SCHEMA } from './install';
import { bossOptions, startJobRuntime, type JobRuntime } from './runtime';

// The queue against a real PostgreSQL: two worker processes share the work
// without handling anything twice, a cron occurrence becomes one job per slot
// whatever the number of instances, and failures are retried with back-off.

const tdb = await setupTestDatabase('jobs_queue');
const client = new pg.Client({ connectionString: tdb.url });
const workers: ChildProcess[] = [];
let sender: PgBoss;
let startedAt = 0;

function startWorker(name: string): Promise<ChildProcess> {
  const child = spawn(binPath('tsx'), [path.join(repoRoot, 'lib/jobs/queue-worker.fixture.ts')], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: tdb.url, WORKER_NAME: name },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker ${name} exited with ${code}`)));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const handled = async (queue: string) =>
  (await client.query<{ job_id: string; worker: string }>('SELECT job_id, worker FROM job_test_handled WHERE queue = $1', [queue])).rows;

beforeAll(async () => {
  await client.connect();
  await client.query('CREATE TABLE job_test_handled (job_id uuid NOT NULL, queue text NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT now())');
  await Promise.all([startWorker('worker-a'), startWorker('worker-b')]);
  startedAt = Date.now();
  sender = new PgBoss(bossOptions(tdb.url, { supervise: false, schedule: false, migrate: false, registerInstance: false, max: 2 }));
  await sender.start();
}, 60_000);

afterAll(async () => {
  await sender?.stop({ graceful: false });
  await Promise.all(
    workers.map((w) => new Promise<void>((resolve) => (w.exitCode !== null ? resolve() : (w.once('exit', () => resolve()), w.kill('SIGTERM'))))),
  );
  await client.end();
});

describe('two worker processes on one database', () => {
  it('handle each of 200 jobs exactly once, and both take part', async () => {
    const N = 200;
    const ids = await sender.insert('test.record', Array.from({ length: N }, (_, i) => ({ data: { i } })), { returnId: true });
    expect(ids).toHaveLength(N);
    await waitFor(async () => (await handled('test.record')).length >= N, 60_000);
    // Give a double delivery time to show itself.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const rows = await handled('test.record');
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.job_id))).toEqual(new Set(ids));
    expect([...new Set(rows.map((r) => r.worker))].sort()).toEqual(['worker-a', 'worker-b']);
    const { rows: states } = await client.query(`SELECT state::text, count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = 'test.record' GROUP BY state`);
    expect(states).toEqual([{ state: 'completed', n: N }]);
  }, 90_000);

  it('turn a cron schedule into one job per minute slot, handled once', async () => {
    // Wait past the next minute boundary after both instances were scheduling.
    const boundary = Math.ceil(startedAt / 60_000) * 60_000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, boundary + 6_000 - Date.now())));
    await waitFor(async () => (await handled('test.every-minute')).length >= 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { rows: jobs } = await client.query<{ id: string; slot: Date }>(
      `SELECT id, date_trunc('minute', created_on) AS slot FROM ${JOB_SCHEMA}.job WHERE name = 'test.every-minute' AND state = 'completed'`,
    );
    const rows = await handled('test.every-minute');
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(new Set(jobs.map((j) => j.slot.getTime())).size).toBe(jobs.length);
    expect(rows.map((r) => r.job_id).sort()).toEqual(jobs.map((j) => j.id).sort());
  }, 100_000);
});

describe('retries', () => {
  let runtime: JobRuntime;
  const attempts: number[] = [];

  beforeAll(async () => {
    runtime = await startJobRuntime({
      url: tdb.url,
      instanceName: 'retry-test',
      pollingIntervalSeconds: 0.5,
      log: () => undefined,
      jobs: [
        defineJob({
          name: 'test.flaky',
          description: 'fails twice, then succeeds',
          retry: { limit: 3, delaySeconds: 1 },
          handler: async (ctx) => {
            attempts.push(Date.now());
            if (ctx.retryCount < 2) throw new Error(`attempt ${ctx.retryCount + 1} failed`);
            return { attempt: ctx.retryCount + 1 };
          },
        }),
        defineJob({
          name: 'test.broken',
          description: 'always fails',
          retry: { limit: 1, delaySeconds: 1 },
          handler: async () => {
            throw new Error('the service is unreachable');
          },
        }),
      ],
    });
  });

  afterAll(() => runtime?.stop());

  it('retries a failing job with exponentially growing delays until it succeeds', async () => {
    const id = (await runtime.boss.send('test.flaky', {}))!;
    await waitFor(async () => (await runtime.boss.findJobs('test.flaky', { id }))[0]?.state === 'completed', 30_000);
    const [job] = await runtime.boss.findJobs('test.flaky', { id });
    expect(job.retryCount).toBe(2);
    expect(job.output).toMatchObject({ attempt: 3 });
    expect(attempts).toHaveLength(3);
    // retryDelay * 2^n / 2 at least: 1 s before the second attempt, 2 s before the third.
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(1000);
    expect(attempts[2] - attempts[1]).toBeGreaterThanOrEqual(2000);
  }, 40_000);

  it('marks a job failed with its error once the retries are spent', async () => {
    const id = (await runtime.boss.send('test.broken', {}))!;
    await waitFor(async () => (await runtime.boss.findJobs('test.broken', { id }))[0]?.state === 'failed', 30_000);
    const [job] = await runtime.boss.findJobs('test.broken', { id });
    expect(job.retryCount).toBe(1);
    expect(job.output).toMatchObject({ message: 'the service is unreachable' });
  }, 40_000);
});
