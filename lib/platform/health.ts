import 'server-only';
import { db } from '@/lib/db';
import { isDatabaseUnavailable } from '@/lib/errors';

const TIMEOUT_MS = 3_000;

/** 200 when the database answers a query in time, 503 with the reason otherwise. */
export async function checkHealth(): Promise<{ status: number; body: Record<string, unknown> }> {
  const started = Date.now();
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 3 s')), TIMEOUT_MS)),
    ]);
    return { status: 200, body: { status: 'ok' } };
  } catch (error) {
    // Classify rather than echo the driver's message, which names hosts and ports.
    const reason = error instanceof Error && /did not answer/.test(error.message)
      ? 'database did not answer within 3 s'
      : isDatabaseUnavailable(error)
        ? 'database unreachable'
        : 'database query failed';
    return { status: 503, body: { status: 'unavailable', reason, checkedInMs: Date.now() - started } };
  }
}
