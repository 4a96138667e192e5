import { NextResponse, type NextRequest } from 'next/server';
import { acceptRequestId } from '@/lib/auth/request-id';

// Proxy sets per-request headers (CSP nonce, request id) and sends signed-out
// visitors to the sign-in page. It is never the authorization check: every
// page, action and route calls the gate in lib/auth itself.

// /l/<purpose>/<token>: the landings of lib/links (no session; the link is the credential).
const PUBLIC_PAGES = [/^\/sign-in(\/|$)/, /^\/invite\//, /^\/l\//];
const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Charts and Next's own styles use inline style attributes; scripts never run inline.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const RETRY_AFTER_SECONDS = 5;

/** What a page request gets while the database is away: a 503 that retries by itself, no script needed. */
export function databaseUnavailablePage(requestId: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Database unavailable</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a"><main role="alert"><h1>The database is unavailable; retrying</h1>` +
    `<p>The portal cannot reach its database at the moment. This page tries again every ${RETRY_AFTER_SECONDS} seconds; nothing you saved before has been lost.</p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'retry-after': String(RETRY_AFTER_SECONDS),
      'cache-control': 'no-store',
      'x-request-id': requestId,
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestId = acceptRequestId(request.headers.get('x-request-id'));
  // /scim/v2 is an API too: the identity provider's bearer token, never a sign-in redirect.
  const isApi = pathname.startsWith('/api/') || pathname.startsWith('/scim/');

  // API routes answer 503 themselves; pages learn it here, before rendering,
  // because an error boundary cannot set the status (instrumentation.ts puts
  // the shared, once-a-second probe on globalThis).
  const reachable = (globalThis as { __portalDatabaseReachable?: () => Promise<boolean> }).__portalDatabaseReachable;
  if (!isApi && reachable && !(await reachable())) return databaseUnavailablePage(requestId);

  if (!isApi && !PUBLIC_PAGES.some((re) => re.test(pathname))) {
    const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
    if (!hasSession) {
      const url = request.nextUrl.clone();
      url.pathname = '/sign-in';
      url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
      return NextResponse.redirect(url);
    }
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('x-request-id', requestId);
  headers.set('x-pathname', pathname + search);
  headers.set('Content-Security-Policy', csp);

  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('x-request-id', requestId);
  return response;
}

// Next.js buffers the whole request body in memory for every request the
// proxy sees (experimental.proxyClientMaxBodySize), and the route only starts
// once it has all arrived. The evidence upload route (exactly /api/v1/evidence)
// is left out so its body streams to storage; it sets its own request id and
// needs no redirect or page CSP. The public trust centre (/trust/<org>) is
// left out too: it needs no session and sends its own, stricter CSP; so is the
// public data-subject request form (/privacy-request/<org>).
export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|api/v1/evidence$|trust/|privacy-request/).*)'],
};
