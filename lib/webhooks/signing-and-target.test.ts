import net from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyAddress } from './address';
import { generateSecret, sign, signedHeaders, verifySignature } from './signing';
import { resolveTarget, TargetRefused, type Resolver } from './target';

describe('Standard Webhooks signatures', () => {
  it('reproduces the specification’s published test vector', () => {
    // The vector the Standard Webhooks reference libraries test against.
    expect(sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('is verified by the independent standardwebhooks package, with both secrets during a rotation', () => {
    const [current, previous] = [generateSecret(), generateSecret()];
    expect(current).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = JSON.stringify({ type: 'finding.created', timestamp: new Date().toISOString(), data: { title: 'Ünïcode & <tags>' } });
    const headers = signedHeaders([current, previous], 'msg_abc', Math.floor(Date.now() / 1000), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [current, previous]) expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
    expect(verifySignature(previous, 'msg_abc', Number(headers['webhook-timestamp']), body, headers['webhook-signature'])).toBe(true);
  });
});

describe('address classification', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.255',
    '0.0.0.0', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1',
    '::', '::1', 'fe80::1', 'febf::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::127.0.0.1', '64:ff9b::a00:1', '0:0:0:0:0:ffff:c0a8:0101',
  ])('refuses %s', (address) => {
    expect(classifyAddress(address).allowed).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:93.184.216.34', '2001:4860:4860::8888'])('allows %s', (address) => {
    expect(classifyAddress(address)).toEqual({ allowed: true });
  });
});

describe('target resolution refuses internal addresses before any socket opens', () => {
  const connect = vi.spyOn(net.Socket.prototype, 'connect');
  afterEach(() => connect.mockClear());

  const resolver = (map: Record<string, string[]>): Resolver => async (host) => {
    const addresses = map[host];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: net.isIP(address) === 6 ? 6 : 4 }));
  };
  const none = new Set<string>();

  it.each([
    ['http://127.0.0.1:8080/hook', /loopback/],
    ['http://10.1.2.3/hook', /private/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://[::1]:9000/hook', /loopback/],
    ['http://[::ffff:127.0.0.1]/hook', /embeds 127\.0\.0\.1/],
    ['https://hooks.example.com/hook', /hooks\.example\.com resolves to 10\.20\.30\.40/],
    ['https://mixed.example.com/hook', /resolves to 192\.168\.0\.7/],
    ['https://metadata.example.com/hook', /169\.254\.169\.254/],
  ])('%s', async (url, message) => {
    const stub = vi.fn(resolver({ 'hooks.example.com': ['10.20.30.40'], 'mixed.example.com': ['93.184.216.34', '192.168.0.7'], 'metadata.example.com': ['169.254.169.254'] }));
    await expect(resolveTarget(url, { resolver: stub, allowedHosts: none })).rejects.toThrow(message);
    expect(connect).not.toHaveBeenCalled();
  });

  it('refuses other schemes, credentials and unknown hosts', async () => {
    await expect(resolveTarget('ftp://example.com/x', { resolver: resolver({}), allowedHosts: none })).rejects.toBeInstanceOf(TargetRefused);
    await expect(resolveTarget('https://user:pw@example.com/x', { resolver: resolver({}), allowedHosts: none })).rejects.toThrow(/user name or password/);
    await expect(resolveTarget('https://nowhere.example/x', { resolver: resolver({}), allowedHosts: none })).rejects.toThrow(/could not be resolved \(ENOTFOUND\)/);
    expect(connect).not.toHaveBeenCalled();
  });

  it('connects to the checked address: a public host resolves to its public address, an allow-listed one may be internal', async () => {
    const stub = resolver({ 'hooks.example.com': ['93.184.216.34'], 'siem.internal': ['10.0.4.2'] });
    expect(await resolveTarget('https://hooks.example.com/in', { resolver: stub, allowedHosts: none })).toMatchObject({ hostname: 'hooks.example.com', address: '93.184.216.34', port: 443 });
    expect(await resolveTarget('http://siem.internal:8080/in', { resolver: stub, allowedHosts: new Set(['siem.internal']) })).toMatchObject({ address: '10.0.4.2', port: 8080 });
    // Allowing one host does not allow another that resolves to the same network.
    await expect(resolveTarget('http://10.0.4.2/in', { resolver: stub, allowedHosts: new Set(['siem.internal']) })).rejects.toThrow(/private/);
    expect(connect).not.toHaveBeenCalled();
  });
});
