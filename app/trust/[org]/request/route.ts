import { trustRequestResponse } from '@/lib/trust/public';

// A visitor's document request from the public trust centre (docs/trust-centre.md): a plain form post, no session.
export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ org: string }> }) {
  const { org } = await ctx.params;
  return trustRequestResponse(req, org);
}
