import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// The /api/v1 route handlers, called in-process against a real PostgreSQL
// holding the full demo seed, as real signed-in users (a session row and the
// same JWT cookie the browser carries) and a real API token.

export const ORIGIN = 'http://portal.test';
const API_ROOT = path.resolve(import.meta.dirname, '../../../../app/api/v1');

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Caller = { label: string; role: Role | 'TOKEN' | 'ANONYMOUS'; headers: Record<string, string> };
export type CallResult = { status: number; contentType: string; body: unknown; text: string };

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === 'route.ts' ? [full] : [];
  });
}

function apiPathOf(file: string): string {
  const rel = path.relative(API_ROOT, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, '{$1}'));
  return `/api/v1/${rel.join('/')}`.replace(/\/$/, '');
}

export async function startApiHarness(prefix: string) {
  process.env.EVIDENCE_DIR = await mkdtemp(path.join(tmpdir(), `${prefix}-evidence-`));
  process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  process.env.NEXTAUTH_URL = ORIGIN;
  const tdb = await setupTestDatabase(prefix);
  const { seedDemo } = await import('@/prisma/seed/index');
  const { TEST_DEMO_DECISIONS } = await import('@/prisma/seed/decisions');
  await seedDemo(() => undefined, { decisions: TEST_DEMO_DECISIONS });

  const { db } = await import('@/lib/db');
  const { encode } = await import('next-auth/jwt');
  const { authSecret } = await import('@/lib/env');
  const { startSession, userActor } = await import('@/lib/auth/session');
  const { signInWithPassword } = await import('@/lib/auth/sign-in');
  const { createToken } = await import('@/lib/tokens/mutations');
  const { TOKEN_SCOPES } = await import('@/lib/auth/permissions');
  const { DEMO_PASSWORD, DEMO_USERS } = await import('@/prisma/seed/demo-accounts');
  const { API_SPECS } = await import('@/lib/openapi/registry');
  const { buildOpenApiDocument } = await import('@/lib/openapi/openapi');

  const callers: Caller[] = [];
  const meta = { id: 'harness', ip: '127.0.0.1' };
  for (const demo of DEMO_USERS) {
    const user = await signInWithPassword(demo.email, DEMO_PASSWORD, meta);
    const sid = await startSession(user.id, meta);
    const jwt = await encode({ token: { sid, uid: user.id, name: user.name, email: user.email }, secret: authSecret() });
    callers.push({ label: demo.role, role: demo.role, headers: { cookie: `next-auth.session-token=${jwt}` } });
  }
  const admin = await db.user.findFirstOrThrow({ where: { role: 'ADMIN' }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  // Every scope a token may hold (session-only permissions such as webhooks:manage are refused to tokens).
  const token = await createToken(userActor(admin, meta), { name: 'Contract tests', scopes: [...TOKEN_SCOPES], expiresInDays: 30 });
  callers.push({ label: 'token (all admin scopes)', role: 'TOKEN', headers: { authorization: `Bearer ${token.secret}` } });

  const handlers = new Map<string, Handler>();
  for (const file of routeFiles(API_ROOT)) {
    const mod = (await import(file)) as Record<string, Handler>;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) if (mod[method]) handlers.set(`${method} ${apiPathOf(file)}`, mod[method]);
  }

  async function call(
    caller: Caller,
    method: string,
    template: string,
    opts: { params?: Record<string, string>; query?: string; body?: string | FormData; contentType?: string } = {},
  ): Promise<CallResult> {
    const handler = handlers.get(`${method} ${template}`);
    if (!handler) throw new Error(`no handler for ${method} ${template}`);
    const params = opts.params ?? {};
    const url = `${ORIGIN}${template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k] ?? ''))}${opts.query ? `?${opts.query}` : ''}`;
    const headers = new Headers({ ...caller.headers, host: new URL(ORIGIN).host, origin: ORIGIN });
    if (typeof opts.body === 'string') headers.set('content-type', opts.contentType ?? 'application/json');
    const req = new NextRequest(url, { method, headers, body: opts.body });
    const res = await handler(req, { params: Promise.resolve(params) });
    const contentType = res.headers.get('content-type') ?? '';
    const text = res.status >= 300 && res.status < 400 ? '' : contentType.includes('json') || contentType.startsWith('text/') ? await res.text() : `<${(await res.arrayBuffer()).byteLength} bytes>`;
    let body: unknown = text;
    if (contentType.includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: res.status, contentType, body, text };
  }

  return { db, tdb, callers, call, handlers, specs: API_SPECS, document: buildOpenApiDocument(ORIGIN) };
}

export type ApiHarness = Awaited<ReturnType<typeof startApiHarness>>;
