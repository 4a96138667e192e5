// Exponential back-off for 24 hours: 30 s, 1 min, 2 min … doubling to at most
// 4 h between attempts. A delivery still failing 24 h after it was created is
// given up, and its endpoint is disabled.

export const RETRY_WINDOW_MS = 24 * 3600_000;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 4 * 3600_000;

/** When to try again after `attempts` failed attempts, or null to give up. */
export function nextAttemptAt(createdAt: Date, attempts: number, now: Date): Date | null {
  const delay = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  const next = now.getTime() + delay;
  return next > createdAt.getTime() + RETRY_WINDOW_MS ? null : new Date(next);
}
