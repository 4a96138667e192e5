// The decision log: ingestion rate (10 features and 10 attributions a
// decision, hashing and per-subject encryption included) through the HTTP
// API of the production build, one decision's proof, all decisions of one
// subject, and verification of the whole log.
//   npm run bench:decisions -- [decisions sent over HTTP, default 200000]
//   BENCH_PARTS=http,inprocess,lookup,verify   which parts (default http,lookup,verify)
//   BENCH_VERIFY_DECISIONS=1000000             size of the log verified (seeded through the append path)
//   BENCH_SENDERS=2                            concurrent HTTP senders
import { benchDatabase, figure, loadAverage as uptime, percentile, startApp } from './support';

const TOTAL = Number(process.argv[2] ?? 200_000);
const BATCH = 10_000;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'http,lookup,verify').split(','));
const VERIFY_TOTAL = Number(process.env.BENCH_VERIFY_DECISIONS ?? 1_000_000);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 2);

const bench = await benchDatabase('decisions');
process.env.DATABASE_URL = bench.url;
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  const { decisionsFixture } = await import('@/lib/decisions/test-fixture');
  const { ingestDecisions } = await import('@/lib/decisions/ingest');
  const { issueCheckpoint } = await import('@/lib/decisions/checkpoints');
  const { decisionProof } = await import('@/lib/decisions/proofs');
  const { findDecisionsBySubject } = await import('@/lib/decisions/subjects');
  const { verifyDecisionLog } = await import('@/lib/decisions/verify-log');
  const { createToken } = await import('@/lib/tokens/mutations');
  const { rawPool } = await import('@/lib/db-raw');
  const fx = await decisionsFixture('Bench Org');
  const logSize = async () => Number((await rawPool().query<{ n: string }>('SELECT coalesce(sum("size"), 0) AS n FROM "DecisionBatch" WHERE "orgId" = $1', [fx.orgId])).rows[0].n);
  const names = Array.from({ length: 10 }, (_, i) => `f${i}`);
  let n = 0;
  const record = (prefix = 'b') => {
    n += 1;
    const attributions = Object.fromEntries(names.map((f, i) => [f, ((n * (i + 1)) % 17) / 1000]));
    const score = 0.2 + Object.values(attributions).reduce((a, b) => a + b, 0);
    return {
      decisionId: `${prefix}-${n}`, model: 'credit', version: '2.0', timestamp: new Date(Date.now() - (n % 86_400) * 1000).toISOString(), subjectRef: `s-${n % 50_000}`,
      features: Object.fromEntries(names.map((f, i) => [f, n * i])), output: { score }, confidence: 0.9, decision: score > 0.3 ? 'decline' : 'approve',
      explanation: { method: 'tree-shap', baseValue: 0.2, attributions },
    };
  };
  const batches = (count: number, prefix: string) => {
    const out: unknown[][] = [];
    for (let done = 0; done < count; done += BATCH) out.push(Array.from({ length: Math.min(BATCH, count - done) }, () => record(prefix)));
    return out;
  };
  // Several senders at once, as a serving stack's replicas would post: one
  // batch's hashing and encryption overlap the other's insert.
  const send = async (queue: (() => Promise<void>)[], senders: number) => {
    let next = 0;
    await Promise.all(Array.from({ length: senders }, async () => {
      while (next < queue.length) await queue[next++]();
    }));
  };

  if (PARTS.has('http')) {
    app = await startApp(bench.url);
    const { secret } = await createToken(fx.actors.ADMIN, { name: 'bench serving', scopes: ['decisions:write'] });
    // The bodies are serialised before the clock starts: the figure is the server's.
    const bodies = batches(TOTAL, 'h').map((b) => JSON.stringify(b));
    const url = `${app.baseUrl}/api/v1/decisions?system=${encodeURIComponent(fx.systemId)}`;
    let sent = 0;
    const post = (body: string) => async () => {
      const t = performance.now();
      const nth = ++sent;
      const res = await fetch(url, { method: 'POST', body, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' } }).catch((e) => {
        throw new Error(`ingestion request ${nth} failed after ${(performance.now() - t).toFixed(0)} ms: ${(e as { cause?: Error }).cause?.message ?? e}`);
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`ingestion answered ${res.status}: ${text.slice(0, 300)}`);
    };
    await post(JSON.stringify(batches(10, 'warm')[0]))(); // warms the route
    const load = uptime();
    const started = performance.now();
    await send(bodies.map(post), SENDERS);
    const seconds = (performance.now() - started) / 1000;
    figure('decisions', `ingestion over HTTP (production build), ${TOTAL} decisions in batches of ${BATCH}, ${SENDERS} senders; load ${load}`, TOTAL / seconds, 'decisions/s', { op: '>=', value: 20_000 });
    await app.stop();
    app = undefined;
  }

  if (PARTS.has('inprocess')) {
    const queue = batches(TOTAL, 'p').map((b) => () => ingestDecisions(fx.serving, fx.systemId, b.map((value, i) => ({ row: i + 1, value }))).then(() => undefined));
    const load = uptime();
    const started = performance.now();
    await send(queue, 2);
    const seconds = (performance.now() - started) / 1000;
    figure('decisions', `ingestion in-process (no HTTP), ${TOTAL} decisions in batches of ${BATCH}, 2 senders; load ${load}`, TOTAL / seconds, 'decisions/s');
  }

  if (PARTS.has('verify')) {
    // A real log: every batch through the append path (validation, hashing,
    // encryption, the chain), generated batch by batch to keep memory flat.
    const count = await logSize();
    const missing = Math.max(0, VERIFY_TOTAL - count);
    const seedStarted = performance.now();
    let seeded = 0;
    await send(Array.from({ length: Math.ceil(missing / BATCH) }, () => async () => {
      const size = Math.min(BATCH, missing - seeded);
      if (size <= 0) return;
      seeded += size;
      await ingestDecisions(fx.serving, fx.systemId, batches(size, 'v')[0].map((value, i) => ({ row: i + 1, value })));
    }), 2);
    if (missing) console.log(`seeded ${missing} decisions in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  }
  await issueCheckpoint(fx.actors.ADMIN);
  const total = await logSize();

  if (PARTS.has('lookup')) {
    const { rows } = await rawPool().query<{ ref: string }>('SELECT "ref" FROM "Decision" WHERE "systemId" = $1 ORDER BY md5("ref") LIMIT 100', [fx.systemId]);
    const refs = rows.map((r) => r.ref);
    const proofTimes: number[] = [];
    for (const ref of refs) {
      const t = performance.now();
      await decisionProof(fx.actors.ADMIN, { systemId: fx.systemId, ref });
      proofTimes.push(performance.now() - t);
    }
    figure('decisions', `one decision with its inclusion proof, p95 at ${total}; load ${uptime()}`, percentile(proofTimes, 95), 'ms', { op: '<', value: 30 });
    const subjectTimes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await findDecisionsBySubject(fx.actors.ADMIN, null, `s-${(i * 31) % 50_000}`);
      subjectTimes.push(performance.now() - t);
    }
    figure('decisions', `all decisions of one subject, p95 at ${total}; load ${uptime()}`, percentile(subjectTimes, 95), 'ms', { op: '<', value: 100 });
  }

  if (PARTS.has('verify')) {
    const load = uptime();
    const v = await verifyDecisionLog(fx.actors.ADMIN);
    if (!v.ok) throw new Error(`verification failed: ${v.problems.join('; ')}`);
    console.log(`verified ${v.decisions} decisions in ${v.batches} batches in ${(v.ms / 1000).toFixed(1)} s`);
    figure('decisions', `verification of the whole log, ${v.decisions} decisions (${(v.decisions / (v.ms / 1000)).toFixed(0)}/s), extrapolated linearly to 10 M; load ${load}`, (v.ms / 1000) * (10_000_000 / v.decisions), 's', { op: '<', value: 60 });
  }
} finally {
  await app?.stop();
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> }; rawPool?: { end(): Promise<void> } };
  await g.prisma?.$disconnect();
  await g.rawPool?.end();
  await bench.close();
}
