import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ensureChromium } from '@/lib/tooling/test/chromium';
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresServer } from '@/lib/platform/embedded-postgres';
import { ensureProductionBuild } from '@/lib/platform/build-cache';
import { ensurePrismaClient, generateSecrets, runSeed } from '@/lib/platform/launcher';
import { binPath, findFreePort, repoRoot, run } from '@/lib/platform/process';
import { prepareTemplateDatabase, removeStaleTestClusters, TEMPLATE_DATABASE, testClusterDir } from '@/lib/tooling/test/test-db';

// npm test [-- unit|e2e] [extra args for vitest / playwright]
// One throw-away PostgreSQL for the whole run: vitest files copy the migrated
// template database, the e2e suite gets its own seeded copy.

type Suite = { name: string; passed: number; failed: number; ok: boolean; note?: string };

const [first, ...rest] = process.argv.slice(2);
const mode = first === 'unit' || first === 'e2e' ? first : 'all';
const extraArgs = mode === 'all' && first !== undefined ? [first, ...rest] : rest;
if (mode === 'all' && extraArgs.length) {
  console.error('Extra arguments need a suite: `npm test -- unit <vitest args>` or `npm test -- e2e <playwright args>`.');
  process.exit(2);
}

const dataRoot = path.join(repoRoot, '.data');
const VITEST_REPORT = path.join(dataRoot, 'vitest-report.json');
const PLAYWRIGHT_REPORT = path.join(dataRoot, 'playwright-report.json');
const suites: Suite[] = [];

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function runVitest(adminUrl: string): Promise<Suite> {
  await rm(VITEST_REPORT, { force: true });
  const started = Date.now();
  const code = await run(
    binPath('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_REPORT}`, ...extraArgs],
    { env: { ...process.env, TEST_DATABASE_ADMIN_URL: adminUrl } },
  );
  console.log(`vitest finished in ${elapsed(started)} (exit ${code})`);
  const report = await readJson<{ numPassedTests: number; numFailedTests: number }>(VITEST_REPORT);
  if (!report) return { name: 'vitest', passed: 0, failed: 1, ok: false, note: `no report (exit ${code})` };
  // A file that fails to import fails no single test; count the run as one failure then.
  const failed = report.numFailedTests || (code === 0 ? 0 : 1);
  return { name: 'vitest', passed: report.numPassedTests, failed, ok: code === 0 };
}

async function runE2e(adminUrl: string, chromium: string): Promise<Suite> {
  const e2e = (passed: number, failed: number, ok: boolean, note?: string): Suite => ({ name: 'playwright', passed, failed, ok, note });
  await dropDatabase(adminUrl, 'portal_e2e');
  const databaseUrl = await ensureDatabase(adminUrl, 'portal_e2e', { template: TEMPLATE_DATABASE });
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...generateSecrets(),
    DATABASE_URL: databaseUrl,
    BASE_URL: baseUrl,
    NEXTAUTH_URL: baseUrl,
    // WebAuthn refuses an IP address as the relying party: passkeys (and the
    // spec that uses them) work at localhost, which is loopback too.
    PUBLIC_URL: `http://localhost:${port}`,
    DEMO_MODE: 'true',
    CHROMIUM_PATH: chromium,
    NEXT_TELEMETRY_DISABLED: '1',
  };

  try {
    if (!(await runSeed(env))) console.warn('e2e: prisma/seed/run.ts does not exist; running without demo data.');
  } catch (error) {
    return e2e(0, 1, false, (error as Error).message);
  }

  const hasBuild = existsSync(path.join(repoRoot, '.next', 'BUILD_ID'));
  if (process.env.E2E_SKIP_BUILD === '1' && hasBuild) {
    console.log('e2e: E2E_SKIP_BUILD=1, using the existing .next build');
  } else {
    try {
      await buildOnce(env);
    } catch (error) {
      return e2e(0, 1, false, (error as Error).message);
    }
  }

  await rm(PLAYWRIGHT_REPORT, { force: true });
  const started = Date.now();
  const code = await run(binPath('playwright'), ['test', ...extraArgs], { env });
  console.log(`playwright finished in ${elapsed(started)} (exit ${code})`);
  const report = await readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(PLAYWRIGHT_REPORT);
  if (!report) return e2e(0, 1, false, `no report (exit ${code})`);
  const { expected, unexpected, flaky } = report.stats;
  return e2e(expected + flaky, unexpected || (code === 0 ? 0 : 1), code === 0);
}

/** One production build per run (and across runs while the sources are unchanged),
 *  shared by the two-server integration test and the e2e suite. */
async function buildOnce(env: NodeJS.ProcessEnv): Promise<void> {
  const { built, ms } = await ensureProductionBuild(env);
  if (built) console.log(`next build finished in ${(ms / 1000).toFixed(1)} s`);
}

async function main(): Promise<boolean> {
  let chromium: string | undefined;
  if (mode !== 'unit') {
    try {
      chromium = await ensureChromium();
    } catch (error) {
      console.error((error as Error).message);
      suites.push({ name: 'playwright', passed: 0, failed: 1, ok: false, note: 'no chromium' });
      return false;
    }
  }
  await ensurePrismaClient();
  await removeStaleTestClusters();

  let started = Date.now();
  let server: EmbeddedPostgresServer;
  try {
    server = await startEmbeddedPostgres({ dataDir: testClusterDir(), persistent: false });
  } catch (error) {
    console.error((error as Error).message);
    suites.push({ name: 'setup', passed: 0, failed: 1, ok: false, note: 'PostgreSQL did not start' });
    return false;
  }
  console.log(`PostgreSQL (embedded, throw-away) started in ${elapsed(started)} on port ${server.port}`);
  try {
    started = Date.now();
    try {
      const applied = await prepareTemplateDatabase(server.adminUrl);
      console.log(`${TEMPLATE_DATABASE}: ${applied.length} migration(s) applied in ${elapsed(started)}`);
    } catch (error) {
      console.error(`migrations failed: ${(error as Error).message}`);
      suites.push({ name: 'setup', passed: 0, failed: 1, ok: false, note: 'migrations failed' });
      return false;
    }
    if (mode === 'all') {
      try {
        await buildOnce({ ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
      } catch (error) {
        suites.push({ name: 'build', passed: 0, failed: 1, ok: false, note: (error as Error).message });
        return false;
      }
    }
    if (mode !== 'e2e') suites.push(await runVitest(server.adminUrl));
    if (mode !== 'unit') suites.push(await runE2e(server.adminUrl, chromium!));
  } finally {
    await server.stop();
  }
  return suites.every((s) => s.ok);
}

const started = Date.now();
let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error(error);
  suites.push({ name: 'runner', passed: 0, failed: 1, ok: false, note: (error as Error).message });
}
for (const s of suites) {
  console.log(`${s.name}: ${s.passed} passed, ${s.failed} failed${s.note ? ` (${s.note})` : ''}`);
}
console.log(`total time ${elapsed(started)}`);
const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
