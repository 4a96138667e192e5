import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

const tdb = await setupTestDatabase('audit_chain');
const { db } = await import('@/lib/db');
const { rawPool } = await import('@/lib/db-raw');
const { recordEvent } = await import('./record');
const { verifyChain } = await import('./verify');
const { systemActor } = await import('@/lib/auth/actor');

async function superuser<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: tdb.url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe('the audit trail', () => {
  it('keeps an intact chain with no gaps under 8 concurrent writers x 250 events', async () => {
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 250; i++) {
          await db.$transaction((tx) =>
            recordEvent(tx, systemActor('org-1', `writer-${w}`), {
              action: 'test.write',
              entityType: 'writer',
              entityId: String(w),
              changes: { i, nested: { w, list: [i, w] } },
            }),
          );
        }
      })(),
    );
    await Promise.all(writers);

    const result = await verifyChain(rawPool());
    expect(result).toMatchObject({ intact: true, checked: 2000, headSeq: 2000, firstBrokenSeq: null });
    const seqs = await db.$queryRaw<{ n: bigint; min: bigint; max: bigint }[]>`SELECT count(*) AS n, min(seq) AS min, max(seq) AS max FROM "AuditEvent"`;
    expect(seqs[0]).toEqual({ n: 2000n, min: 1n, max: 2000n });
    const perWriter = await db.auditEvent.groupBy({ by: ['entityId'], _count: true });
    expect(perWriter.map((g) => g._count)).toEqual(Array(8).fill(250));
  }, 120_000);

  it('recomputes in SQL exactly the hash the app computed, for awkward text too', async () => {
    const awkward = ['quote " backslash \\ slash /', 'line\nbreak\ttab\r', 'control \u0001\u001f', 'unicode é 中文 😀 \u2028', ''];
    for (const text of awkward) {
      await db.$transaction((tx) =>
        recordEvent(tx, { ...systemActor('org-1', text || 'empty'), request: { id: text, ip: null } }, {
          action: 'test.awkward',
          entityType: 'text',
          entityId: text,
          changes: { [text]: text, list: [text, null, 1.5, -0.001, 1e21, true] },
          reason: text,
        }),
      );
    }
    const result = await verifyChain(rawPool());
    expect(result).toMatchObject({ intact: true, checked: 2000 + awkward.length });
  });

  it('rolls the change back when the event cannot be written', async () => {
    const before = await db.organization.count();
    await expect(
      db.$transaction(async (tx) => {
        await tx.organization.create({ data: { name: 'Rolled back', slug: 'rolled-back' } });
        // An event that cannot be encoded fails the write; the organisation must not survive it.
        await recordEvent(tx, systemActor('org-1'), { action: 'x', entityType: 'y', changes: { bad: Number.NaN } });
      }),
    ).rejects.toThrow();
    expect(await db.organization.count()).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application connection', async () => {
    await expect(db.$executeRaw`UPDATE "AuditEvent" SET "action" = 'rewritten' WHERE "seq" = 5`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = 5`).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`TRUNCATE "AuditEvent"`).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.update({ where: { seq: 5n }, data: { action: 'rewritten' } })).rejects.toThrow();
    expect((await verifyChain(rawPool())).intact).toBe(true);
  });

  it('reports an event changed directly in the database at its exact sequence number', async () => {
    await superuser(async (c) => {
      // A superuser can switch the trigger off; verification must still notice.
      await c.query(`SET session_replication_role = replica`);
      await c.query(`UPDATE "AuditEvent" SET "changes" = '{"i":999}' WHERE "seq" = 1234`);
    });
    const result = await verifyChain(rawPool());
    expect(result.intact).toBe(false);
    expect(result.firstBrokenSeq).toBe(1234);
    expect(result.checked).toBe(2005);
  });

  it('reports a deleted event at the sequence number where the gap starts', async () => {
    await superuser(async (c) => {
      await c.query(`SET session_replication_role = replica`);
      await c.query(`DELETE FROM "AuditEvent" WHERE "seq" = 77`);
    });
    const result = await verifyChain(rawPool());
    expect(result.firstBrokenSeq).toBe(78);
  });
});
