import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Target } from './target';

export const TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 64 * 1024;

export type SendResult = { status: number; body: string; durationMs: number; truncated: boolean };
export type TargetResponse = SendResult & { headers: Record<string, string> };

/**
 * POSTs to the address ./target.ts checked: the socket connects to that IP
 * (a lookup that answers only it), while the Host header and TLS server name
 * stay the URL's host. Redirects are never followed (a 3xx is the answer),
 * the whole exchange is cut after 10 s and at most 64 KB of the response is read.
 */
export async function postToTarget(target: Target, headers: Record<string, string>, body: string, opts: { timeoutMs?: number } = {}): Promise<SendResult> {
  const { headers: _answered, ...result } = await requestTarget(target, 'POST', headers, body, opts);
  return result;
}

/** The same exchange for any method (an S3 PUT among them), with the response's headers. */
export function requestTarget(target: Target, method: string, headers: Record<string, string>, body: string | Uint8Array, opts: { timeoutMs?: number } = {}): Promise<TargetResponse> {
  const started = performance.now();
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const secure = target.url.protocol === 'https:';
  return new Promise<TargetResponse>((resolve, reject) => {
    const request = (secure ? https : http).request(
      {
        method,
        host: target.hostname,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        agent: false,
        ...(secure && !isIP(target.hostname) ? { servername: target.hostname } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const finish = () => {
          clearTimeout(timer);
          const answered = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
          resolve({ status: response.statusCode ?? 0, headers: answered, body: Buffer.concat(chunks).toString('utf8'), durationMs: Math.round(performance.now() - started), truncated });
        };
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = MAX_RESPONSE_BYTES - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          if (chunk.length > room) {
            truncated = true;
            response.destroy();
            finish();
          }
        });
        response.on('end', () => !truncated && finish());
        response.on('error', (error) => !truncated && fail(error));
      },
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(() => request.destroy(new Error(`no complete answer within ${(opts.timeoutMs ?? TIMEOUT_MS) / 1000} s`)), opts.timeoutMs ?? TIMEOUT_MS);
    request.on('error', fail);
    request.end(body);
  });
}
