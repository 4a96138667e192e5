import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresServer } from '@/lib/platform/embedded-postgres';
import { applyMigrations } from '@/lib/platform/migrate';
import { repoRoot } from '@/lib/platform/process';

/**
 * A migrated database for a benchmark: BENCH_DATABASE_URL if given (an empty
 * database on any server), else a throw-away embedded cluster under .data/.
 */
export async function benchDatabase(name: string): Promise<{ url: string; close(): Promise<void> }> {
  let server: EmbeddedPostgresServer | undefined;
  let url = process.env.BENCH_DATABASE_URL;
  const dataDir = path.join(repoRoot, '.data', `bench-pg-${randomBytes(3).toString('hex')}`);
  if (!url) {
    server = await startEmbeddedPostgres({ dataDir, persistent: false });
    url = await ensureDatabase(server.adminUrl, `bench_${name}`);
  }
  await applyMigrations(url);
  return {
    url,
    async close() {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)];
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
