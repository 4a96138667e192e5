import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { chainReadBarrier } from '@/lib/audit/barrier';
import { env } from '@/lib/env';

// One client per process, created on first use (so that building the app
// needs no database). The pool reconnects by itself when the database comes
// back, which is what lets /api/health recover without a restart.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  globalForDb.prisma ??= new PrismaClient({
    // Prisma's default 2 s to get a connection and begin is less than a cold
    // pool needs on a busy 2-core machine when several writers start at once.
    transactionOptions: { maxWait: 10_000 },
    adapter: new PrismaPg({
      connectionString: env().DATABASE_URL,
      max: env().DATABASE_POOL_MAX,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    }),
  });
  return globalForDb.prisma;
}

// Transactions that recorded audit events (lib/audit/record.ts marks them),
// and what runs once such a transaction has committed: the audit chain's
// sealer, registered by lib/audit/seal.ts, which is told and not waited for.
// Reads of the chain (`db.auditEvent`) first wait for the seals of what this
// process committed (`chainReadBarrier`, lib/audit/barrier.ts), so a process reads its own events.
const withEvents = new WeakSet<object>();
let afterEventsCommitted: (() => void) | null = null;

export function markEventsWritten(tx: Tx): void {
  withEvents.add(tx);
}

export function onEventsCommitted(run: () => void): void {
  afterEventsCommitted = run;
}

/** For writers outside a Prisma transaction (lib/db-raw) that wrote audit events and committed. */
export function eventsCommitted(): void {
  afterEventsCommitted?.();
}

type TransactionFn = PrismaClient['$transaction'];

function transactionThenSeal(c: PrismaClient): TransactionFn {
  const run = async (arg: unknown, options?: unknown) => {
    if (typeof arg !== 'function') return (c.$transaction as (a: unknown, o?: unknown) => Promise<unknown>)(arg, options);
    let wrote = false;
    const result = await c.$transaction(async (tx) => {
      const value = await (arg as (tx: Tx) => Promise<unknown>)(tx);
      wrote = withEvents.has(tx);
      return value;
    }, options as Parameters<TransactionFn>[1]);
    if (wrote && afterEventsCommitted) afterEventsCommitted();
    return result;
  };
  return run as TransactionFn;
}

/** `db.auditEvent` whose reads wait for this process's pending seals first. */
function chainReads(delegate: object): object {
  return new Proxy(delegate, {
    get(target, method) {
      const value = Reflect.get(target, method, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const barrier = chainReadBarrier();
        return barrier ? barrier.then(() => value.apply(target, args)) : value.apply(target, args);
      };
    },
  });
}

/** `db.$queryRaw` that waits the same way when its SQL reads the chain ("AuditEvent"). */
function rawChainReads(c: PrismaClient): PrismaClient['$queryRaw'] {
  const raw = c.$queryRaw.bind(c) as (...args: unknown[]) => Promise<unknown>;
  return ((strings: unknown, ...values: unknown[]) => {
    const readsChain = Array.isArray(strings) && strings.some((part) => typeof part === 'string' && part.includes('"AuditEvent"'));
    const barrier = readsChain ? chainReadBarrier() : null;
    return barrier ? barrier.then(() => raw(strings, ...values)) : raw(strings, ...values);
  }) as PrismaClient['$queryRaw'];
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    if (prop === '$transaction') return transactionThenSeal(c);
    if (prop === 'auditEvent') return chainReads(c.auditEvent);
    if (prop === '$queryRaw') return rawChainReads(c);
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
