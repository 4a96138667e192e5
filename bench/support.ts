import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresServer } from '@/lib/platform/embedded-postgres';
import { generateSecrets } from '@/lib/platform/launcher';
import { applyMigrations } from '@/lib/platform/migrate';
import { repoRoot } from '@/lib/platform/process';

// One set of secrets per benchmark process, shared by what it seeds in-process
// (the demo signs its attestations) and the app it starts (which verifies them).
for (const [key, value] of Object.entries(generateSecrets())) process.env[key] ??= value;

/**
 * A migrated database for a benchmark: BENCH_DATABASE_URL if given (an empty
 * database on any server), else a throw-away embedded cluster under .data/.
 */
export async function benchDatabase(name: string): Promise<{ url: string; close(): Promise<void> }> {
  let server: EmbeddedPostgresServer | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  const dataDir = path.join(repoRoot, '.data', `bench-pg-${randomBytes(3).toString('hex')}`);
  if (!url) {
    server = await startEmbeddedPostgres({ dataDir, persistent: false });
    url = await ensureDatabase(server.adminUrl, `bench_${name}`);
  }
  await applyMigrations(url);
  return {
    url,
    async close() {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)];
}

/** The machine's load average (1, 5, 15 min), as uptime prints it: recorded beside figures taken on a shared machine. */
export const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(', ');

export const ms = (n: number) => `${n.toFixed(1)} ms`;

/**
 * Starts the production build (`npm run build` first) against a database,
 * on a free port. For timing pages as a browser gets them.
 */
export async function startApp(databaseUrl: string): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const { existsSync } = await import('node:fs');
  const { findFreePort, binPath } = await import('@/lib/platform/process');
  if (!existsSync(path.join(repoRoot, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npm run build` first.');
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(binPath('next'), ['start', '-p', String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('the app did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header. */
export async function signInCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.includes('session-token='));
  if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return session;
}

/** Requests a path n times in sequence; returns p50/p95/max in ms. */
export async function timeRequests(url: string, cookie: string, n = 50): Promise<{ p50: number; p95: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < n + 3; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    if (i >= 3) times.push(performance.now() - t); // the first few warm the server up
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

/** A floor (or ceiling) a figure is held to: "value must be < 300" etc. */
export type Floor = { op: '<' | '<=' | '>=' | '>'; value: number };

export type Figure = { bench: string; measure: string; value: number; unit: string; floor?: Floor; pass?: boolean };

export function meetsFloor(value: number, floor: Floor | undefined): boolean | undefined {
  if (!floor) return undefined;
  switch (floor.op) {
    case '<':
      return value < floor.value;
    case '<=':
      return value <= floor.value;
    case '>=':
      return value >= floor.value;
    case '>':
      return value > floor.value;
  }
}

/**
 * Prints one measured figure and, under `npm run bench`, records it for the
 * summary table (one JSON line per figure in BENCH_RESULTS_FILE).
 */
export function figure(bench: string, measure: string, value: number, unit: string, floor?: Floor): Figure {
  const f: Figure = { bench, measure, value: Number(value.toFixed(3)), unit, floor, pass: meetsFloor(value, floor) };
  const verdict = f.pass === undefined ? '' : f.pass ? `  (floor ${floor!.op} ${floor!.value}: pass)` : `  (floor ${floor!.op} ${floor!.value}: FAIL)`;
  console.log(`  » ${measure}: ${value.toFixed(unit === 'ms' ? 1 : 2)} ${unit}${verdict}`);
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(f)}\n`);
  return f;
}

/**
 * Requests a path from `connections` concurrent clients for `seconds`;
 * returns requests per second and latency percentiles. For throughput
 * figures, always measured beside `/api/health` on the same server.
 */
export async function throughput(url: string, cookie: string | null, connections = 50, seconds = 10): Promise<{ rps: number; p50: number; p95: number; errors: number; requests: number }> {
  const times: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const res = await fetch(url, { headers: cookie ? { cookie } : {} });
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      times.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { rps: times.length / elapsed, p50: percentile(times, 50), p95: percentile(times, 95), errors, requests: times.length };
}
