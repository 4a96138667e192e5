import 'server-only';
import { withinRateLimit } from '@/lib/auth/throttle';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { isDatabaseUnavailable, logUnexpected } from '@/lib/errors';
import { guardedClientAddress } from '@/lib/platform/forwarded';
import { cachedRender, storeRender } from './render-cache';
import { renderTrustPage, TRUST_CSP } from './render';
import type { TrustSnapshot } from './schema';

/** Requests one address may make to the public pages per window (TRUST_RATE_LIMIT_PER_MINUTE). */
export const TRUST_RATE_LIMIT = { get limit() { return env().TRUST_RATE_LIMIT_PER_MINUTE; }, windowSeconds: 60 };

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

function page(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': TRUST_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...extra,
    },
  });
}

const plain = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

/** The published page of one organisation, or null when there is none (unknown, or turned off: the same answer). */
async function load(slug: string) {
  const hit = cachedRender(slug);
  if (hit !== undefined) return hit;
  const org = await db.organization.findUnique({ where: { slug }, select: { id: true } });
  const tc = org ? await db.trustCentre.findUnique({ where: { orgId: org.id }, select: { enabled: true, snapshot: true } }) : null;
  const value = org && tc?.enabled && tc.snapshot ? { orgId: org.id, html: renderTrustPage(tc.snapshot as unknown as TrustSnapshot) } : null;
  storeRender(slug, value);
  return value;
}

/**
 * GET /trust/<org>: no session, nothing but the published snapshot, limited
 * per client address, every view counted. Browsers may keep it a minute;
 * shared caches must ask again, so each view reaches us and is counted.
 */
export async function trustPageResponse(req: Request, slug: string): Promise<Response> {
  try {
    if (!SLUG.test(slug)) return page(404, plain('Not found', 'There is no trust centre at this address.'), { 'cache-control': 'no-store' });
    const ip = guardedClientAddress(req.headers);
    if (!(await withinRateLimit(`trust:${ip ?? 'unknown'}`, TRUST_RATE_LIMIT.limit, TRUST_RATE_LIMIT.windowSeconds))) {
      return page(429, plain('Too many requests', 'Wait a minute and try again.'), { 'retry-after': String(TRUST_RATE_LIMIT.windowSeconds), 'cache-control': 'no-store' });
    }
    const found = await load(slug);
    if (!found) return page(404, plain('Not found', 'There is no trust centre at this address.'), { 'cache-control': 'no-store' });
    await db.trustView.create({ data: { orgId: found.orgId, kind: 'page', ip } });
    return page(200, found.html, { 'cache-control': 'private, max-age=60', vary: 'accept-encoding' });
  } catch (error) {
    logUnexpected(error, `GET /trust/${slug}`);
    const down = isDatabaseUnavailable(error);
    return page(down ? 503 : 500, plain(down ? 'Temporarily unavailable' : 'Something went wrong', 'Try again in a moment.'), { 'cache-control': 'no-store', ...(down ? { 'retry-after': '5' } : {}) });
  }
}
