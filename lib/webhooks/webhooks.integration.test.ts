import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// The whole path of an outgoing webhook against a loopback receiver the test
// allow-lists: an event committed with its mutation, fanned out by the
// dispatcher, signed (checked by the independent standardwebhooks package),
// retried with back-off on a fixed clock until the endpoint is disabled and
// its owner told, replayed, and refused for internal targets without a socket.

vi.mock('@/lib/jobs/send-now', () => ({ sendJobNow: async () => undefined }));

const tdb = await setupTestDatabase('webhooks');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const webhooks = await import('./mutations');
const queries = await import('./queries');
const { deliverDueWebhooks } = await import('./deliver');
const { dispatchEvents } = await import('@/lib/events/dispatch');
const { EVENT_SUBSCRIBERS } = await import('@/lib/jobs/registry');
const { RETRY_WINDOW_MS } = await import('./retry');
const findings = await import('@/lib/audits/findings/mutations');
const { recordOverdueFindings } = await import('@/lib/audits/findings/record-overdue');
const { systemActor } = await import('@/lib/auth/actor');

type Received = { headers: http.IncomingHttpHeaders; body: string; path: string };
let actors: Record<Role, Actor>;
let orgId: string;
let receiver: http.Server;
let port = 0;
const received: Received[] = [];
let respond: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.end('ok');

const jobActor = (id: string) => systemActor(id, 'job:webhooks.deliver');
const deliver = (now: Date, extra: Partial<Parameters<typeof deliverDueWebhooks>[1]> = {}) => deliverDueWebhooks(now, { actorFor: jobActor, ...extra });
const dispatch = (now = new Date()) => dispatchEvents(EVENT_SUBSCRIBERS, now);
const url = (path: string) => `http://127.0.0.1:${port}${path}`;

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Webhook Org'));
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '' });
      respond(req, res);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  await webhooks.allowHost(actors.ADMIN, { host: '127.0.0.1', reason: 'The test receiver' });
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await tdb.drop();
});

describe('who manages webhooks', () => {
  it('refuses every role but administrators, and tokens whatever their scopes', async () => {
    const token: Actor = { ...actors.ADMIN, kind: 'token', tokenId: 't1', grants: { any: ['webhooks:manage'], own: [] } };
    for (const actor of [actors.COMPLIANCE_OFFICER, actors.ENGINEER, actors.AUDITOR, token]) {
      await expect(webhooks.createEndpoint(actor, { url: 'https://example.com/x', eventTypes: ['finding.created'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(queries.listEndpoints(actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(queries.listAllowedHosts(actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(webhooks.allowHost(actor, { host: '10.0.0.1', reason: 'please' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(webhooks.replayDelivery(actor, { deliveryId: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(webhooks.rotateSecret(actor, { id: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.webhookEndpoint.count({ where: { orgId } })).toBe(0);
  });

  it('refuses bad input naming the field, and audits the allow-list', async () => {
    await expect(webhooks.createEndpoint(actors.ADMIN, { url: 'ftp://example.com', eventTypes: ['finding.created'] })).rejects.toThrow();
    await expect(webhooks.createEndpoint(actors.ADMIN, { url: 'https://example.com', eventTypes: [] })).rejects.toThrow(/at least one event type/);
    await expect(webhooks.allowHost(actors.ADMIN, { host: '127.0.0.1', reason: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.auditEvent.count({ where: { action: 'webhook.host_allowed', orgId } })).toBe(1);
  });
});

describe('delivery', () => {
  let endpointId: string;
  let secret: string;

  it('commits the event with the change, dispatches it and delivers a signed Standard Webhooks message', async () => {
    // A refused mutation publishes nothing.
    await expect(findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Refused', description: 'x', severity: 'LOW', ownerId: 'nobody' })).rejects.toThrow();
    expect(await db.domainEvent.count({ where: { orgId } })).toBe(0);
    // An endpoint gets only what happens after it was registered.
    await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Before the endpoint', description: 'x', severity: 'LOW' });

    ({ id: endpointId, secret } = await webhooks.createEndpoint(actors.ADMIN, { url: url('/standard?x=1'), description: 'Receiver', eventTypes: ['finding.created', 'finding.overdue'] }));
    expect((await queries.listEndpoints(actors.ADMIN))[0]).not.toHaveProperty('secret');

    const f = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Model card missing', description: 'x', severity: 'HIGH', ownerId: actors.ENGINEER.userId! });
    const event = await db.domainEvent.findFirstOrThrow({ where: { orgId, entityId: f.id } });
    expect(event).toMatchObject({ type: 'finding.created', entityType: 'finding', dispatchedAt: null });

    expect(await dispatch()).toEqual({ events: 2, handled: 1 });
    expect(await dispatch()).toEqual({ events: 0, handled: 0 });
    expect(await deliver(new Date())).toMatchObject({ attempted: 1, succeeded: 1 });

    const got = received.at(-1)!;
    expect(got.path).toBe('/standard?x=1');
    const payload = new Webhook(secret).verify(got.body, got.headers as Record<string, string>) as { type: string; data: Record<string, unknown> };
    expect(payload.type).toBe('finding.created');
    expect(payload.data).toMatchObject({ title: 'Model card missing', severity: 'HIGH', entity: { type: 'finding', id: f.id } });
    expect(String(payload.data.link)).toMatch(new RegExp(`/audits/findings/${f.id}$`));
    expect(got.headers['webhook-id']).toBe(`msg_${event.id}`);

    const { deliveries } = await queries.getEndpoint(actors.ADMIN, endpointId);
    expect(deliveries[0]).toMatchObject({ status: 'SUCCEEDED', attempts: 1, responseCode: 200, eventType: 'finding.created', canReplay: true });
    expect(deliveries[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('publishes finding.overdue once per due date, from the job', async () => {
    const f = await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Overdue one', description: 'x', severity: 'LOW' });
    await db.finding.update({ where: { id: f.id }, data: { dueDate: new Date('2026-01-05T00:00:00Z') } });
    const job = systemActor(orgId, 'job:findings.publish-overdue');
    const now = new Date(Date.now() + 86_400_000);
    expect(await recordOverdueFindings(job, now)).toBeGreaterThanOrEqual(1);
    expect(await recordOverdueFindings(job, now)).toBe(0);
    expect(await db.domainEvent.count({ where: { entityId: f.id, type: 'finding.overdue' } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: f.id, action: 'finding.overdue', actorLabel: 'job:findings.publish-overdue' } })).toBe(1);
  });

  it('signs with the old and the new secret during a rotation overlap', async () => {
    await dispatch();
    await deliver(new Date());
    const rotated = await webhooks.rotateSecret(actors.ADMIN, { id: endpointId, overlapHours: 24 });
    await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'After rotation', description: 'x', severity: 'LOW' });
    await dispatch();
    await deliver(new Date());
    const got = received.at(-1)!;
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const s of [rotated.secret, secret]) expect(new Webhook(s).verify(got.body, got.headers as Record<string, string>)).toMatchObject({ type: 'finding.created' });
    expect(await db.auditEvent.count({ where: { entityId: endpointId, action: 'webhook.secret_rotated' } })).toBe(1);
  });

  it('retries with back-off for 24 hours on a fixed clock, then disables the endpoint and tells its owner', async () => {
    await webhooks.setEndpointEnabled(actors.ADMIN, { id: endpointId, enabled: false });
    const { id } = await webhooks.createEndpoint(actors.ADMIN, { url: url('/failing'), eventTypes: ['finding.created'] });
    respond = (req, res) => {
      res.statusCode = req.url === '/failing' ? 503 : 200;
      res.end('down');
    };
    await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Nobody listens', description: 'x', severity: 'LOW' });
    await dispatch();
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: id } });
    let now = new Date(delivery.createdAt.getTime());
    const gaps: number[] = [];
    for (let i = 0; i < 40; i++) {
      await deliver(now);
      const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      if (row.status !== 'PENDING') break;
      // Nothing is sent before it is due.
      expect(await deliver(new Date(row.nextAttemptAt!.getTime() - 1000))).toMatchObject({ attempted: 0 });
      gaps.push(row.nextAttemptAt!.getTime() - now.getTime());
      now = row.nextAttemptAt!;
    }
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: 'FAILED', responseCode: 503 });
    expect(gaps.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...gaps)).toBe(4 * 3600_000);
    expect(row.lastAttemptAt!.getTime() - delivery.createdAt.getTime()).toBeLessThanOrEqual(RETRY_WINDOW_MS);
    expect(row.lastAttemptAt!.getTime() - delivery.createdAt.getTime()).toBeGreaterThan(RETRY_WINDOW_MS - 4 * 3600_000);
    const endpoint = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(endpoint.disabledAt).toEqual(row.lastAttemptAt);
    expect(await db.auditEvent.findFirst({ where: { entityId: id, action: 'webhook.endpoint_disabled' }, select: { actorLabel: true } })).toEqual({ actorLabel: 'job:webhooks.deliver' });
    const told = await db.notification.findMany({ where: { entityId: id }, select: { userId: true, kind: true, link: true } });
    expect(told).toEqual([{ userId: actors.ADMIN.userId, kind: 'webhook.endpoint_disabled', link: `/admin/webhooks/${id}` }]);

    // A disabled endpoint gets nothing new, and cannot be replayed to until enabled again.
    await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Still nobody', description: 'x', severity: 'LOW' });
    await dispatch();
    expect(await db.webhookDelivery.count({ where: { endpointId: id } })).toBe(1);
    await expect(webhooks.replayDelivery(actors.ADMIN, { deliveryId: delivery.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    // Replay after the receiver is back and the endpoint enabled: a new delivery, audited.
    respond = (_req, res) => res.end('ok');
    await webhooks.setEndpointEnabled(actors.ADMIN, { id, enabled: true });
    const replay = await webhooks.replayDelivery(actors.ADMIN, { deliveryId: delivery.id });
    await expect(webhooks.replayDelivery(actors.ENGINEER, { deliveryId: delivery.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await deliver(new Date())).toMatchObject({ succeeded: 1 });
    const replayed = await db.webhookDelivery.findUniqueOrThrow({ where: { id: replay.id } });
    expect(replayed).toMatchObject({ status: 'SUCCEEDED', replayOfId: delivery.id, eventId: delivery.eventId, responseCode: 200 });
    expect(received.at(-1)!.headers['webhook-id']).toBe(`msg_${delivery.eventId}`);
    expect(await db.auditEvent.count({ where: { entityId: id, action: 'webhook.delivery_replayed' } })).toBe(1);
  });

  it('does not follow a redirect to an internal address, and refuses internal targets without opening a socket', async () => {
    const { id } = await webhooks.createEndpoint(actors.ADMIN, { url: url('/redirect'), eventTypes: ['finding.created'] });
    const { id: metadata } = await webhooks.createEndpoint(actors.ADMIN, { url: 'http://169.254.169.254/latest/meta-data/', eventTypes: ['finding.created'] });
    const { id: named } = await webhooks.createEndpoint(actors.ADMIN, { url: 'https://hooks.internal.example/in', eventTypes: ['finding.created'] });
    await webhooks.setEndpointEnabled(actors.ADMIN, { id: (await db.webhookEndpoint.findFirstOrThrow({ where: { url: url('/failing') } })).id, enabled: false });
    respond = (req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://10.0.0.1/steal' });
        res.end();
      } else res.end('ok');
    };
    await findings.createFinding(actors.COMPLIANCE_OFFICER, { title: 'Redirected', description: 'x', severity: 'LOW' });
    await dispatch();
    const before = received.length;
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const resolver = vi.fn(async (host: string) => (host === 'hooks.internal.example' ? [{ address: '10.9.8.7', family: 4 as const }] : []));
    await deliver(new Date(), { resolver });
    // Every argument: pg connects with (port, host), http with an options object.
    const peers = connect.mock.calls.map((args) => JSON.stringify(args));
    connect.mockRestore();
    // Only the loopback receiver was connected to, once (the redirect was not followed).
    expect(received.length - before).toBe(1);
    expect(received.at(-1)!.path).toBe('/redirect');
    // Sockets opened meanwhile (the receiver, and any new database connection) all stay on loopback.
    // (a connect without "host" goes to localhost, node's default; "path" is a unix socket)
    expect(peers.filter((p) => /"host":/.test(p) && !/"host":"(127\.0\.0\.1|localhost|::1)"/.test(p))).toEqual([]);
    expect(peers.some((p) => /10\.0\.0\.1|10\.9\.8\.7|169\.254/.test(p))).toBe(false);
    expect(resolver).toHaveBeenCalledWith('hooks.internal.example');
    const rows = Object.fromEntries((await db.webhookDelivery.findMany({ where: { endpointId: { in: [id, metadata, named] } }, select: { endpointId: true, responseCode: true, lastError: true } })).map((r) => [r.endpointId, r]));
    expect(rows[id]).toMatchObject({ responseCode: 302, lastError: expect.stringMatching(/redirects are not followed/) });
    expect(rows[metadata]).toMatchObject({ responseCode: null, lastError: expect.stringMatching(/169\.254\.169\.254 is a link-local address/) });
    expect(rows[named]).toMatchObject({ responseCode: null, lastError: expect.stringMatching(/hooks\.internal\.example resolves to 10\.9\.8\.7/) });
  });
});
