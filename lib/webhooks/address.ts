import { isIP } from 'node:net';

// Which IP addresses a webhook may be sent to. Anything that reaches the
// portal's own machine or network is refused: loopback, private (RFC 1918),
// link-local (incl. cloud metadata at 169.254.169.254), CGNAT, unique-local,
// multicast, unspecified, reserved and documentation ranges, and IPv6 forms
// that embed such an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64).

type Range = { base: number[]; bits: number; label: string };

const V4: Range[] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
].map(([ip, bits, label]) => ({ base: (ip as string).split('.').map(Number), bits: bits as number, label: label as string }));

const V6: Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['fc00::', 7, 'unique-local'],
  ['ff00::', 8, 'multicast'],
  ['2001:db8::', 32, 'documentation'],
  ['100::', 64, 'discard-only'],
].map(([ip, bits, label]) => ({ base: ipv6Bytes(ip as string)!, bits: bits as number, label: label as string }));

function inRange(bytes: number[], range: Range): boolean {
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i] & mask) !== (range.base[i] & mask)) return false;
  }
  return true;
}

/** 16 bytes of an IPv6 address (with an optional dotted IPv4 tail), or null. */
export function ipv6Bytes(address: string): number[] | null {
  let text = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    if (isIP(dotted[1]) !== 4) return null;
    tail.push(...dotted[1].split('.').map(Number));
    text = text.slice(0, -dotted[1].length) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(':') : []);
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array(missing).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/** Whether a webhook may connect to this literal IP address. */
export function classifyAddress(address: string): AddressVerdict {
  const family = isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (family === 4) {
    const bytes = address.split('.').map(Number);
    const hit = V4.find((r) => inRange(bytes, r));
    if (bytes.every((b) => b === 255)) return { allowed: false, reason: `${address} is the broadcast address` };
    return hit ? { allowed: false, reason: `${address} is a ${hit.label} address` } : { allowed: true };
  }
  if (family === 6) {
    const bytes = ipv6Bytes(address);
    if (!bytes) return { allowed: false, reason: `${address} is not a valid address` };
    const zeros = (n: number) => bytes.slice(0, n).every((b) => b === 0);
    // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
    const mapped = zeros(10) && bytes[10] === 0xff && bytes[11] === 0xff;
    const compatible = zeros(12) && !zeros(16) && !(zeros(15) && bytes[15] === 1);
    const nat64 = bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && bytes.slice(4, 12).every((b) => b === 0);
    if (mapped || compatible || nat64) {
      const v4 = bytes.slice(12).join('.');
      const inner = classifyAddress(v4);
      return inner.allowed ? { allowed: true } : { allowed: false, reason: `${address} embeds ${v4}: ${inner.reason.replace(`${v4} is `, '')}` };
    }
    const hit = V6.find((r) => inRange(bytes, r));
    return hit ? { allowed: false, reason: `${address} is an IPv6 ${hit.label} address` } : { allowed: true };
  }
  return { allowed: false, reason: `${address} is not an IP address` };
}
