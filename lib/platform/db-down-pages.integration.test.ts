import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProductionBuild } from './build-cache';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresServer } from './embedded-postgres';
import { generateSecrets, waitForHttp } from './launcher';
import { applyMigrations } from './migrate';
import { binPath, findFreePort, repoRoot } from './process';

// A production server whose database goes away: pages answer 503 with
// Retry-After and say so (not a generic error page), and recover by
// themselves when it is back.

const dataDir = path.join(repoRoot, '.data', `test-pg-down-${randomBytes(3).toString('hex')}`);
let pgServer: EmbeddedPostgresServer;
let child: ChildProcess;
let base = '';
const output: string[] = [];

beforeAll(async () => {
  pgServer = await startEmbeddedPostgres({ dataDir, persistent: true });
  const url = await ensureDatabase(pgServer.adminUrl, 'portal');
  await applyMigrations(url);
  const env: NodeJS.ProcessEnv = { ...process.env, ...generateSecrets(), DATABASE_URL: url, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', JOBS_IN_PROCESS: 'false' };
  delete env.TRUST_PROXY_HOPS;
  await ensureProductionBuild(env);
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(binPath('next'), ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: repoRoot, env: { ...env, NEXTAUTH_URL: base, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  if (!(await waitForHttp(`${base}/api/health`, 120_000, () => child.exitCode === null))) throw new Error(`next start did not come up:\n${output.join('')}`);
}, 30 * 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await pgServer?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('pages while the database is away', () => {
  it('answer 503 with Retry-After and a page that says the database is unavailable, then recover by themselves', async () => {
    const up = await fetch(`${base}/sign-in`);
    expect(up.status).toBe(200);

    const port = pgServer.port;
    await pgServer.stop();
    // The probe answers for a second at most; wait it out.
    await new Promise((r) => setTimeout(r, 1_500));
    for (const page of ['/sign-in', '/audits', '/']) {
      const res = await fetch(`${base}${page}`, { redirect: 'manual' });
      expect(res.status, page).toBe(503);
      expect(res.headers.get('retry-after'), page).toBe('5');
      const html = await res.text();
      expect(html).toContain('The database is unavailable; retrying');
      expect(html).toContain('<meta http-equiv="refresh" content="5">');
    }
    const api = await fetch(`${base}/api/health`);
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('5');

    pgServer = await startEmbeddedPostgres({ dataDir, persistent: true, port });
    let back = 0;
    for (let i = 0; i < 50 && back !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      back = (await fetch(`${base}/sign-in`)).status;
    }
    expect(back).toBe(200);
  }, 120_000);
});
