import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { binPath, isShuttingDown, onShutdown, repoRoot, run, runShutdownHooks, signalExitCode } from './process';

export type AppDatabase = {
  url: string;
  /** Present when the launcher started its own PostgreSQL. */
  embedded?: { port: number; dataDir: string; startMs: number };
  stop(): Promise<void>;
};

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL kept in .data/pg
 * (created on first use) with its database `portal`.
 */
export async function openAppDatabase(): Promise<AppDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const started = Date.now();
  // Watched: if the postmaster dies it is started again (logged, with a
  // back-off) and the app answers 503 meanwhile instead of failing for good.
  const server = await startEmbeddedPostgres({ dataDir: path.join(repoRoot, '.data', 'pg'), persistent: true, restartOnCrash: true });
  try {
    const url = await ensureDatabase(server.adminUrl, 'portal');
    return { url, embedded: { port: server.port, dataDir: server.dataDir, startMs: Date.now() - started }, stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

export type AppSecrets = { NEXTAUTH_SECRET: string; SIGNING_PRIVATE_KEY: string };

/** Fresh secrets: a 32-byte session secret and an Ed25519 signing key (PKCS8 PEM). */
export function generateSecrets(): AppSecrets {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    SIGNING_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The demo's secrets, generated once and kept in .data/demo-secrets.json (0600). */
export async function loadDemoSecrets(): Promise<AppSecrets> {
  const file = path.join(repoRoot, '.data', 'demo-secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<AppSecrets>;
    if (stored.NEXTAUTH_SECRET && stored.SIGNING_PRIVATE_KEY) {
      await chmod(file, 0o600);
      return { NEXTAUTH_SECRET: stored.NEXTAUTH_SECRET, SIGNING_PRIVATE_KEY: stored.SIGNING_PRIVATE_KEY };
    }
  }
  const secrets = generateSecrets();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return secrets;
}

/** Runs `prisma generate` when the client is missing (a checkout without postinstall). */
export async function ensurePrismaClient(): Promise<void> {
  if (existsSync(path.join(repoRoot, 'lib', 'generated', 'prisma', 'client.ts'))) return;
  console.log('Prisma client missing: generating it ...');
  const code = await run(binPath('tsx'), [path.join(repoRoot, 'lib', 'tooling', 'cli', 'generate.ts')]);
  if (code !== 0) throw new Error(`prisma generate failed (exit ${code})`);
}

/**
 * Runs prisma/seed/run.ts with `env` (it seeds only when DEMO_MODE=true).
 * The react-server condition lets it import server modules, which start
 * with `import 'server-only'`. Resolves false when there is no seed yet.
 */
export async function runSeed(env: NodeJS.ProcessEnv): Promise<boolean> {
  const seed = path.join(repoRoot, 'prisma', 'seed', 'run.ts');
  if (!existsSync(seed)) return false;
  const code = await run(binPath('tsx'), ['--conditions=react-server', seed], { env });
  if (code !== 0) throw new Error(`seeding failed (exit ${code})`);
  return true;
}

/** Resolves once something answers HTTP on the URL (any status), or false after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return false;
}

export type NextServerOptions = {
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Called once the server answers on `readyUrl`. */
  onReady?: () => void;
  readyUrl?: string;
};

/**
 * Runs `next <args>` until it exits or the launcher is told to stop. On
 * SIGINT/SIGTERM it stops next first and then the embedded database (its
 * shutdown hook is ordered last); when next exits by itself, the database is
 * stopped and the launcher exits with next's code.
 */
export async function runNextServer(options: NextServerOptions): Promise<never> {
  const child = spawn(binPath('next'), options.args, { cwd: repoRoot, env: options.env, stdio: 'inherit' });
  let exited = false;
  const exit = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = true;
      resolve(code ?? signalExitCode(signal));
    });
    child.on('error', (error) => {
      console.error(`could not start next: ${error.message}`);
      exited = true;
      resolve(1);
    });
  });

  onShutdown(async () => {
    if (exited) return;
    console.log('Stopping next ...');
    child.kill('SIGTERM');
    const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(forced);
  }, 0);

  if (options.readyUrl && options.onReady) {
    void waitForHttp(options.readyUrl, 180_000, () => !exited).then((ready) => {
      if (ready && !exited) options.onReady?.();
    });
  }

  const code = await exit;
  // A signal is being handled: its handler stops the database and exits.
  if (isShuttingDown()) return new Promise<never>(() => undefined);
  await runShutdownHooks();
  process.exit(code);
}
