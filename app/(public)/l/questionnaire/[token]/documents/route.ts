import { metaFromHeaders } from '@/lib/auth/request';
import { attachDocumentResponse } from '@/lib/vendors/documents';

// A vendor attaches a document to an answer through the link (docs/vendors.md).
export const dynamic = 'force-dynamic';

export async function POST(req: Request, ctx: { params: Promise<{ token: string }> }) {
  const { token } = await ctx.params;
  return attachDocumentResponse(req, token, metaFromHeaders(req.headers));
}
