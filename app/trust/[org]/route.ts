import { after } from 'next/server';
import { trustPageResponse } from '@/lib/trust/public';

// The public trust centre (docs/trust-centre.md): a whole HTML page from the
// published snapshot, with its own strict CSP; outside the proxy (proxy.ts).
// The view's batched write is handed to after(): a shutdown waits for it.
export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ org: string }> }) {
  const { org } = await ctx.params;
  return trustPageResponse(req, org, (flush) => after(flush));
}
