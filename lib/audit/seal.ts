import 'server-only';
import { db, onEventsCommitted } from '@/lib/db';

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

// After a transaction with events commits: seal before returning to the
// caller. Callers in one process share seals: while one runs, everyone who
// commits meanwhile waits for the single next one (which starts after their
// commit, so it sees their events), like a database's group commit. The
// change is committed whatever happens here, so a failure is logged, not
// thrown; the background sealer picks the events up.
let running: Promise<void> | null = null;
let next: Promise<void> | null = null;

function sealOnce(): Promise<void> {
  return sealPendingEvents().then(
    () => undefined,
    (error: Error) => console.error(`audit: sealing after commit failed, the background sealer will retry: ${error.message}`),
  );
}

function sealAfterCommit(): Promise<void> {
  if (!running) {
    running = sealOnce().finally(() => {
      running = null;
    });
    return running;
  }
  next ??= running.then(() => {
    next = null;
    return sealAfterCommit();
  });
  return next;
}

onEventsCommitted(sealAfterCommit);

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
  return db.auditEventPending.count();
}
