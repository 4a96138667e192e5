import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

const tdb = await setupTestDatabase('audit_seal');
const { db } = await import('@/lib/db');
const { rawPool } = await import('@/lib/db-raw');
const { recordEvent } = await import('./record');
const { chainHash } = await import('./chain');
const { verifyChain } = await import('./verify');
const { pendingEventCount, sealPendingEvents, startBackgroundSealer, stopBackgroundSealer } = await import('./seal');
const { systemActor } = await import('@/lib/auth/actor');

const actor = systemActor('org-1', 'sealer-test');

async function client<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: tdb.url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** Writes a pending event the way a process that died right after its commit leaves it. */
async function pendingOnly(action: string): Promise<void> {
  await client((c) =>
    c.query(`INSERT INTO "AuditEventPending" ("at","orgId","actorId","actorLabel","action","entityType") VALUES (now(),'org-1',NULL,'crashed','${action}','test')`),
  );
}

describe('the audit chain sealer', () => {
  it('chains an event before the transaction that recorded it returns, with the hash the app computes', async () => {
    await db.$transaction((tx) =>
      recordEvent(tx, { ...actor, request: { id: 'quote " \\ é 😀 \u2028', ip: '::1' } }, {
        action: 'test.sealed',
        entityType: 'text',
        entityId: 'line\nbreak',
        changes: { list: [1.5, null, true, 'x'] },
        reason: 'tab\there',
      }),
    );
    expect(await pendingEventCount()).toBe(0);
    const [row] = await db.auditEvent.findMany({ where: { action: 'test.sealed' } });
    expect(row.seq).toBe(1n);
    expect(chainHash(row.prevHash, row)).toBe(row.hash);
  });

  it('leaves nothing pending and no gap under 8 writers, and the chain verifies', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 50; i++) await db.$transaction((tx) => recordEvent(tx, actor, { action: 'test.parallel', entityType: 'writer', entityId: String(w), changes: { i } }));
        })(),
      ),
    );
    expect(await pendingEventCount()).toBe(0);
    expect(await verifyChain(rawPool())).toMatchObject({ intact: true, checked: 401, headSeq: 401, pending: 0 });
  }, 120_000);

  it('lets the process that committed an event read it at once, through the model API and raw SQL', async () => {
    for (let i = 0; i < 20; i++) {
      await db.$transaction((tx) => recordEvent(tx, actor, { action: 'test.read-own', entityType: 'test', entityId: String(i) }));
      expect(await db.auditEvent.count({ where: { action: 'test.read-own' } })).toBe(i + 1);
      const [{ n }] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "AuditEvent" WHERE "action" = 'test.read-own'`;
      expect(Number(n)).toBe(i + 1);
    }
  });

  it('never chains an event whose transaction rolled back', async () => {
    await expect(
      db.$transaction(async (tx) => {
        await recordEvent(tx, actor, { action: 'test.rolled-back', entityType: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.auditEvent.count({ where: { action: 'test.rolled-back' } })).toBe(0);
    expect(await pendingEventCount()).toBe(0);
  });

  it('resumes from the same head after a seal that died half-way (the batch rolls back whole)', async () => {
    await pendingOnly('test.crash-1');
    await pendingOnly('test.crash-2');
    // A sealer killed mid-batch: its transaction chained one event, then the
    // connection dropped before commit.
    await client(async (c) => {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock(7301996421)');
      await c.query(`INSERT INTO "AuditEvent" ("seq","at","actorLabel","action","entityType","prevHash","hash") VALUES (999,now(),'x','half-sealed','test','bad','bad')`);
      // The connection ends without COMMIT: PostgreSQL rolls it back.
    });
    expect(await db.auditEvent.count({ where: { action: 'half-sealed' } })).toBe(0);
    expect(await pendingEventCount()).toBe(2);
    expect(await sealPendingEvents()).toBe(2);
    const result = await verifyChain(rawPool());
    expect(result).toMatchObject({ intact: true, headSeq: 423, pending: 0 });
  });

  it('seals what a dead process left pending within a second (background sealer)', async () => {
    await pendingOnly('test.left-behind');
    expect(await pendingEventCount()).toBe(1);
    startBackgroundSealer(100);
    try {
      const deadline = Date.now() + 1000;
      while ((await pendingEventCount()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await pendingEventCount()).toBe(0);
    } finally {
      stopBackgroundSealer();
    }
    expect((await db.auditEvent.findFirst({ where: { action: 'test.left-behind' } }))?.seq).toBe(424n);
    expect((await verifyChain(rawPool())).intact).toBe(true);
  });

  it('refuses to change a pending event', async () => {
    await pendingOnly('test.immutable');
    await expect(db.$executeRaw`UPDATE "AuditEventPending" SET "action" = 'rewritten'`).rejects.toThrow(/cannot be changed/);
    await expect(db.$executeRaw`TRUNCATE "AuditEventPending"`).rejects.toThrow(/cannot be changed/);
    await sealPendingEvents();
  });
});
