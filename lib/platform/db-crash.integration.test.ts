import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { applyMigrations } from './migrate';
import { repoRoot } from './process';

// A durable cluster of its own (the shared test cluster runs with fsync off),
// supervised the way the launcher runs the embedded database.
const dataDir = path.join(repoRoot, '.data', `test-pg-crash-${randomBytes(3).toString('hex')}`);
const logLines: string[] = [];
const server = await startEmbeddedPostgres({ dataDir, persistent: true, restartOnCrash: true, log: (l) => logLines.push(l) });
const url = await ensureDatabase(server.adminUrl, 'portal');
await applyMigrations(url);
process.env.DATABASE_URL = url;
const { db } = await import('@/lib/db');
const { checkHealth } = await import('./health');
const { toPublicError } = await import('@/lib/errors');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const users = await import('@/lib/users/mutations');
const { verifyChain } = await import('@/lib/audit/verify');

afterAll(async () => {
  await (globalThis as { prisma?: { $disconnect(): Promise<void> } }).prisma?.$disconnect();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded database dies under load', () => {
  it('is restarted by its supervisor; writes answer 503 meanwhile; health recovers within 10 s; no acknowledged write is lost', async () => {
    const { actors } = await createOrgWithRoles('Crash Org');
    const acknowledged: string[] = [];
    const failures: { status: number; code: string; error?: string }[] = [];
    let stop = false;
    let n = 0;
    const writer = async (w: number) => {
      while (!stop) {
        const email = `w${w}-${n++}@crash.example`;
        try {
          await users.createUser(actors.ADMIN, { email, name: `Writer ${w}`, role: 'ENGINEER', mode: 'invite' });
          acknowledged.push(email);
        } catch (error) {
          const pub = toPublicError(error);
          failures.push({ status: pub.status, code: pub.code, ...(pub.status === 503 ? {} : { error: String((error as Error)?.stack ?? error).slice(0, 600) + JSON.stringify({ code: (error as { code?: unknown }).code, cause: String((error as { cause?: unknown }).cause) }) }) });
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    for (let i = 0; i < 100 && acknowledged.length < 8; i++) await new Promise((r) => setTimeout(r, 100));
    const before = acknowledged.length;
    const pid = server.pid()!;
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();

    let recoveredMs: number | null = null;
    while (Date.now() - killedAt < 15_000) {
      await new Promise((r) => setTimeout(r, 200));
      if ((await checkHealth()).status === 200) {
        recoveredMs = Date.now() - killedAt;
        break;
      }
    }
    // Keep writing a little after recovery: the app's pool must work again.
    const atRecovery = acknowledged.length;
    await new Promise((r) => setTimeout(r, 700));
    stop = true;
    await Promise.all(writers);

    console.log(`health back to 200 ${recoveredMs} ms after kill -9\n${logLines.join('\n')}`);
    expect(before, 'writes acknowledged before the kill').toBeGreaterThan(0);
    expect(recoveredMs, 'health answers 200 again').not.toBeNull();
    expect(recoveredMs!, logLines.join('\n')).toBeLessThanOrEqual(10_000);
    expect(server.pid()).not.toBe(pid);
    expect(logLines.some((l) => /exited unexpectedly/.test(l))).toBe(true);
    expect(logLines.some((l) => /restarted on 127\.0\.0\.1/.test(l))).toBe(true);
    expect(acknowledged.length, 'writes acknowledged after recovery').toBeGreaterThan(atRecovery);
    // While the database was away, every failed write was a 503, never a 500.
    expect(failures.length, 'writes refused while the database was away').toBeGreaterThan(0);
    expect(failures.filter((f) => f.status !== 503)).toEqual([]);

    // Every acknowledged write is there, with its audit event, in an intact chain.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ email: string }>('SELECT email FROM "User" WHERE email = ANY($1)', [acknowledged]);
      expect(new Set(rows.map((r) => r.email))).toEqual(new Set(acknowledged));
      const events = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'user.invited' AND "entityId" IN (SELECT id FROM "User" WHERE email LIKE '%@crash.example')`);
      expect(Number(events.rows[0].n)).toBe(acknowledged.length);
      const chain = await verifyChain(client);
      expect(chain).toMatchObject({ intact: true, firstBrokenSeq: null });
      const seqs = await client.query<{ gaps: string }>(`SELECT count(*) AS gaps FROM (SELECT seq - lag(seq) OVER (ORDER BY seq) AS d FROM "AuditEvent") x WHERE d <> 1`);
      expect(Number(seqs.rows[0].gaps)).toBe(0);
    } finally {
      await client.end();
    }
    void db;
  }, 60_000);
});
