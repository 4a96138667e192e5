import { createPublicKey, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestDatabase } from '@/lib/tooling/test/integration';
import type { RawRecord } from './formats';

// A signed checkpoint leaves the portal through the one webhook path (the
// outbox, the dispatcher, the signed delivery), checked at a loopback
// receiver: the Standard Webhooks signature by the independent package, the
// checkpoint's Ed25519 signature by Node's crypto alone.

vi.mock('@/lib/jobs/send-now', () => ({ sendJobNow: async () => undefined }));

const tdb = await setupTestDatabase('decisions_push');
const webhooks = await import('@/lib/webhooks/mutations');
const { deliverDueWebhooks } = await import('@/lib/webhooks/deliver');
const { dispatchEvents } = await import('@/lib/events/dispatch');
const { EVENT_SUBSCRIBERS } = await import('@/lib/jobs/registry');
const { systemActor } = await import('@/lib/auth/actor');
const { ingestDecisions } = await import('./ingest');
const { issueCheckpoint } = await import('./checkpoints');
const { decisionsFixture, sampleDecision } = await import('./test-fixture');

const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let receiver: http.Server;
let port = 0;
let fx: Awaited<ReturnType<typeof decisionsFixture>>;

beforeAll(async () => {
  fx = await decisionsFixture('Push Org');
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  await webhooks.allowHost(fx.actors.ADMIN, { host: '127.0.0.1', reason: 'The test receiver' });
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await tdb.drop();
});

describe('checkpoint push', () => {
  it('delivers each new signed checkpoint to the subscribed endpoint, verifiable without the portal', async () => {
    const { secret } = await webhooks.createEndpoint(fx.actors.ADMIN, { url: `http://127.0.0.1:${port}/checkpoints`, description: 'Second copy', eventTypes: ['decision_log.checkpoint'] });
    const rows: RawRecord[] = [sampleDecision(), sampleDecision()].map((value, i) => ({ row: i + 1, value }));
    await ingestDecisions(fx.serving, fx.systemId, rows);
    const issued = await issueCheckpoint(fx.actors.ADMIN);
    // Nothing new: no second checkpoint, no second push.
    await issueCheckpoint(fx.actors.ADMIN);
    await dispatchEvents(EVENT_SUBSCRIBERS, new Date());
    expect(await deliverDueWebhooks(new Date(), { actorFor: (id) => systemActor(id, 'job:webhooks.deliver') })).toMatchObject({ attempted: 1, succeeded: 1 });

    expect(received).toHaveLength(1);
    const payload = new Webhook(secret).verify(received[0].body, received[0].headers as Record<string, string>) as { type: string; data: Record<string, string | number> };
    expect(payload.type).toBe('decision_log.checkpoint');
    expect(payload.data).toMatchObject({ treeSize: 1, decisionCount: 2, rootHash: issued.rootHash });
    const ok = verify(null, Buffer.from(String(payload.data.statement)), createPublicKey(String(payload.data.publicKey)), Buffer.from(String(payload.data.signature), 'base64'));
    expect(ok).toBe(true);
    expect(JSON.parse(String(payload.data.statement))).toMatchObject({ treeSize: 1, rootHash: issued.rootHash, orgId: fx.orgId });
  });
});
