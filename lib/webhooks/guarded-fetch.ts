import { isIP } from 'node:net';
import { classifyAddress } from './address';
import { hostOf, parseEndpointUrl, resolveTarget, TargetRefused, type Resolver } from './target';
import { requestTarget } from './transport';

// The webhook sender's guard for any other outbound client that takes a
// fetch (the S3 store pushing signed checkpoints): every request's URL is
// resolved and checked by resolveTarget against the organisation's allowed
// hosts, then sent pinned to the checked address, never following redirects.
// Answers are read as text, at most 64 KB (the transport's limit): it is for
// writes and their XML answers, not for downloading objects.

export type GuardOptions = { allowedHosts: ReadonlySet<string>; resolver?: Resolver; timeoutMs?: number };

export function guardedFetch(opts: GuardOptions): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
    const target = await resolveTarget(url, opts);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = init.body === undefined || init.body === null ? '' : typeof init.body === 'string' ? init.body : new Uint8Array(init.body as ArrayBuffer);
    const answer = await requestTarget(target, init.method ?? 'GET', headers, body, { timeoutMs: opts.timeoutMs });
    return new Response(answer.status === 204 || answer.status === 304 ? null : answer.body, { status: answer.status, headers: answer.headers });
  }) as typeof fetch;
}

/**
 * What can be said of a URL before anything is sent (a settings form): http
 * or https without credentials, and a literal IP address must not be an
 * internal one unless allowed. Host names are checked at each send.
 */
export function checkOutboundUrl(raw: string, allowedHosts: ReadonlySet<string>): URL {
  const url = parseEndpointUrl(raw);
  const host = hostOf(url);
  if (isIP(host) && !allowedHosts.has(host)) {
    const verdict = classifyAddress(host);
    if (!verdict.allowed) throw new TargetRefused(`Refused: ${verdict.reason}. An administrator can allow the host explicitly (Admin → Webhooks, allowed internal hosts).`);
  }
  return url;
}
