import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createLocalRateLimiter } from '@/lib/auth/local-rate-limit';
import { withinRateLimit } from '@/lib/auth/throttle';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { isDatabaseUnavailable, logUnexpected } from '@/lib/errors';
import { guardedClientAddress } from '@/lib/platform/forwarded';
import { cachedRender, lastRender, storeRender, type RenderedTrustPage } from './render-cache';
import { renderRequestAnswer, renderTrustPage, TRUST_CSP } from './render';
import { downloadTrustDocument, submitTrustDocumentRequest } from './requests';
import { landLink } from '@/lib/links/landing';
import { LinkRefusedError } from '@/lib/links/links';
import { LINK_REFUSAL_STATUS } from '@/lib/links/purposes';
import { metaFromHeaders } from '@/lib/auth/request';
import type { TrustSnapshot } from './schema';
import { countTrustView } from './views';

/** Requests one address may make to the public pages per window (TRUST_RATE_LIMIT_PER_MINUTE). */
export const TRUST_RATE_LIMIT = { get limit() { return env().TRUST_RATE_LIMIT_PER_MINUTE; }, windowSeconds: 60 };
// Counted in this process's memory, per client address (the socket's, or the
// one TRUST_PROXY_HOPS trusted proxies name): a page view writes nothing to count it.
const g = globalThis as { trustPageLimiter?: ReturnType<typeof createLocalRateLimiter> };
const pageLimiter = (g.trustPageLimiter ??= createLocalRateLimiter(() => TRUST_RATE_LIMIT.limit, TRUST_RATE_LIMIT.windowSeconds));

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

/** If-None-Match holds this entity tag (or `*`); weak tags compare equal (RFC 9110, 13.1.2). */
function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

const plain = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;

/** The published page of one organisation, or null when there is none (unknown, or turned off: the same answer). */
async function load(slug: string): Promise<RenderedTrustPage | null> {
  const hit = cachedRender(slug);
  if (hit !== undefined) return hit;
  const org = await db.organization.findUnique({ where: { slug }, select: { id: true } });
  const tc = org ? await db.trustCentre.findUnique({ where: { orgId: org.id }, select: { enabled: true, publishedAt: true } }) : null;
  const publishedAt = tc?.enabled ? (tc.publishedAt?.toISOString() ?? null) : null;
  if (!org || !publishedAt) {
    storeRender(slug, null);
    return null;
  }
  // Still the same publication, rendered today: the rendering is kept, the snapshot not read again.
  const last = lastRender(slug);
  const today = new Date().toISOString().slice(0, 10);
  if (last && last.orgId === org.id && last.publishedAt === publishedAt && last.day === today) {
    storeRender(slug, last);
    return last;
  }
  const row = await db.trustCentre.findUnique({ where: { orgId: org.id }, select: { enabled: true, publishedAt: true, snapshot: true } });
  const snapshot = row?.snapshot as unknown as TrustSnapshot | null | undefined;
  if (!row?.enabled || !row.publishedAt || !snapshot) {
    storeRender(slug, null);
    return null;
  }
  const html = renderTrustPage(snapshot, today);
  const value = { orgId: org.id, html, etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`, publishedAt: row.publishedAt.toISOString(), day: today, snapshot };
  storeRender(slug, value);
  return value;
}

/** Document requests one address may send per window: a person asks for a few documents, not dozens. */
export const TRUST_REQUEST_LIMIT = { limit: 5, windowSeconds: 3600 };
const MAX_REQUEST_BYTES = 16 * 1024;

/**
 * POST /trust/<org>/request: a visitor asks for a document (plain form post,
 * no session). Limited per address; a refused form comes back with what was
 * typed and the fields named; nothing is written unless everything is right.
 */
export async function trustRequestResponse(req: Request, slug: string): Promise<Response> {
  try {
    if (!SLUG.test(slug)) return page(404, plain('Not found', 'There is no trust centre at this address.'), { 'cache-control': 'no-store' });
    const ip = guardedClientAddress(req.headers);
    if (!(await withinRateLimit(`trust-request:${ip ?? 'unknown'}`, TRUST_REQUEST_LIMIT.limit, TRUST_REQUEST_LIMIT.windowSeconds))) {
      return page(429, plain('Too many requests', 'You have sent several requests from this network recently. Try again in an hour.'), { 'retry-after': String(TRUST_REQUEST_LIMIT.windowSeconds), 'cache-control': 'no-store' });
    }
    const found = await load(slug);
    if (!found || !found.snapshot.documents?.length) return page(404, plain('Not found', 'There is no document to request at this address.'), { 'cache-control': 'no-store' });
    const type = req.headers.get('content-type') ?? '';
    const length = Number(req.headers.get('content-length') ?? '0');
    if (!/^application\/x-www-form-urlencoded|^multipart\/form-data/.test(type) || length > MAX_REQUEST_BYTES) {
      return page(415, plain('Not accepted', 'Send the request with the form on the trust centre page.'), { 'cache-control': 'no-store' });
    }
    const form = await req.formData();
    const raw: Record<string, unknown> = {};
    for (const [k, v] of form.entries()) if (typeof v === 'string') raw[k] = v;
    const outcome = await submitTrustDocumentRequest(found.orgId, found.snapshot, raw, { id: randomUUID(), ip });
    return page(outcome.ok ? 200 : 422, renderRequestAnswer(found.snapshot, outcome), { 'cache-control': 'no-store' });
  } catch (error) {
    logUnexpected(error, `POST /trust/${slug}/request`);
    const down = isDatabaseUnavailable(error);
    return page(down ? 503 : 500, plain(down ? 'Temporarily unavailable' : 'Something went wrong', 'Try again in a moment.'), { 'cache-control': 'no-store' });
  }
}

/**
 * GET /trust/<org>: no session, nothing but the published snapshot (rendered
 * once per publication and instance, render-cache.ts), limited per client
 * address, every view counted (in memory, written in batches: views.ts).
 * Browsers may keep it a minute and then revalidate with its ETag (a `304`,
 * also counted); shared caches must ask again, so each view reaches us.
 * `keepFlush` receives the pending write of the view (the route passes
 * Next's `after`, so a shutdown waits for it).
 */
export async function trustPageResponse(req: Request, slug: string, keepFlush?: (flush: Promise<void>) => void): Promise<Response> {
  try {
    if (!SLUG.test(slug)) return page(404, plain('Not found', 'There is no trust centre at this address.'), { 'cache-control': 'no-store' });
    const ip = guardedClientAddress(req.headers);
    if (!pageLimiter.take(`trust:${ip ?? 'unknown'}`)) {
      return page(429, plain('Too many requests', 'Wait a minute and try again.'), { 'retry-after': String(TRUST_RATE_LIMIT.windowSeconds), 'cache-control': 'no-store' });
    }
    const found = await load(slug);
    if (!found) return page(404, plain('Not found', 'There is no trust centre at this address.'), { 'cache-control': 'no-store' });
    const flush = countTrustView({ orgId: found.orgId, kind: 'page', ip });
    keepFlush?.(flush);
    const cacheHeaders = { 'cache-control': 'private, max-age=60', etag: found.etag, 'last-modified': new Date(found.snapshot.publishedAt).toUTCString(), vary: 'accept-encoding' };
    if (matchesEtag(req.headers.get('if-none-match'), found.etag)) return new Response(null, { status: 304, headers: cacheHeaders });
    return page(200, found.html, cacheHeaders);
  } catch (error) {
    logUnexpected(error, `GET /trust/${slug}`);
    const down = isDatabaseUnavailable(error);
    return page(down ? 503 : 500, plain(down ? 'Temporarily unavailable' : 'Something went wrong', 'Try again in a moment.'), { 'cache-control': 'no-store', ...(down ? { 'retry-after': '5' } : {}) });
  }
}

/**
 * POST /l/trust/<token>/download: the one download of an approved request.
 * Throttled per address and token (lib/links/landing.ts); a used, expired or
 * revoked link answers 410 (404 for an unknown one) and writes nothing.
 */
export async function downloadTrustDocumentResponse(req: Request, token: string): Promise<Response> {
  const refused = (status: number, message: string) => page(status, plain('This link cannot be used', message), { 'cache-control': 'no-store' });
  try {
    const meta = metaFromHeaders(req.headers);
    const landed = await landLink(token, 'trust_document', meta);
    if (!landed.ok) return refused(LINK_REFUSAL_STATUS[landed.reason], landed.message);
    const file = await downloadTrustDocument(token, meta);
    return new Response(new Uint8Array(file.bytes), {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.fileName.replace(/["\\]/g, '_')}"`,
        'content-length': String(file.bytes.length),
        'x-content-sha256': file.sha256,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      },
    });
  } catch (error) {
    if (error instanceof LinkRefusedError) return refused(LINK_REFUSAL_STATUS[error.reason], error.message);
    logUnexpected(error, 'POST /l/trust/…/download');
    return refused(isDatabaseUnavailable(error) ? 503 : 500, 'Try again in a moment.');
  }
}
