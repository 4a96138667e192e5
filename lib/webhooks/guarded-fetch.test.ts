import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, guardedFetch } from './guarded-fetch';
import { TargetRefused, type Resolver } from './target';

// The webhook sender's guard, lent to other outbound clients (the S3 push):
// a name resolving to an internal address is refused before any socket opens,
// unless the host is allowed; the request goes to the checked address.

const resolver = (map: Record<string, string>): Resolver => async (host) => {
  if (!map[host]) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return [{ address: map[host], family: 4 }];
};

describe('guardedFetch', () => {
  it('refuses a host that resolves to a private or metadata address unless it is allowed', async () => {
    const f = guardedFetch({ allowedHosts: new Set(), resolver: resolver({ 'bucket.example': '10.0.0.7', 'meta.example': '169.254.169.254' }) });
    await expect(f('http://bucket.example/b/k', { method: 'PUT', body: 'x' })).rejects.toThrow(/bucket.example resolves to 10.0.0.7; 10.0.0.7 is a private address/);
    await expect(f('http://meta.example/latest', {})).rejects.toBeInstanceOf(TargetRefused);
    await expect(f('http://127.0.0.1:9/b/k', { method: 'PUT', body: 'x' })).rejects.toThrow(/loopback/);
  });

  it('sends an allowed host to the checked address, with its method, body and the answer\'s headers', async () => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { etag: '"abc"', 'x-seen': `${req.method} ${req.headers.host} ${Buffer.concat(chunks).toString()}` });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const f = guardedFetch({ allowedHosts: new Set(['minio.internal']), resolver: resolver({ 'minio.internal': '127.0.0.1' }) });
      const res = await f(`http://minio.internal:${port}/bucket/key.json`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: new Uint8Array(Buffer.from('{"a":1}')) });
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe('"abc"');
      expect(res.headers.get('x-seen')).toBe(`PUT minio.internal:${port} {"a":1}`);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('checkOutboundUrl', () => {
  it('refuses literal internal addresses and credentials at once, and leaves names to the send', () => {
    expect(() => checkOutboundUrl('http://192.168.1.4:9000', new Set())).toThrow(/private/);
    expect(() => checkOutboundUrl('http://[fd00::1]', new Set())).toThrow(/unique-local/);
    expect(() => checkOutboundUrl('https://key:secret@s3.example.com', new Set())).toThrow(/user name or password/);
    expect(checkOutboundUrl('http://127.0.0.1:9000', new Set(['127.0.0.1'])).port).toBe('9000');
    expect(checkOutboundUrl('https://s3.eu-west-1.amazonaws.com', new Set()).hostname).toBe('s3.eu-west-1.amazonaws.com');
  });
});
