import 'server-only';
import { headers } from 'next/headers';
import { randomUUID } from 'node:crypto';
import { env } from '@/lib/env';
import type { RequestMeta } from './actor';

/**
 * The client's address. Next.js appends the peer address to
 * X-Forwarded-For, so without a trusted proxy in front the last entry is the
 * only one that cannot be forged; behind one (TRUST_PROXY) the first is the
 * client as the proxy saw it.
 */
export function clientIp(h: Headers): string | null {
  const xff = h.get('x-forwarded-for');
  if (xff) {
    const parts = xff.split(',').map((s) => s.trim()).filter(Boolean);
    const pick = env().TRUST_PROXY ? parts[0] : parts[parts.length - 1];
    if (pick) return pick.slice(0, 64);
  }
  return h.get('x-real-ip')?.slice(0, 64) ?? null;
}

export function metaFromHeaders(h: Headers): RequestMeta {
  const given = h.get('x-request-id');
  const id = given && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
  return { id, ip: clientIp(h) };
}

export async function requestMeta(): Promise<RequestMeta> {
  return metaFromHeaders(await headers());
}
