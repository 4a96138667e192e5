import 'server-only';
import { db } from '@/lib/db';
import { isDatabaseUnavailable, logUnexpected } from '@/lib/errors';

// Views of the public pages are counted in memory and written in batches:
// one INSERT of up to MAX_BATCH rows every FLUSH_MS, instead of a write per
// view, so a burst of visitors costs the database almost nothing. Each row
// keeps the time of its view. The route hands the pending flush to Next's
// `after()`, and `next start` waits for those on SIGTERM/SIGINT before it
// exits, so a normal shutdown loses nothing; a crash loses at most the last
// FLUSH_MS of views. A database that is away keeps them (up to MAX_HELD)
// for the next flush.

export const FLUSH_MS = 2_000;
const MAX_BATCH = 1_000;
const MAX_HELD = 50_000;

export type TrustViewRow = { orgId: string; kind: 'page' | 'document'; ip: string | null; subjectId?: string | null; at: Date };

type State = { buffer: TrustViewRow[]; timer: ReturnType<typeof setTimeout> | null; flushing: Promise<void> | null; pending: Promise<void> | null; release: (() => void) | null };
const g = globalThis as { trustViews?: State };
const state: State = (g.trustViews ??= { buffer: [], timer: null, flushing: null, pending: null, release: null });

/**
 * Counts one view. Returns the promise of the flush that will write it, for
 * the caller to hand to `after()` (so the server waits for it on shutdown).
 */
export function countTrustView(view: Omit<TrustViewRow, 'at'>, at = new Date()): Promise<void> {
  state.buffer.push({ ...view, subjectId: view.subjectId ?? null, at });
  if (state.buffer.length >= MAX_BATCH) void flushTrustViews();
  else schedule();
  return state.pending ?? Promise.resolve();
}

function schedule() {
  if (state.timer) return;
  state.pending ??= new Promise<void>((resolve) => (state.release = resolve));
  state.timer = setTimeout(() => void flushTrustViews(), FLUSH_MS);
}

/** Writes every counted view now (also what tests and shutdown call); resolves with how many were written. */
export async function flushTrustViews(): Promise<number> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  // One flush at a time: a second caller waits for the running one, then takes what is left.
  while (state.flushing) await state.flushing;
  const release = state.release;
  state.pending = null;
  state.release = null;
  let written = 0;
  const run = (async () => {
    while (state.buffer.length) {
      const batch = state.buffer.splice(0, MAX_BATCH);
      try {
        written += (await db.trustView.createMany({ data: batch })).count;
      } catch (error) {
        // Kept for the next flush while the database is away; anything else is a bug: logged, not retried forever.
        if (isDatabaseUnavailable(error)) {
          state.buffer.unshift(...batch.slice(0, Math.max(0, MAX_HELD - state.buffer.length)));
          schedule();
        } else logUnexpected(error, 'trust views flush');
        break;
      }
    }
  })();
  state.flushing = run;
  try {
    await run;
  } finally {
    state.flushing = null;
    release?.();
  }
  return written;
}

/** Views counted and not yet written (for tests and the settings page's note). */
export function unflushedTrustViews(): number {
  return state.buffer.length;
}
