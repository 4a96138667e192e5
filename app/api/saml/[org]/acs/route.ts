import { NextResponse, type NextRequest } from 'next/server';
import { metaFromHeaders } from '@/lib/auth/request';
import { consumeSamlResponse, SamlRefused } from '@/lib/auth/saml/sign-in';
import { publicBaseUrl } from '@/lib/env';

const MAX_FORM_BYTES = 600_000;

// The IdP's browser POST (HTTP-POST binding). It comes from another site by
// design; the signed assertion, not the origin, is what is checked.
export async function POST(req: NextRequest, ctx: { params: Promise<{ org: string }> }) {
  const { org } = await ctx.params;
  const meta = { ...metaFromHeaders(req.headers), userAgent: req.headers.get('user-agent') };
  const to = (path: string) => NextResponse.redirect(new URL(path, publicBaseUrl()), 303);
  if (Number(req.headers.get('content-length') ?? '0') > MAX_FORM_BYTES) return to('/sign-in?error=SamlInvalid');
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return to('/sign-in?error=SamlInvalid');
  }
  try {
    const result = await consumeSamlResponse(org, { SAMLResponse: form.get('SAMLResponse'), RelayState: form.get('RelayState') }, meta);
    const res = to(result.redirectPath);
    res.cookies.set(result.cookie.name, result.cookie.value, result.cookie.options);
    res.headers.set('cache-control', 'no-store');
    return res;
  } catch (error) {
    if (error instanceof SamlRefused) return to(`/sign-in?error=${error.code}`);
    throw error;
  }
}
