import { RETRY_AFTER_SECONDS } from '@/lib/errors';
import { checkHealth } from '@/lib/platform/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const result = await checkHealth();
  const retry = result.status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : undefined;
  return Response.json(result.body, { status: result.status, headers: { 'cache-control': 'no-store', ...retry } });
}
