import path from 'node:path';
import { rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';
import { repoRoot } from './process';

// A server of its own, so stopping it does not disturb other test files.
const dataDir = path.join(repoRoot, '.data', `test-pg-health-${randomBytes(3).toString('hex')}`);
let server = await startEmbeddedPostgres({ dataDir, persistent: true });
process.env.DATABASE_URL = server.url;
const { checkHealth } = await import('./health');
// The first query also loads the client; the 3 s budget is for the database.
await (await import('@/lib/db')).db.$queryRaw`SELECT 1`;

afterAll(async () => {
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> } };
  await g.prisma?.$disconnect();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('GET /api/health', () => {
  it('answers 200 ok while the database answers', async () => {
    expect(await checkHealth()).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers 503 with a reason when the database is down, and recovers by itself when it returns', async () => {
    const port = server.port;
    await server.stop();
    const down = await checkHealth();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/^database /) });
    expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|localhost|password/);

    server = await startEmbeddedPostgres({ dataDir, persistent: true, port });
    expect(await checkHealth()).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
