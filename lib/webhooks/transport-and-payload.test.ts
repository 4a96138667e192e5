import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadFor } from './payload';
import { resolveTarget } from './target';
import { MAX_RESPONSE_BYTES, postToTarget } from './transport';

// The transport against a loopback receiver only (allow-listed): the checked
// address is the one connected to, the Host header stays the URL's, a large
// answer is cut at 64 KB, a silent one times out.
let server: http.Server;
let port = 0;
const hosts: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    if (req.url === '/big') return res.end('x'.repeat(200_000));
    if (req.url === '/silent') return; // never answers
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const allowed = new Set(['receiver.test']);
const resolver = async () => [{ address: '127.0.0.1', family: 4 as const }];

describe('the pinned transport', () => {
  it('connects to the checked address with the URL’s host in the Host header', async () => {
    const target = await resolveTarget(`http://receiver.test:${port}/ok`, { resolver, allowedHosts: allowed });
    const result = await postToTarget(target, { 'content-type': 'application/json' }, '{}');
    expect(result).toMatchObject({ status: 200, body: 'ok', truncated: false });
    expect(hosts.at(-1)).toBe(`receiver.test:${port}`);
  });

  it('reads at most 64 KB of an answer', async () => {
    const target = await resolveTarget(`http://receiver.test:${port}/big`, { resolver, allowedHosts: allowed });
    const result = await postToTarget(target, {}, '{}');
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.body)).toBe(MAX_RESPONSE_BYTES);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const target = await resolveTarget(`http://receiver.test:${port}/silent`, { resolver, allowedHosts: allowed });
    await expect(postToTarget(target, {}, '{}', { timeoutMs: 300 })).rejects.toThrow(/no complete answer within 0.3 s/);
  });
});

describe('presets', () => {
  const event = { id: 'ev1', type: 'gate.failed' as const, entity: { type: 'model_version', id: 'v1' }, data: { title: 'Triage 2.0 → PRODUCTION <b>', modelId: 'm1', reasons: ['No metrics'] }, occurredAt: new Date('2026-12-02T10:00:00Z'), actorLabel: 'casey@acme.example' };

  it('standard: the Standard Webhooks envelope with the record’s link', () => {
    expect(JSON.parse(payloadFor('STANDARD', event, 'https://grc.example.com'))).toEqual({
      type: 'gate.failed',
      timestamp: '2026-12-02T10:00:00.000Z',
      data: { title: 'Triage 2.0 → PRODUCTION <b>', modelId: 'm1', reasons: ['No metrics'], entity: { type: 'model_version', id: 'v1' }, link: 'https://grc.example.com/models/m1/versions/v1', actor: 'casey@acme.example' },
    });
  });

  it('Slack: text and Block Kit blocks, mrkdwn control characters escaped', () => {
    const slack = JSON.parse(payloadFor('SLACK', event, 'https://grc.example.com'));
    expect(slack.text).toContain('https://grc.example.com/models/m1/versions/v1');
    expect(slack.blocks[0]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } });
    expect(slack.blocks[0].text.text).toContain('PRODUCTION &lt;b&gt;');
    expect(slack.blocks[0].text.text).toContain('<https://grc.example.com/models/m1/versions/v1|Open in the portal>');
  });

  it('Teams: a MessageCard with an Open action', () => {
    const teams = JSON.parse(payloadFor('TEAMS', event, 'https://grc.example.com'));
    expect(teams).toMatchObject({ '@type': 'MessageCard', '@context': 'https://schema.org/extensions', title: expect.stringContaining('promotion was refused') });
    expect(teams.potentialAction[0]).toEqual({ '@type': 'OpenUri', name: 'Open in the portal', targets: [{ os: 'default', uri: 'https://grc.example.com/models/m1/versions/v1' }] });
  });
});
