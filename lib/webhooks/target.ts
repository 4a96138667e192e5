import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address';

// Where a webhook goes is decided here, before any socket is opened: the
// host name is resolved, every address it resolves to is checked, and the
// transport (./transport.ts) connects to the checked address itself, so DNS
// cannot answer differently between the check and the connection. Called for
// every attempt, so a record that changes later is checked again.

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export type Target = { url: URL; hostname: string; port: number; address: string; family: 4 | 6 };

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** The host as it is matched against the allow-list: lower case, IPv6 without brackets. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
}

/** Parses an endpoint URL as stored (http or https, no credentials). */
export function parseEndpointUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('The URL is not valid.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TargetRefused('Only http:// and https:// URLs can receive webhooks.');
  if (url.username || url.password) throw new TargetRefused('The URL must not contain a user name or password.');
  if (!url.hostname) throw new TargetRefused('The URL has no host.');
  return url;
}

/**
 * Resolves the URL's host and refuses it when any address it resolves to is
 * private, loopback, link-local or otherwise internal — unless an admin put
 * the host on the allow-list. Resolves the one address to connect to.
 */
export async function resolveTarget(raw: string, opts: { resolver?: Resolver; allowedHosts: ReadonlySet<string> }): Promise<Target> {
  const url = parseEndpointUrl(raw);
  const hostname = hostOf(url);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const literal = isIP(hostname);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await (opts.resolver ?? systemResolver)(hostname);
    } catch (error) {
      throw new TargetRefused(`The host ${hostname} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    if (!addresses.length) throw new TargetRefused(`The host ${hostname} has no addresses.`);
  }
  if (!opts.allowedHosts.has(hostname)) {
    for (const a of addresses) {
      const verdict = classifyAddress(a.address);
      if (!verdict.allowed) throw new TargetRefused(`Refused: ${hostname === a.address ? '' : `${hostname} resolves to ${a.address}; `}${verdict.reason}. An administrator can allow the host explicitly.`);
    }
  }
  return { url, hostname, port, address: addresses[0].address, family: addresses[0].family };
}
