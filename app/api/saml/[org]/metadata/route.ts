import type { NextRequest } from 'next/server';
import { spMetadata } from '@/lib/auth/saml/connection';

// The portal's service-provider metadata, for the IdP's administrator.
export async function GET(_req: NextRequest, ctx: { params: Promise<{ org: string }> }) {
  const xml = await spMetadata((await ctx.params).org);
  if (!xml) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  return new Response(xml, { headers: { 'content-type': 'application/samlmetadata+xml; charset=utf-8', 'cache-control': 'no-store' } });
}
