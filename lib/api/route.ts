import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { metaFromHeaders } from '@/lib/auth/request';
import { actorForSession, readSessionToken } from '@/lib/auth/session';
import { actorForToken } from '@/lib/auth/token';
import { AppError, logUnexpected, RETRY_AFTER_SECONDS, toPublicError } from '@/lib/errors';
import { MAX_JSON_BYTES } from './limits';
import { parseOrThrow } from './zod-errors';
import type { ApiSpec } from './spec';

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export type ApiContext<S extends ApiSpec> = {
  actor: Actor;
  meta: RequestMeta;
  req: NextRequest;
  params: Infer<S['params']>;
  query: Infer<S['query']>;
  body: Infer<S['body']>;
};

// The one zod → field errors conversion lives in ./zod-errors (no server imports, so any module may parse with it).
export { parseOrThrow, zodFieldErrors } from './zod-errors';

/** Query strings arrive flat; repeated keys become arrays. */
export function searchParamsToObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

// `next start` builds nextUrl from its own bind address (localhost), not the
// host the browser used, so the Host header is compared as well.
function sameOrigin(origin: string, req: NextRequest): boolean {
  if (origin === req.nextUrl.origin) return true;
  try {
    return new URL(origin).host === req.headers.get('host');
  } catch {
    return false;
  }
}

async function resolveActor(req: NextRequest, meta: RequestMeta): Promise<Actor> {
  const auth = req.headers.get('authorization');
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!match) throw new AppError('UNAUTHENTICATED', 'Malformed Authorization header: use "Bearer <token>".');
    const actor = await actorForToken(match[1], meta);
    if (!actor) throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked.');
    return actor;
  }
  const token = await readSessionToken((n) => req.cookies.get(n)?.value);
  const actor = token ? await actorForSession(token.sid, token.uid, meta) : null;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in or send an API token (Authorization: Bearer <token>).');
  // Cookie-authenticated writes must come from our own pages.
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const origin = req.headers.get('origin');
    if (origin && !sameOrigin(origin, req)) throw new AppError('FORBIDDEN', 'Cross-origin request refused.');
  }
  return actor;
}

export function errorResponse(error: unknown, meta: RequestMeta, context: string): NextResponse {
  logUnexpected(error, context);
  const pub = toPublicError(error);
  return NextResponse.json(
    { error: { code: pub.code, message: pub.message, fieldErrors: pub.fieldErrors, details: pub.details, requestId: meta.id } },
    { status: pub.status, headers: { 'x-request-id': meta.id, ...(pub.status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}) } },
  );
}

async function readJson(req: NextRequest, max: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new AppError('BAD_REQUEST', 'Send the body as JSON (Content-Type: application/json).');
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `The JSON body is larger than ${max / 1024 / 1024} MB.`);
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > max) throw tooLarge();
  const text = await req.text();
  if (Buffer.byteLength(text) > max) throw tooLarge();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new AppError('BAD_REQUEST', 'The body is not valid JSON.');
  }
}

// Response.redirect() and fetched responses have immutable headers: copy those.
function withRequestId(res: Response, id: string): Response {
  try {
    res.headers.set('x-request-id', id);
    return res;
  } catch {
    const copy = new Response(res.body, { status: res.status, statusText: res.statusText, headers: new Headers(res.headers) });
    copy.headers.set('x-request-id', id);
    return copy;
  }
}

async function readBody(req: NextRequest, spec: ApiSpec, schema: z.ZodType): Promise<unknown> {
  const raw = await readJson(req, spec.maxBodyBytes ?? MAX_JSON_BYTES);
  const body = parseOrThrow(schema, raw, 'request body');
  // An empty PATCH would write only an audit event and a new updatedAt.
  if (spec.method === 'PATCH' && raw && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0) {
    throw new AppError('VALIDATION', 'Invalid request body: send at least one field to change.', { fieldErrors: { _: ['Send at least one field to change'] } });
  }
  return body;
}

// Tests fail on an answer its schema does not describe; production logs it
// and still answers, so a documentation slip never takes a read down.
const STRICT_RESPONSES = process.env.VITEST === 'true' || process.env.NODE_ENV === 'test';

/** The first path in `raw` that `parsed` dropped (a field the schema does not document). */
function undocumentedPath(raw: unknown, parsed: unknown, path = ''): string | null {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    for (let i = 0; i < raw.length; i++) {
      const found = undocumentedPath(raw[i], parsed[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (raw && typeof raw === 'object' && parsed && typeof parsed === 'object') {
    for (const key of Object.keys(raw)) {
      if (!(key in parsed)) return `${path}.${key}`;
      const found = undocumentedPath((raw as Record<string, unknown>)[key], (parsed as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** The handler's result as JSON, passed through the operation's response schema. */
function documented(spec: ApiSpec, result: unknown): unknown {
  const wire: unknown = result === undefined ? null : JSON.parse(JSON.stringify(result));
  if (!spec.response) return wire;
  const parsed = spec.response.safeParse(wire);
  const problem = !parsed.success
    ? z.prettifyError(parsed.error)
    : STRICT_RESPONSES
      ? (() => {
          const extra = undocumentedPath(wire, parsed.data);
          return extra ? `undocumented field ${extra}` : null;
        })()
      : null;
  if (!problem) return parsed.success ? parsed.data : wire;
  const message = `${spec.method} ${spec.path}: the answer does not match its documented schema: ${problem}`;
  if (STRICT_RESPONSES) throw new Error(message);
  console.error(`[api] ${message}`);
  return wire;
}

type RouteCtx = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps an /api/v1 handler: resolves the caller (API token or session),
 * validates params, query and body against the spec's schemas, and maps
 * every error to a JSON response with the right status.
 */
function mayHoldAny(actor: Actor, permission: ApiSpec['permission']): boolean {
  if (!permission || actor.kind === 'system') return true;
  const needed: readonly string[] = Array.isArray(permission) ? permission : [permission];
  return needed.some((p) => (actor.grants.any as readonly string[]).includes(p) || (actor.grants.own as readonly string[]).includes(p));
}

export function apiRoute<S extends ApiSpec>(
  spec: S,
  handler: (ctx: ApiContext<S>) => Promise<unknown>,
): (req: NextRequest, ctx: RouteCtx) => Promise<Response> {
  return async (req, ctx) => {
    const meta = metaFromHeaders(req.headers);
    try {
      const actor = await resolveActor(req, meta);
      let params, query, body;
      try {
        params = spec.params ? parseOrThrow(spec.params, await ctx.params, 'path parameters') : undefined;
        query = spec.query ? parseOrThrow(spec.query, searchParamsToObject(req.nextUrl.searchParams), 'query') : undefined;
        body = spec.body && spec.bodyType !== 'multipart' ? await readBody(req, spec, spec.body) : undefined;
      } catch (error) {
        // A caller who holds none of the operation's permissions learns it is
        // refused, not what the input should look like.
        if (error instanceof AppError && error.code === 'VALIDATION' && !mayHoldAny(actor, spec.permission)) {
          throw new AppError('FORBIDDEN', 'Your role does not allow this.');
        }
        throw error;
      }
      const result = await handler({ actor, meta, req, params, query, body } as ApiContext<S>);
      if (result instanceof Response) return withRequestId(result, meta.id);
      return NextResponse.json(documented(spec, result), {
        status: spec.successStatus ?? 200,
        headers: { 'x-request-id': meta.id, 'cache-control': 'no-store' },
      });
    } catch (error) {
      return errorResponse(error, meta, `${spec.method} ${spec.path}`);
    }
  };
}
