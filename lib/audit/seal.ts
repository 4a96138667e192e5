import 'server-only';
import { db, onEventsCommitted } from '@/lib/db';
import { setChainReadBarrier } from './barrier';

// The audit chain's sequencer. Mutations write their events pending, in their
// own transaction and without any lock (lib/audit/record.ts); the SQL function
// audit_seal (migration 20261202013114_audit_chain_sealer) then moves the
// committed ones into AuditEvent in order, one sealer at a time over every
// instance, computing each hash in PostgreSQL as lib/audit/chain.ts does.
// A seal is one statement and one transaction: a crash in the middle rolls
// the batch back and the next seal resumes from the same head.

const BATCH = 10_000;

/** Seals everything pending now; resolves the number of events chained. */
export async function sealPendingEvents(): Promise<number> {
  let total = 0;
  for (;;) {
    // Through the app's own pool: a seal needs no connection of its own.
    const [{ sealed }] = await db.$queryRaw<{ sealed: number }[]>`SELECT audit_seal(${BATCH}::int) AS sealed`;
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

// After a transaction with events commits, the sealer is told and the
// caller goes on: it does not wait for the chain. The sealer runs at once
// when idle; while events keep arriving it seals again every COALESCE_MS, so
// under load one seal chains many events (the per-seal cost — a lock, the
// head, a function call — is paid once per batch, not per event). An event is
// chained within a few milliseconds of its commit; the background sealer
// below catches anything a process left behind within a second.
//
// Reads of the chain in this process wait for that work first
// (`sealedBarrier`), so a process always reads its own events: lib/db.ts
// routes every `db.auditEvent` read and lib/audit reads through it. The
// change is committed whatever happens here, so a failed seal is logged, not
// thrown; the background sealer retries.
const COALESCE_MS = 5;
let dirty = false;
let loop: Promise<void> | null = null;

function sealOnce(): Promise<void> {
  return sealPendingEvents().then(
    () => undefined,
    (error: Error) => console.error(`audit: sealing after commit failed, the background sealer will retry: ${error.message}`),
  );
}

async function sealWhileDirty(): Promise<void> {
  try {
    let first = true;
    while (dirty) {
      if (!first) await new Promise((r) => setTimeout(r, COALESCE_MS));
      first = false;
      dirty = false;
      await sealOnce();
    }
  } finally {
    loop = null;
  }
}

function sealAfterCommit(): void {
  dirty = true;
  loop ??= sealWhileDirty();
}

/** Resolves once every event this process committed before the call is chained (or its seal failed). */
export async function sealedBarrier(): Promise<void> {
  while (loop) await loop;
}

onEventsCommitted(sealAfterCommit);
setChainReadBarrier(sealedBarrier);

const g = globalThis as unknown as { auditSealer?: NodeJS.Timeout };

/**
 * Seals what a crashed or interrupted process left pending (every 500 ms; a
 * no-op when nothing is). Started by every app instance and worker.
 */
export function startBackgroundSealer(intervalMs = 500): void {
  if (g.auditSealer) return;
  let running = false;
  g.auditSealer = setInterval(() => {
    if (running) return;
    running = true;
    sealPendingEvents()
      .catch(() => {
        /* the database is away: the next tick retries */
      })
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  g.auditSealer.unref();
}

export function stopBackgroundSealer(): void {
  if (g.auditSealer) clearInterval(g.auditSealer);
  g.auditSealer = undefined;
}

/** What the integrity panel shows beside the head: events not chained yet. */
export async function pendingEventCount(): Promise<number> {
  await sealedBarrier();
  return db.auditEventPending.count();
}
