import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installJobSchema, JOB_SCHEMA } from '@/lib/jobs/install';
import { applyMigrations, diffMigrationsToSchema, readMigrationsList } from './migrate';
import { createTestDatabase, type TestDatabase } from '../tooling/test/test-db';

describe('prisma/migrations', () => {
  let database: TestDatabase;
  let client: pg.Client;
  let folders: string[];

  beforeAll(async () => {
    database = await createTestDatabase('migrate', { empty: true });
    folders = (await readMigrationsList()).migrationDirectories.map((d) => d.path);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('apply once on a fresh database, and nothing the second time', async () => {
    expect(folders.length).toBeGreaterThan(0);
    expect(await applyMigrations(database.url)).toEqual(folders);
    expect(await applyMigrations(database.url)).toEqual([]);

    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
  });

  it('install the job queue\'s schema beside Prisma\'s, where the schema diff does not see it', async () => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name IN ('job', 'queue', 'schedule', 'version')`,
      [JOB_SCHEMA],
    );
    expect(rows[0].n).toBe(4);
    expect(await installJobSchema(database.url)).toBe(false);
  });

  it('match prisma/schema exactly', async () => {
    const missing = await diffMigrationsToSchema(database.url);
    expect(
      missing,
      'prisma/schema/*.prisma has changes that no migration contains. ' +
        'Run `npm run db:migration -- <name>` and commit the new prisma/migrations folder. Missing SQL:\n' +
        missing,
    ).toBe('');
  });

  describe('"AuditEvent" is append-only', () => {
    beforeAll(async () => {
      await client.query(
        `INSERT INTO "AuditEvent" (seq, at, "actorLabel", action, "entityType", "prevHash", hash)
         VALUES (1, now(), 'system', 'test.event', 'Test', '', 'h1')`,
      );
    });

    it.each([
      ['UPDATE', `UPDATE "AuditEvent" SET reason = 'rewritten' WHERE seq = 1`],
      ['DELETE', 'DELETE FROM "AuditEvent" WHERE seq = 1'],
      ['TRUNCATE', 'TRUNCATE "AuditEvent"'],
    ])('refuses %s', async (operation, sql) => {
      await expect(client.query(sql)).rejects.toMatchObject({
        code: '42501',
        message: `audit events are append-only (${operation} refused)`,
      });
      const { rows } = await client.query('SELECT seq, reason FROM "AuditEvent"');
      expect(rows).toEqual([{ seq: '1', reason: null }]);
    });

    it('still accepts new events', async () => {
      await client.query(
        `INSERT INTO "AuditEvent" (seq, at, "actorLabel", action, "entityType", "prevHash", hash)
         VALUES (2, now(), 'system', 'test.event', 'Test', 'h1', 'h2')`,
      );
      const { rows } = await client.query('SELECT count(*)::int AS n FROM "AuditEvent"');
      expect(rows[0].n).toBe(2);
    });
  });
});
