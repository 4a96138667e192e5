import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GUARD_HEADER, guardedClientAddress, installForwardedGuard, resolveClientAddress } from './forwarded';

describe('client address from the socket and trusted hops', () => {
  it.each([
    // peer, X-Forwarded-For, hops, expected
    ['127.0.0.1', '203.0.113.9', 0, '127.0.0.1'],
    ['::ffff:127.0.0.1', '1.2.3.4, 5.6.7.8', 0, '127.0.0.1'],
    ['10.0.0.2', '203.0.113.9', 1, '203.0.113.9'],
    // The client prepends a forged entry: one hop still takes the proxy's entry.
    ['10.0.0.2', '6.6.6.6, 203.0.113.9', 1, '203.0.113.9'],
    ['10.0.0.3', '6.6.6.6, 203.0.113.9, 10.0.0.2', 2, '203.0.113.9'],
    // A chain shorter than the hops gives its leftmost address.
    ['10.0.0.2', '203.0.113.9', 3, '203.0.113.9'],
    ['10.0.0.2', null, 1, '10.0.0.2'],
    // Garbage stops the walk at the last trusted address.
    ['10.0.0.2', 'not-an-ip', 1, '10.0.0.2'],
    ['10.0.0.2', '[2001:db8::7]:443', 1, '2001:db8::7'],
    ['10.0.0.2', '198.51.100.4:51000', 1, '198.51.100.4'],
    [undefined, '203.0.113.9', 1, null],
  ] as const)('peer %s, XFF %s, %d hops -> %s', (peer, xff, hops, expected) => {
    expect(resolveClientAddress(peer, xff, hops)).toBe(expected);
  });

  it('a running server sees the peer address whatever the client sends', async () => {
    installForwardedGuard(0);
    const seen: Headers[] = [];
    const server = http.createServer((req, res) => {
      seen.push(new Headers(req.headers as Record<string, string>));
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await fetch(`http://127.0.0.1:${port}/`, {
        headers: { 'x-forwarded-for': '203.0.113.77', 'x-real-ip': '203.0.113.78', forwarded: 'for=203.0.113.79', [GUARD_HEADER]: 'forged' },
      });
    } finally {
      server.close();
    }
    const h = seen[0];
    expect(h.get('x-forwarded-for')).toBe('127.0.0.1');
    expect(h.get('x-real-ip')).toBeNull();
    expect(h.get('forwarded')).toBeNull();
    expect(guardedClientAddress(h)).toBe('127.0.0.1');
  });

  it('headers the guard did not write give no address', () => {
    expect(guardedClientAddress(new Headers({ 'x-forwarded-for': '203.0.113.9', [GUARD_HEADER]: 'forged' }))).toBeNull();
  });
});
