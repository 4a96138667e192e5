import { readFile } from 'node:fs/promises';
import path from 'node:path';

// npm can write a lock file from an existing node_modules that holds only this
// machine's native builds; `npm ci` on another platform then refuses it or
// installs without the binary. The check: every optional dependency that is
// a platform build (a name naming an OS/arch, or an entry with os/cpu) of
// every locked package has its own entry in the lock file.

type LockEntry = { version?: string; optionalDependencies?: Record<string, string>; os?: string[]; cpu?: string[] };
export type Lockfile = { lockfileVersion?: number; packages?: Record<string, LockEntry> };
export type MissingBuild = { parent: string; dependency: string; range: string };

const PLATFORM_NAME = /(?:^|[-/@_.])(darwin|macos|linux|linuxmusl|win32|windows|android|freebsd|openbsd|netbsd|sunos|aix|wasm32|wasi)(?:[-_.]|$)/i;

/** Where Node would find `name` for the package installed at `from` (a lock key). */
function resolveFrom(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

export function missingPlatformBuilds(lock: Lockfile): MissingBuild[] {
  const packages = lock.packages ?? {};
  const missing: MissingBuild[] = [];
  for (const [key, entry] of Object.entries(packages)) {
    const optional = Object.entries(entry.optionalDependencies ?? {});
    if (!optional.length) continue;
    const resolved = optional.map(([name, range]) => ({ name, range, at: resolveFrom(packages, key, name) }));
    const hasPlatformBuilds = resolved.some(({ name, at }) => PLATFORM_NAME.test(name) || (at && (packages[at].os || packages[at].cpu)));
    if (!hasPlatformBuilds) continue;
    for (const { name, range, at } of resolved) {
      if (!at && PLATFORM_NAME.test(name)) missing.push({ parent: key || '(root)', dependency: name, range });
    }
  }
  return missing;
}

export async function readLockfile(file = path.join(process.cwd(), 'package-lock.json')): Promise<Lockfile> {
  return JSON.parse(await readFile(file, 'utf8')) as Lockfile;
}
