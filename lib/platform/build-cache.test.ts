import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceHash, withBuildLock } from './build-cache';

describe('the build is reused only while its sources are unchanged', () => {
  it('is stable, changes with a source, the config or the lock file, ignores tests and follows NEXT_PUBLIC_ variables', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'build-hash-'));
    try {
      await mkdir(path.join(root, 'app'), { recursive: true });
      await mkdir(path.join(root, 'lib', 'generated'), { recursive: true });
      await writeFile(path.join(root, 'app', 'page.tsx'), 'export default 1;\n');
      await writeFile(path.join(root, 'package-lock.json'), '{}\n');
      const a = await sourceHash({}, root);
      expect(await sourceHash({}, root)).toBe(a);
      expect(await sourceHash({ NEXT_PUBLIC_X: '1' }, root)).not.toBe(a);
      expect(await sourceHash({ DATABASE_URL: 'postgresql://elsewhere' }, root)).toBe(a);

      await writeFile(path.join(root, 'app', 'page.test.tsx'), 'export {};\n');
      await writeFile(path.join(root, 'lib', 'generated', 'client.ts'), 'export {};\n');
      expect(await sourceHash({}, root)).toBe(a);

      await writeFile(path.join(root, 'app', 'page.tsx'), 'export default 2;\n');
      const b = await sourceHash({}, root);
      expect(b).not.toBe(a);
      await writeFile(path.join(root, 'next.config.ts'), 'export default {};\n');
      const c = await sourceHash({}, root);
      expect(c).not.toBe(b);
      await writeFile(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}\n');
      expect(await sourceHash({}, root)).not.toBe(c);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('one production build at a time', () => {
  it('runs a second caller after the first, and takes over a lock left by a process that has ended', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'build-lock-'));
    const lock = path.join(root, 'sub', 'build.lock');
    try {
      const order: string[] = [];
      const quiet = () => {};
      const first = withBuildLock(lock, quiet, async () => {
        order.push('first:start');
        await new Promise((resolve) => setTimeout(resolve, 150));
        order.push('first:end');
        return 1;
      }, 20);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const second = withBuildLock(lock, quiet, async () => {
        order.push('second');
        return 2;
      }, 20);
      expect(await Promise.all([first, second])).toEqual([1, 2]);
      expect(order).toEqual(['first:start', 'first:end', 'second']);

      // A pid that cannot be running: the lock is stale and taken over.
      await writeFile(lock, '2147483646\n');
      expect(await withBuildLock(lock, quiet, async () => 'taken', 20)).toBe('taken');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
