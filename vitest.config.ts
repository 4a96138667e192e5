import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      { find: /^server-only$/, replacement: path.join(root, 'lib/tooling/test/server-only-stub.ts') },
    ],
  },
  test: {
    environment: 'node',
    include: ['**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', '.data/**', 'e2e/**', '.next/**', 'lib/generated/**'],
    globalSetup: ['lib/tooling/test/vitest-global-setup.ts'],
    // Integration tests talk to a real PostgreSQL; give them room.
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    // Two cores: two test files at a time, each with its own database.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
