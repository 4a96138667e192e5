import { afterAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-db';

/**
 * Gives the calling test file its own copy of the migrated database and
 * points lib/db at it. Import lib modules that touch the database with
 * `await import(...)` after this, so they see the new DATABASE_URL.
 */
export async function setupTestDatabase(prefix: string): Promise<TestDatabase> {
  const tdb = await createTestDatabase(prefix);
  process.env.DATABASE_URL = tdb.url;
  afterAll(async () => {
    const g = globalThis as { prisma?: { $disconnect(): Promise<void> }; rawPool?: { end(): Promise<void> } };
    await g.prisma?.$disconnect();
    await g.rawPool?.end();
    await tdb.drop();
  });
  return tdb;
}
