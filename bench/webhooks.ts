// 1,000 webhook deliveries to a local receiver, end to end through the real
// code: 1,000 domain events committed in the outbox, the dispatcher fanning
// them out, the delivery run resolving and checking the target, signing each
// message and posting it; the receiver verifies every signature with the
// independent `standardwebhooks` package. Claim: < 20 s.
//   npm run bench:webhooks -- [deliveries]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { benchDatabase, figure, ms, percentile } from './support';

const N = Number(process.argv[2] ?? 1000);
const bench = await benchDatabase('webhooks');
process.env.DATABASE_URL = bench.url;
const { db } = await import('@/lib/db');
const { systemActor, userActor } = await import('@/lib/auth/actor');
const { publishEvent } = await import('@/lib/events/publish');
const { dispatchEvents } = await import('@/lib/events/dispatch');
const { createEndpoint, allowHost, deliverDueWebhooks, webhookSubscriber } = await import('@/lib/webhooks/mutations');

let verified = 0;
let rejected = 0;
let secret = '';
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
      verified++;
      res.end('ok');
    } catch {
      rejected++;
      res.statusCode = 400;
      res.end('bad signature');
    }
  });
});
try {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  const org = await db.organization.create({ data: { name: 'Bench', slug: 'bench' }, select: { id: true } });
  const admin = await db.user.create({ data: { orgId: org.id, email: 'admin@bench.example', name: 'Bench Admin', role: 'ADMIN' }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const actor = userActor(admin, { id: 'bench', ip: null });
  await allowHost(actor, { host: '127.0.0.1', reason: 'The benchmark receiver' });
  ({ secret } = await createEndpoint(actor, { url: `http://127.0.0.1:${port}/hook`, eventTypes: ['finding.created'] }));

  const t0 = performance.now();
  await db.$transaction(async (tx) => {
    for (let i = 0; i < N; i++) await publishEvent(tx, actor, { type: 'finding.created', entity: { type: 'finding', id: `f${i}` }, data: { title: `Finding ${i}`, severity: 'LOW' } });
  }, { timeout: 120_000 });
  const published = performance.now() - t0;

  const t1 = performance.now();
  const dispatched = await dispatchEvents([webhookSubscriber], new Date());
  const dispatchMs = performance.now() - t1;
  let passes = 0;
  while ((await db.webhookDelivery.count({ where: { status: 'PENDING' } })) > 0 && passes < 20) {
    await deliverDueWebhooks(new Date(), { actorFor: (orgId) => systemActor(orgId, 'job:webhooks.deliver'), concurrency: 16, limit: 500 });
    passes++;
  }
  const total = performance.now() - t1;
  const rows = await db.webhookDelivery.findMany({ select: { status: true, durationMs: true } });
  const succeeded = rows.filter((r) => r.status === 'SUCCEEDED').length;
  const durations = rows.map((r) => r.durationMs ?? 0);

  console.log(`webhooks: ${N} events published in ${ms(published)}; dispatched ${dispatched.handled} deliveries in ${ms(dispatchMs)}; ${passes} delivery passes`);
  figure('webhooks', `${N} deliveries (dispatch + sign + send + record), seconds`, total / 1000, 's', { op: '<', value: 20 });
  figure('webhooks', 'deliveries per second', (succeeded / total) * 1000, '/s');
  figure('webhooks', 'one delivery round trip, p50', percentile(durations, 50), 'ms');
  figure('webhooks', 'one delivery round trip, p95', percentile(durations, 95), 'ms');
  figure('webhooks', 'signatures verified by standardwebhooks', verified, 'count', { op: '>=', value: N });
  if (succeeded !== N || rejected) throw new Error(`${succeeded}/${N} delivered, ${rejected} signatures rejected`);
} finally {
  receiver.close();
  await db.$disconnect();
  await bench.close();
}
