// Appends audit events through recordEvent (one transaction per event, as
// every mutation does) with 1 and then 8 concurrent writers for a fixed
// time each, and checks afterwards that nothing was lost: every
// acknowledged append is in the table, sequence numbers have no gaps and
// the chain verifies.
//   npm run bench:audit-append -- [seconds per run]
import pg from 'pg';
import { benchDatabase, figure } from './support';

const SECONDS = Number(process.argv[2] ?? 10);

const bench = await benchDatabase('audit_append');
process.env.DATABASE_URL = bench.url;
const pool = new pg.Pool({ connectionString: bench.url, max: 2 });
// The server is stopped at the end while idle connections remain.
pool.on('error', () => {});
try {
  const { db } = await import('@/lib/db');
  const { recordEvent } = await import('@/lib/audit/record');
  const { systemActor } = await import('@/lib/auth/actor');
  const { verifyChain } = await import('@/lib/audit/verify');
  const actor = systemActor('org-bench', 'bench');
  // Warm up the connection pool and the query plans before timing.
  for (let i = 0; i < 20; i++) await db.$transaction((tx) => recordEvent(tx, actor, { action: 'bench.warmed', entityType: 'bench' }));

  for (const writers of [1, 8]) {
    const before = Number((await pool.query('SELECT count(*) AS n FROM "AuditEvent"')).rows[0].n);
    let acknowledged = 0;
    let failed = 0;
    const end = performance.now() + SECONDS * 1000;
    const started = performance.now();
    // The oldest event not chained yet, sampled while the writers run: its
    // age bounds the time from any commit to its place in the chain.
    let maxLagMs = 0;
    const sampler = setInterval(() => {
      pool
        .query<{ lag: number | null }>('SELECT (extract(epoch FROM now() - min("at")) * 1000)::float8 AS lag FROM "AuditEventPending"')
        .then((r) => {
          maxLagMs = Math.max(maxLagMs, r.rows[0].lag ?? 0);
        })
        .catch(() => {});
    }, 50);
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        let i = 0;
        while (performance.now() < end) {
          try {
            await db.$transaction((tx) => recordEvent(tx, actor, { action: 'bench.appended', entityType: 'bench', entityId: `w${w}-${i++}`, changes: { writer: w, i } }));
            acknowledged++;
          } catch {
            failed++;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    // Everything acknowledged is chained by the sealer on its own, without the barrier.
    const drainStart = performance.now();
    while (Number((await pool.query('SELECT count(*) AS n FROM "AuditEventPending"')).rows[0].n) > 0 && performance.now() - drainStart < 5000) await new Promise((r) => setTimeout(r, 5));
    const drainMs = performance.now() - drainStart;
    figure('audit-append', `longest commit-to-chain time while appending, ${writers} writer${writers > 1 ? 's' : ''}`, Math.max(maxLagMs, drainMs), 'ms', { op: '<', value: 1000 });
    const stored = Number((await pool.query('SELECT count(*) AS n FROM "AuditEvent"')).rows[0].n) - before;
    figure('audit-append', `appends/s through recordEvent, ${writers} writer${writers > 1 ? 's' : ''}`, acknowledged / elapsed, 'events/s', writers === 8 ? { op: '>=', value: 2000 } : undefined);
    figure('audit-append', `acknowledged appends missing from the trail, ${writers} writer${writers > 1 ? 's' : ''}`, acknowledged - stored, 'events', { op: '<=', value: 0 });
    figure('audit-append', `failed appends, ${writers} writer${writers > 1 ? 's' : ''}`, failed, 'events', { op: '<=', value: 0 });
  }
  const gaps = Number((await pool.query('SELECT (max("seq") - count(*))::bigint AS g FROM "AuditEvent"')).rows[0].g ?? 0);
  figure('audit-append', 'sequence gaps after both runs', gaps, 'gaps', { op: '<=', value: 0 });
  const result = await verifyChain(pool);
  figure('audit-append', 'chain intact after both runs (1 = yes)', result.intact ? 1 : 0, 'bool', { op: '>=', value: 1 });
  await db.$disconnect();
} finally {
  await pool.end();
  await bench.close();
}
