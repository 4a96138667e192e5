import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { chainReadBarrier } from '@/lib/audit/barrier';
import { env } from '@/lib/env';

// One client per process, created on first use (so that building the app
// needs no database). The pool reconnects by itself when the database comes
// back, which is what lets /api/health recover without a restart. The pool
// is the app's own, shared by the client's plain queries and by the
// transactions below, so DATABASE_POOL_MAX bounds the whole process.
const globalForDb = globalThis as unknown as { prisma?: PrismaClient; dbPool?: pg.Pool; txSlots?: TxSlot[] };

function sharedPool(): pg.Pool {
  if (!globalForDb.dbPool) {
    globalForDb.dbPool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: env().DATABASE_POOL_MAX,
      // A cold pool on a busy 2-core machine needs more than a second or two
      // to connect when several writers start at once.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle connection the server dropped: the pool replaces it (without
    // a listener the pool would throw it at the process).
    globalForDb.dbPool.on('error', () => {});
  }
  return globalForDb.dbPool;
}

function client(): PrismaClient {
  globalForDb.prisma ??= new PrismaClient({
    // Array transactions and anything else that still uses Prisma's own
    // transactions wait up to this long for a connection.
    transactionOptions: { maxWait: 10_000 },
    adapter: new PrismaPg(sharedPool()),
  });
  return globalForDb.prisma;
}

// Interactive transactions (`db.$transaction(async (tx) => ...)`), the path
// every mutation takes. Prisma's own interactive transaction costs several
// times a plain BEGIN/COMMIT in the client (measured side by side in
// docs/performance.md: 8 writers, ~1,300 empty transactions/s against
// ~5,000 with pg), so the transaction is opened on a pooled connection with
// BEGIN and COMMIT, and `tx` is a Prisma client bound to that connection
// alone: the mutation's queries are ordinary Prisma queries that run on the
// transaction's connection. The bound clients ("slots") are made on first
// need, at most one per pooled connection, and reused.
//
// The bound client's pool answers every query on the pinned connection. A
// transaction Prisma opens by itself on that client (a nested
// `tx.$transaction`, or a batch of findUnique calls) becomes a savepoint, so
// it can never commit or roll back the outer transaction.
class PinnedPool extends pg.Pool {
  conn: pg.PoolClient | null = null;
  private savepoints = 0;

  // Prisma's adapter calls query({ text, values, rowMode, types, name }).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any): any {
    // One query at a time on the connection: queries a mutation sends side by
    // side (`Promise.all` on `tx`) are sent in order, each after the last has
    // answered, as pg requires of a client (it queues them today with a
    // deprecation warning, and its next major version refuses them).
    const send = () => {
      const conn = this.conn;
      if (!conn) return Promise.reject(new Prisma.PrismaClientKnownRequestError('Transaction already closed: a query was issued on a transaction that has committed, rolled back or timed out.', { code: 'P2028', clientVersion: Prisma.prismaVersion.client }));
      return conn.query(config, values);
    };
    const result = this.tail.then(send, send);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private tail: Promise<unknown> = Promise.resolve();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override connect(): any {
    const name = `pinned_sp_${this.savepoints++}`;
    const translate = (text: string) => (text === 'BEGIN' ? `SAVEPOINT ${name}` : text === 'COMMIT' ? `RELEASE SAVEPOINT ${name}` : text === 'ROLLBACK' ? `ROLLBACK TO SAVEPOINT ${name}` : text);
    const nested = {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      query: (config: any, values?: any) => {
        if (config && typeof config === 'object' && typeof config.text === 'string') config = { ...config, text: translate(config.text) };
        else if (typeof config === 'string') config = translate(config);
        return this.query(config, values);
      },
      release() {},
      on() {
        return nested;
      },
      removeListener() {
        return nested;
      },
    };
    return Promise.resolve(nested);
  }

  reset(): void {
    this.conn = null;
    this.savepoints = 0;
    this.tail = Promise.resolve();
  }
}

type TxSlot = { pool: PinnedPool; client: PrismaClient };

function takeSlot(): TxSlot {
  const free = (globalForDb.txSlots ??= []);
  const slot = free.pop();
  if (slot) return slot;
  const pool = new PinnedPool({ max: 1 });
  return { pool, client: new PrismaClient({ adapter: new PrismaPg(pool) }) };
}

const ISOLATION: Record<string, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

type TxOptions = { maxWait?: number; timeout?: number; isolationLevel?: string };

/** Runs `run` in one transaction on one pooled connection; commits if it resolves, rolls back if it throws. */
async function pinnedTransaction<T>(run: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
  const conn = await sharedPool().connect();
  let broken: Error | undefined;
  // A checked-out connection the server drops between two queries (a
  // restart, a crash) emits 'error' on the client, which the pool's listener
  // does not see: without this one it would be thrown at the process. The
  // transaction's next query fails, and the connection is not reused.
  const onConnectionError = (error: Error) => {
    broken = error;
  };
  conn.on('error', onConnectionError);
  let timer: NodeJS.Timeout | undefined;
  const slot = takeSlot();
  let open = false;
  let timedOut = false;
  try {
    const level = options.isolationLevel ? ISOLATION[options.isolationLevel] : undefined;
    if (options.isolationLevel && !level) throw new Error(`Unknown isolation level ${options.isolationLevel}`);
    await conn.query(level ? `BEGIN ISOLATION LEVEL ${level}` : 'BEGIN');
    open = true;
    slot.pool.conn = conn;
    let closed = false;
    // Each transaction gets its own view of the slot's client: once the
    // transaction is over, the view refuses to be used.
    const tx = new Proxy(slot.client, {
      get(target, prop) {
        if (closed) throw new Prisma.PrismaClientKnownRequestError('Transaction already closed: the transaction has committed, rolled back or timed out.', { code: 'P2028', clientVersion: Prisma.prismaVersion.client });
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as unknown as Tx;
    // Prisma's default: a transaction open longer than 5 s is rolled back
    // and its later queries refused.
    timer = setTimeout(() => {
      timedOut = true;
      slot.pool.conn = null;
    }, options.timeout ?? 5_000);
    let value: T;
    try {
      value = await run(tx);
    } finally {
      closed = true;
      slot.pool.conn = null;
      clearTimeout(timer);
    }
    if (timedOut) throw new Prisma.PrismaClientKnownRequestError(`Transaction API error: the transaction ran longer than its timeout of ${options.timeout ?? 5_000} ms and was rolled back.`, { code: 'P2028', clientVersion: Prisma.prismaVersion.client });
    open = false;
    await conn.query('COMMIT');
    return value;
  } catch (error) {
    if (open) {
      await conn.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
    }
    throw error;
  } finally {
    clearTimeout(timer);
    slot.pool.reset();
    globalForDb.txSlots!.push(slot);
    // A connection whose ROLLBACK failed, or that the server dropped, is not given back to the pool.
    conn.removeListener('error', onConnectionError);
    conn.release(broken);
  }
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
    const result = await pinnedTransaction(async (tx) => {
      const value = await (arg as (tx: Tx) => Promise<unknown>)(tx);
      wrote = withEvents.has(tx);
      return value;
    }, options as TxOptions | undefined);
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

/** Disconnects the client and every transaction client, and closes the pool. */
async function disconnectAll(): Promise<void> {
  const slots = globalForDb.txSlots ?? [];
  globalForDb.txSlots = [];
  await Promise.all([globalForDb.prisma?.$disconnect(), ...slots.map((s) => s.client.$disconnect())]);
  const pool = globalForDb.dbPool;
  globalForDb.prisma = undefined;
  globalForDb.dbPool = undefined;
  await pool?.end();
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    if (prop === '$transaction') return transactionThenSeal(c);
    if (prop === 'auditEvent') return chainReads(c.auditEvent);
    if (prop === '$queryRaw') return rawChainReads(c);
    if (prop === '$disconnect') return disconnectAll;
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
