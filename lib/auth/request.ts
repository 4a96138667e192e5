import 'server-only';
import { headers } from 'next/headers';
import { guardedClientAddress } from '@/lib/platform/forwarded';
import type { RequestMeta } from './actor';
import { acceptRequestId } from './request-id';

/**
 * The client's address, as lib/platform/forwarded.ts wrote it from the
 * socket's peer (and TRUST_PROXY_HOPS). A header the client sent is never
 * read: without the guard's mark the address is unknown (null).
 */
export function clientIp(h: Headers): string | null {
  return guardedClientAddress(h);
}

export function metaFromHeaders(h: Headers): RequestMeta {
  return { id: acceptRequestId(h.get('x-request-id')), ip: clientIp(h) };
}

export async function requestMeta(): Promise<RequestMeta> {
  return metaFromHeaders(await headers());
}
