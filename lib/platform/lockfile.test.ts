import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPlatformBuilds, readLockfile, type Lockfile } from './lockfile';
import { repoRoot } from './process';

describe('package-lock.json is complete for every platform', () => {
  it('has an entry for every platform build any locked package names', async () => {
    const lock = await readLockfile(path.join(repoRoot, 'package-lock.json'));
    const missing = missingPlatformBuilds(lock);
    expect(missing.map((m) => `${m.parent} -> ${m.dependency}@${m.range}`)).toEqual([]);
  });

  it('covers macOS, Windows and Linux on x64 and arm64 for the native builds the app needs', async () => {
    const lock = await readLockfile(path.join(repoRoot, 'package-lock.json'));
    const keys = Object.keys(lock.packages ?? {});
    for (const family of ['@next/swc-', '@tailwindcss/oxide-', 'lightningcss-']) {
      for (const platform of ['darwin-arm64', 'darwin-x64', 'linux-x64', 'linux-arm64', 'win32-x64', 'win32-arm64']) {
        expect(keys.some((k) => k.includes(`node_modules/${family}${platform}`)), `${family}${platform}`).toBe(true);
      }
    }
  });

  it('notices a missing build, at the top level and nested', () => {
    const lock: Lockfile = {
      packages: {
        '': { optionalDependencies: {} },
        'node_modules/next': { optionalDependencies: { '@next/swc-linux-x64-gnu': '16.4.6', '@next/swc-darwin-arm64': '16.4.6', sharp: '^0.34' } },
        'node_modules/@next/swc-linux-x64-gnu': { version: '16.4.6', os: ['linux'], cpu: ['x64'] },
        'node_modules/sharp': { version: '0.34.0' },
        'node_modules/a/node_modules/tool': { optionalDependencies: { 'tool-win32-x64': '1.0.0', 'tool-linux-x64': '1.0.0' } },
        'node_modules/a/node_modules/tool-linux-x64': { version: '1.0.0', os: ['linux'] },
        'node_modules/plain': { optionalDependencies: { fsevents: '^2' } },
      },
    };
    expect(missingPlatformBuilds(lock)).toEqual([
      { parent: 'node_modules/next', dependency: '@next/swc-darwin-arm64', range: '16.4.6' },
      { parent: 'node_modules/a/node_modules/tool', dependency: 'tool-win32-x64', range: '1.0.0' },
    ]);
  });
});
