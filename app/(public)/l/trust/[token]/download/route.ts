import { downloadTrustDocumentResponse } from '@/lib/trust/public';

// The single download of an approved trust-centre request (docs/trust-centre.md).
export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ token: string }> }) {
  const { token } = await ctx.params;
  return downloadTrustDocumentResponse(req, token);
}
