import { NextResponse, type NextRequest } from 'next/server';
import { samlLoginUrl } from '@/lib/auth/saml/sign-in';
import { publicBaseUrl } from '@/lib/env';

// SP-initiated sign-in: off to the organisation's IdP with an AuthnRequest.
export async function GET(req: NextRequest, ctx: { params: Promise<{ org: string }> }) {
  const { org } = await ctx.params;
  const url = await samlLoginUrl(org, req.nextUrl.searchParams.get('callbackUrl'));
  return NextResponse.redirect(url ?? new URL('/sign-in?error=SamlNotConfigured', publicBaseUrl()), 303);
}
