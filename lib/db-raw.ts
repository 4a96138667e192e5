import 'server-only';
import pg from 'pg';
import { env } from '@/lib/env';

// A plain pg pool for the few bulk reads where Prisma's row mapping costs
// too much (verifying a million-event chain, streaming CSV exports).
const globalForPool = globalThis as unknown as { rawPool?: pg.Pool };

export function rawPool(): pg.Pool {
  if (!globalForPool.rawPool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 4 });
    // An idle connection the server ends (a restart, a crash, a dropped
    // database) must not take the process down: pg drops it from the pool
    // and the next query opens a new one.
    pool.on('error', (error) => console.error(`database: an idle connection ended: ${error.message}`));
    globalForPool.rawPool = pool;
  }
  return globalForPool.rawPool;
}
