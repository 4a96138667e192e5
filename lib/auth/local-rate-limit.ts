// A request budget counted in this process's memory: at most `limit`
// requests per key in a fixed window. For anonymous pages that must stay
// cheap under load (the public trust centre), where a database write per
// request would cost more than the page. Per instance: behind N instances a
// client gets up to N times the budget (docs/trust-centre.md). Sign-in
// throttling stays in PostgreSQL (throttle.ts), where every instance sees
// the same failures.

type Window = { start: number; count: number };

/** Keys kept before expired windows are swept; past HARD_MAX the table starts afresh (a flood of addresses). */
const SWEEP_AT = 10_000;
const HARD_MAX = 100_000;

export type LocalRateLimiter = {
  /** Counts one request for `key`; true when it is within the budget. */
  take(key: string, now?: number): boolean;
  size(): number;
  clear(): void;
};

export function createLocalRateLimiter(limit: () => number, windowSeconds: number): LocalRateLimiter {
  const windows = new Map<string, Window>();
  const windowMs = windowSeconds * 1000;
  function sweep(now: number) {
    for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
    if (windows.size > HARD_MAX) windows.clear();
  }
  return {
    take(key, now = Date.now()) {
      let w = windows.get(key);
      if (!w || now - w.start >= windowMs) {
        if (!w && windows.size >= SWEEP_AT) sweep(now);
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count <= limit();
    },
    size: () => windows.size,
    clear: () => windows.clear(),
  };
}
