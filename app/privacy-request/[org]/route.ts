import { publicRequestPageResponse, publicRequestSubmitResponse } from '@/lib/privacy/public';

// The public data-subject request form (docs/privacy.md): a whole HTML page with its own strict CSP, no session.
export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ org: string }> }) {
  const { org } = await ctx.params;
  return publicRequestPageResponse(req, org);
}

export async function POST(req: Request, ctx: { params: Promise<{ org: string }> }) {
  const { org } = await ctx.params;
  return publicRequestSubmitResponse(req, org);
}
