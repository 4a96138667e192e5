import 'server-only';
import type { NextRequest } from 'next/server';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { metaFromHeaders } from '@/lib/auth/request';
import { AppError, ERROR_STATUS, logUnexpected, toPublicError } from '@/lib/errors';
import { parsePaging } from './filter';
import { MAX_RESULTS, SCIM_CONTENT_TYPE, ScimError, scimErrorBody, type ScimType } from './protocol';
import { actorForScimToken } from './tokens';

const MAX_BODY_BYTES = 1024 * 1024;

export type ScimReply = { status: number; body?: unknown; version?: string; location?: string };
export type ScimContext = {
  actor: Actor;
  meta: RequestMeta;
  req: NextRequest;
  params: Record<string, string>;
  /** The JSON body (application/scim+json or application/json). */
  body: () => Promise<unknown>;
  paging: () => { startIndex: number; count: number };
  ifMatch: string | null;
};
type RouteCtx = { params: Promise<Record<string, string>> };

function reply(r: ScimReply, meta: RequestMeta): Response {
  const headers: Record<string, string> = { 'x-request-id': meta.id, 'cache-control': 'no-store' };
  if (r.version) headers.etag = r.version;
  if (r.location) headers.location = r.location;
  if (r.body === undefined) return new Response(null, { status: r.status, headers });
  headers['content-type'] = SCIM_CONTENT_TYPE;
  return new Response(JSON.stringify(r.body), { status: r.status, headers });
}

function scimError(status: number, detail: string, meta: RequestMeta, scimType?: ScimType, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(scimErrorBody(status, detail, scimType)), {
    status,
    headers: { 'content-type': SCIM_CONTENT_TYPE, 'x-request-id': meta.id, 'cache-control': 'no-store', ...extra },
  });
}

/** Refusals of the portal's own rules (the last administrator, a missing permission) keep their status. */
function errorReply(error: unknown, meta: RequestMeta, context: string): Response {
  if (error instanceof ScimError) return scimError(error.status, error.message, meta, error.scimType);
  if (error instanceof AppError) {
    const status = ERROR_STATUS[error.code] === 422 ? 400 : ERROR_STATUS[error.code];
    return scimError(status, error.message, meta, status === 400 ? 'invalidValue' : undefined);
  }
  logUnexpected(error, context);
  const pub = toPublicError(error);
  return scimError(pub.status, pub.message, meta, undefined, pub.status === 503 ? { 'retry-after': '5' } : {});
}

async function readBody(req: NextRequest): Promise<unknown> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (!type.includes('application/scim+json') && !type.includes('application/json')) {
    throw new ScimError(400, 'Send the body as application/scim+json.', 'invalidSyntax');
  }
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ScimError(413, 'The body is larger than 1 MB.');
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax');
  }
}

/**
 * Wraps a /scim/v2 handler: the SCIM bearer token (never a session or an API
 * token) names the organisation, and every answer, refusals included, is
 * application/scim+json with RFC 7644's error body.
 */
export function scimRoute(handler: (ctx: ScimContext) => Promise<ScimReply>, opts: { anonymous?: boolean } = {}) {
  return async (req: NextRequest, ctx: RouteCtx): Promise<Response> => {
    const meta = metaFromHeaders(req.headers);
    try {
      let actor: Actor | null = null;
      if (!opts.anonymous) {
        const m = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '');
        actor = m ? await actorForScimToken(m[1], meta) : null;
        if (!actor) return scimError(401, 'Send a valid SCIM token: Authorization: Bearer scim_…', meta, undefined, { 'www-authenticate': 'Bearer realm="scim"' });
      }
      const params = ctx?.params ? await ctx.params : {};
      return reply(
        await handler({
          actor: actor!,
          meta,
          req,
          params,
          body: () => readBody(req),
          paging: () => parsePaging(req.nextUrl.searchParams, MAX_RESULTS),
          ifMatch: req.headers.get('if-match'),
        }),
        meta,
      );
    } catch (error) {
      return errorReply(error, meta, `${req.method} ${req.nextUrl.pathname}`);
    }
  };
}
