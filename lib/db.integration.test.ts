import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('db_transactions');
const { db } = await import('@/lib/db');

describe('db.$transaction on a pinned connection', () => {
  it('answers queries sent side by side, in order, without pg queueing them on a busy client', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const results = await db.$transaction(async (tx) =>
        Promise.all(Array.from({ length: 6 }, (_, i) => tx.$queryRawUnsafe<{ n: number }[]>(`SELECT ${i}::int AS n, pg_sleep(0.01)::text AS slept`))),
      );
      expect(results.map((rows) => rows[0].n)).toEqual([0, 1, 2, 3, 4, 5]);
      // Deprecation warnings are emitted on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
  });

  it('rolls back everything when one of the side-by-side queries fails, and refuses a tx used after its end', async () => {
    await db.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS tx_probe (n int PRIMARY KEY)');
    await expect(
      db.$transaction(async (tx) => {
        await Promise.all([tx.$executeRawUnsafe('INSERT INTO tx_probe VALUES (1)'), tx.$executeRawUnsafe('INSERT INTO tx_probe VALUES (1)')]);
      }),
    ).rejects.toThrow();
    expect(await db.$queryRawUnsafe<{ c: bigint }[]>('SELECT count(*) AS c FROM tx_probe')).toEqual([{ c: 0n }]);

    let leaked: Parameters<Parameters<typeof db.$transaction>[0]>[0] | undefined;
    await db.$transaction(async (tx) => {
      leaked = tx;
    });
    // Refused when the query is made (the property is read), before anything is sent.
    await expect((async () => leaked!.$queryRawUnsafe('SELECT 1'))()).rejects.toMatchObject({ code: 'P2028' });
  });
});
