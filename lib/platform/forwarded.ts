import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';

// Next.js keeps a client-sent X-Forwarded-For as it is (it only fills the
// header in when absent) and gives route handlers no peer address. So the
// server process rewrites the forwarded headers of every request before Next
// sees them: X-Forwarded-For becomes the one client address, taken from the
// socket's peer, or, behind TRUST_PROXY_HOPS proxies, that many hops counted
// from the right. A marker with a per-process nonce tells the app that the
// value was written here and not by the client.

export const GUARD_HEADER = 'x-portal-forwarded-guard';
const NONCE_KEY = Symbol.for('portal.forwardedGuardNonce');

type GuardGlobal = typeof globalThis & { [NONCE_KEY]?: string };

/** `::ffff:10.0.0.1` -> `10.0.0.1`; anything that is not an IP address -> null. */
export function normaliseAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  // "[2001:db8::1]:443" and "10.0.0.1:443" (some proxies append the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  if (v.toLowerCase().startsWith('::ffff:') && isIP(v.slice(7)) === 4) v = v.slice(7);
  return isIP(v) ? v.toLowerCase() : null;
}

/**
 * The client address for a request that reached us from `peer` with the
 * given X-Forwarded-For value, trusting `hops` proxies in front of us. With
 * 0 hops the header is ignored. With n hops the client is the n-th address
 * from the right of [...forwarded, peer]; a shorter chain gives its leftmost
 * entry, and an entry that is not an address stops the walk at the last
 * trusted one.
 */
export function resolveClientAddress(peer: string | null | undefined, forwardedFor: string | string[] | null | undefined, hops: number): string | null {
  const peerAddress = normaliseAddress(peer);
  if (hops <= 0 || !peerAddress) return peerAddress;
  const raw = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = raw.split(',').map((s) => s.trim()).filter(Boolean);
  let client = peerAddress;
  for (let i = 0; i < hops && chain.length > 0; i++) {
    const next = normaliseAddress(chain.pop());
    if (!next) break;
    client = next;
  }
  return client;
}

/** Rewrites one incoming request's forwarded headers (exported for tests). */
export function guardRequestHeaders(req: http.IncomingMessage, hops: number, nonce: string): void {
  const client = resolveClientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], hops);
  delete req.headers['x-real-ip'];
  delete req.headers['forwarded'];
  if (client) req.headers['x-forwarded-for'] = client;
  else delete req.headers['x-forwarded-for'];
  req.headers[GUARD_HEADER] = nonce;
}

/**
 * Installs the rewrite for every HTTP server of this process (idempotent).
 * Called from instrumentation.ts, before Next handles a request.
 */
export function installForwardedGuard(hops: number): void {
  const g = globalThis as GuardGlobal;
  if (g[NONCE_KEY]) return;
  const nonce = randomUUID();
  g[NONCE_KEY] = nonce;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function guardedEmit(this: http.Server, ...args: Parameters<typeof emit>) {
    if ((args[0] as string) === 'request') guardRequestHeaders(args[1] as http.IncomingMessage, hops, nonce);
    return emit.apply(this, args);
  } as typeof emit;
}

/** The client address the guard wrote for this request, or null when the guard did not see it. */
export function guardedClientAddress(h: Headers): string | null {
  const nonce = (globalThis as GuardGlobal)[NONCE_KEY];
  if (!nonce || h.get(GUARD_HEADER) !== nonce) return null;
  return normaliseAddress(h.get('x-forwarded-for'));
}
