import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

// One client per process, created on first use (so that building the app
// needs no database). The pool reconnects by itself when the database comes
// back, which is what lets /api/health recover without a restart.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  globalForDb.prisma ??= new PrismaClient({
    adapter: new PrismaPg({
      connectionString: env().DATABASE_URL,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    }),
  });
  return globalForDb.prisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === 'function' ? value.bind(c) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Runs inside the caller's transaction when given one, else in a new one, so
 *  a mutation can be used alone or as a step of a larger write. */
export function inTransaction<T>(outer: Tx | undefined, run: (tx: Tx) => Promise<T>, opts?: { timeout?: number }): Promise<T> {
  return outer ? run(outer) : db.$transaction(run, opts);
}
