import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureProductionBuild } from '@/lib/platform/build-cache';
import {
  ensurePrismaClient,
  loadDemoSecrets,
  openAppDatabase,
  runNextServer,
  runSeed,
} from '@/lib/platform/launcher';
import { applyMigrations } from '@/lib/platform/migrate';
import { findFreePortFrom, repoRoot, runShutdownHooks } from '@/lib/platform/process';

// npm run demo: everything a newcomer needs, on an empty machine: a local
// PostgreSQL (unless DATABASE_URL is set; restarted if it dies), the schema,
// demo data and the production server, built once and reused while the
// sources are unchanged. `npm run dev` (--dev) runs `next dev` instead, for
// hot reload.

const devMode = process.argv.includes('--dev');

async function demoAccountsLine(): Promise<string> {
  // prisma/seed/demo-accounts.ts, when present, holds the demo sign-ins as
  // plain constants (it must not import the database).
  const file = path.join(repoRoot, 'prisma', 'seed', 'demo-accounts.ts');
  const fallback = 'Demo accounts: one per role, listed in prisma/seed (see the seed output above).';
  if (!existsSync(file)) return fallback;
  try {
    const mod = (await import(pathToFileURL(file).href)) as { DEMO_USERS?: { email: string; role: string }[]; DEMO_PASSWORD?: string };
    if (!mod.DEMO_USERS?.length || !mod.DEMO_PASSWORD) return fallback;
    const users = mod.DEMO_USERS.map((u) => `${u.email} (${u.role.toLowerCase().replace(/_/g, ' ')})`).join(', ');
    return `Demo accounts: ${users}; password: ${mod.DEMO_PASSWORD}`;
  } catch {
    return fallback;
  }
}

async function fail(message: string): Promise<never> {
  console.error(`demo: ${message}`);
  await runShutdownHooks();
  process.exit(1);
}

const database = await openAppDatabase().catch((error: Error) => fail(error.message));
if (database.embedded) {
  const { port, dataDir, startMs } = database.embedded;
  console.log(`PostgreSQL (embedded) on 127.0.0.1:${port}, data in ${path.relative(repoRoot, dataDir)} (started in ${startMs} ms)`);
} else {
  console.log('PostgreSQL: using DATABASE_URL');
}

const migrateStart = Date.now();
const applied = await applyMigrations(database.url).catch((error: Error) => fail(`migrations failed: ${error.message}`));
console.log(
  applied.length
    ? `Applied ${applied.length} migration(s) in ${Date.now() - migrateStart} ms: ${applied.join(', ')}`
    : 'Database schema is up to date.',
);

await ensurePrismaClient().catch((error: Error) => fail(error.message));
const secrets = await loadDemoSecrets();
const port = await findFreePortFrom(Number(process.env.PORT ?? 3000));
const appUrl = `http://localhost:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  NEXTAUTH_URL: appUrl,
  NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET,
  SIGNING_PRIVATE_KEY: secrets.SIGNING_PRIVATE_KEY,
  DEMO_MODE: 'true',
  NEXT_TELEMETRY_DISABLED: '1',
  PORT: String(port),
};

const seeded = await runSeed(env).catch((error: Error) => fail(error.message));
if (!seeded) console.warn('demo: prisma/seed/run.ts does not exist yet; starting without demo data.');

if (!devMode) {
  const build = await ensureProductionBuild(env).catch((error: Error) => fail(error.message));
  if (build.built) console.log(`Built in ${(build.ms / 1000).toFixed(0)} s.`);
}

const accounts = await demoAccountsLine();
await runNextServer({
  args: devMode ? ['dev', '--port', String(port)] : ['start', '--port', String(port)],
  env,
  readyUrl: `http://127.0.0.1:${port}/api/health`,
  onReady: () => {
    console.log(`\nThe portal is running at ${appUrl}`);
    console.log(accounts);
    console.log('Stop it with Ctrl-C.\n');
  },
});
