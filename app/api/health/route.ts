import { checkHealth } from '@/lib/platform/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const result = await checkHealth();
  return Response.json(result.body, { status: result.status, headers: { 'cache-control': 'no-store' } });
}
