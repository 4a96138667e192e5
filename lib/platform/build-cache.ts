import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { binPath, repoRoot, run } from './process';

// A production build is reused while nothing it is built from has changed:
// a hash of the sources, the configuration and the lock file is stored
// beside the build (.next/source-hash) when `next build` succeeds.

const SOURCE_DIRS = ['app', 'components', 'lib', 'prisma/schema', 'public', 'styles'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'next.config.ts', 'tsconfig.json', 'postcss.config.mjs', 'instrumentation.ts', 'proxy.ts'];
// Generated from prisma/schema (hashed), and tests, which the build leaves out.
const SKIP = /(^|\/)(node_modules|\.next|\.data|generated)(\/|$)|\.test\.tsx?$|\.integration\.test\.tsx?$/;

export const BUILD_HASH_FILE = path.join(repoRoot, '.next', 'source-hash');

async function listFiles(root: string, dir: string): Promise<string[]> {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const entries = await readdir(abs, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => !SKIP.test(f));
}

/** SHA-256 over every build input's path and content, and the NEXT_PUBLIC_* variables inlined at build time. */
export async function sourceHash(env: Record<string, string | undefined> = process.env, root = repoRoot): Promise<string> {
  const files = [...SOURCE_FILES.filter((f) => existsSync(path.join(root, f))), ...(await Promise.all(SOURCE_DIRS.map((d) => listFiles(root, d)))).flat()].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(await readFile(path.join(root, file)));
    hash.update('\0');
  }
  for (const key of Object.keys(env).filter((k) => k.startsWith('NEXT_PUBLIC_')).sort()) hash.update(`${key}=${env[key]}\0`);
  return hash.digest('hex');
}

/** True when .next holds a finished build of exactly these sources. */
export async function buildIsCurrent(hash: string): Promise<boolean> {
  if (!existsSync(path.join(repoRoot, '.next', 'BUILD_ID')) || !existsSync(BUILD_HASH_FILE)) return false;
  return (await readFile(BUILD_HASH_FILE, 'utf8')).trim() === hash;
}

/**
 * Builds the app unless the existing build is of the same sources. Resolves
 * whether it built, and how long that took.
 */
export async function ensureProductionBuild(env: NodeJS.ProcessEnv, log: (line: string) => void = console.log): Promise<{ built: boolean; ms: number }> {
  // Two processes (two test files, or a test run beside the demo) may ask at
  // once: the first builds, the second waits for it and then reuses its build.
  return withBuildLock(BUILD_LOCK_FILE, log, async () => {
    const hash = await sourceHash(env);
    if (await buildIsCurrent(hash)) {
      log('Production build is up to date with the sources: reusing it.');
      return { built: false, ms: 0 };
    }
    log('Building the production app once (reused until the sources change) ...');
    return { built: true, ms: await buildProduction(env, hash) };
  });
}

export const BUILD_LOCK_FILE = path.join(repoRoot, '.data', 'build.lock');

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` while holding a lock file that names this process. A lock held
 * by a live process is waited for; one left by a process that has ended is
 * taken over.
 */
let inProcess: Promise<unknown> = Promise.resolve();

export function withBuildLock<T>(lockFile: string, log: (line: string) => void, work: () => Promise<T>, pollMs = 500): Promise<T> {
  // Callers in one process queue here first, so a lock file naming this
  // process can only be left over from an earlier process with the same pid.
  const turn = inProcess.then(() => holdLockFile(lockFile, log, work, pollMs));
  inProcess = turn.catch(() => undefined);
  return turn;
}

async function holdLockFile<T>(lockFile: string, log: (line: string) => void, work: () => Promise<T>, pollMs: number): Promise<T> {
  await mkdir(path.dirname(lockFile), { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder > 0 && (holder === process.pid || !processIsAlive(holder))) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (!waiting) log(`Waiting for the production build another process (${Number.isInteger(holder) ? holder : 'starting'}) is making ...`);
      waiting = true;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/**
 * Always runs `next build`, then records the sources' hash beside the build so
 * that the test suite and the demo reuse it. The hash is taken before the
 * build: a source edited during the build makes the record stale, not wrong.
 */
export async function buildProduction(env: NodeJS.ProcessEnv, hash?: string): Promise<number> {
  const sources = hash ?? (await sourceHash(env));
  const started = Date.now();
  const code = await run(binPath('next'), ['build'], { env: { ...env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  await writeFile(BUILD_HASH_FILE, `${sources}\n`);
  return Date.now() - started;
}
