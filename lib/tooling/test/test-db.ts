import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, dropDatabase, ensureDatabase, isClusterRunning } from '../../platform/embedded-postgres';
import { applyMigrations } from '../../platform/migrate';
import { repoRoot } from '../../platform/process';

/** Migrated once per test run; every test file gets a copy of it. */
export const TEMPLATE_DATABASE = 'portal_template';

export type TestDatabase = {
  name: string;
  url: string;
  /** Drops the database, disconnecting anything still connected. */
  drop(): Promise<void>;
};

function adminUrlFromEnv(): string {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    throw new Error(
      'TEST_DATABASE_ADMIN_URL is not set. Run tests through `npm test` or vitest with this repository\'s ' +
        'vitest.config.ts (its globalSetup starts a database), or point it at a PostgreSQL superuser URL.',
    );
  }
  return adminUrl;
}

function uniqueName(prefix: string): string {
  const slug = prefix.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'test';
  return `t_${slug}_${randomBytes(5).toString('hex')}`;
}

/**
 * A database of its own for one test file: a copy of the migrated template
 * (milliseconds, instead of running the migrations again), or an empty one
 * with `{ empty: true }`.
 */
export async function createTestDatabase(prefix: string, options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = adminUrlFromEnv();
  const name = uniqueName(prefix);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const template = options.empty ? '' : ` TEMPLATE "${TEMPLATE_DATABASE}"`;
    // Copying fails while anyone else is connected to the template; that is
    // only ever brief (the runner migrating it), so try again a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}"${template}`);
        break;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await client.end();
  }
  return { name, url: databaseUrl(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

/** (Re)creates the template database from the migrations; resolves what was applied. */
export async function prepareTemplateDatabase(adminUrl: string): Promise<string[]> {
  await dropDatabase(adminUrl, TEMPLATE_DATABASE);
  const url = await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
  return applyMigrations(url);
}

/** Data directory for a throw-away test cluster, under .data/. */
export function testClusterDir(): string {
  return path.join(repoRoot, '.data', `test-pg-${randomBytes(4).toString('hex')}`);
}

/** Removes test clusters that a killed run left behind (none of their servers is running). */
export async function removeStaleTestClusters(): Promise<void> {
  const dataRoot = path.join(repoRoot, '.data');
  const entries = await readdir(dataRoot).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((entry) => entry.startsWith('test-pg-'))
      .map((entry) => path.join(dataRoot, entry))
      .filter((dir) => !isClusterRunning(dir))
      .map((dir) => rm(dir, { recursive: true, force: true })),
  );
}
