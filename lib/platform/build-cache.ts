import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
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
  const hash = await sourceHash(env);
  if (await buildIsCurrent(hash)) {
    log('Production build is up to date with the sources: reusing it.');
    return { built: false, ms: 0 };
  }
  log('Building the production app once (reused until the sources change) ...');
  return { built: true, ms: await buildProduction(env, hash) };
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
