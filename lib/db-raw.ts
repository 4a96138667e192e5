import 'server-only';
import pg from 'pg';
import { env } from '@/lib/env';

// A plain pg pool for the few bulk reads where Prisma's row mapping costs
// too much (verifying a million-event chain, streaming CSV exports).
const globalForPool = globalThis as unknown as { rawPool?: pg.Pool };

export function rawPool(): pg.Pool {
  globalForPool.rawPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 4 });
  return globalForPool.rawPool;
}
