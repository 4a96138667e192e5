import 'server-only';
import { db } from '@/lib/db';
import { isDatabaseUnavailable } from '@/lib/errors';

const TIMEOUT_MS = 3_000;

/** 200 when the database answers a query in time, 503 with the reason otherwise. */
export async function checkHealth(timeoutMs = TIMEOUT_MS): Promise<{ status: number; body: Record<string, unknown> }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
        timer.unref();
      }),
    ]);
    return { status: 200, body: { status: 'ok' } };
  } catch (error) {
    // Classify rather than echo the driver's message, which names hosts and ports.
    const reason = error instanceof Error && /did not answer/.test(error.message)
      ? error.message
      : isDatabaseUnavailable(error)
        ? 'database unreachable'
        : 'database query failed';
    return { status: 503, body: { status: 'unavailable', reason, checkedInMs: Date.now() - started } };
  } finally {
    // No timer outlives the check: each request leaves nothing pending.
    clearTimeout(timer);
  }
}

const PROBE_TTL_MS = 1_000;
let probe: { at: number; up: Promise<boolean> } | undefined;

/**
 * Whether the database answers, asked at most once a second however many
 * requests want to know (they share one answer). The proxy uses it to answer
 * page requests with 503 and Retry-After while the database is away.
 */
export function databaseReachable(): Promise<boolean> {
  const now = Date.now();
  if (!probe || now - probe.at > PROBE_TTL_MS) probe = { at: now, up: checkHealth(1_500).then((h) => h.status === 200) };
  return probe.up;
}
