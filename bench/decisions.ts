// The decision log: ingestion rate (10 features and 10 attributions a
// decision, hashing and per-subject encryption included), one decision's
// proof, all decisions of one subject, and verification of the whole log.
// Measured in-process through the ingestion library (the HTTP route adds
// body parsing only); the issue's floors are for HTTP at 10 M decisions.
//   npm run bench:decisions -- [decisions, default 100000]
import { benchDatabase, figure, percentile } from './support';

const TOTAL = Number(process.argv[2] ?? 100_000);
const BATCH = 10_000;

const bench = await benchDatabase('decisions');
process.env.DATABASE_URL = bench.url;
try {
  const { decisionsFixture } = await import('@/lib/decisions/test-fixture');
  const { ingestDecisions } = await import('@/lib/decisions/ingest');
  const { issueCheckpoint } = await import('@/lib/decisions/checkpoints');
  const { decisionProof } = await import('@/lib/decisions/proofs');
  const { findDecisionsBySubject } = await import('@/lib/decisions/subjects');
  const { verifyDecisionLog } = await import('@/lib/decisions/verify-log');
  const fx = await decisionsFixture('Bench Org');
  const names = Array.from({ length: 10 }, (_, i) => `f${i}`);
  let n = 0;
  const record = () => {
    n += 1;
    const attributions = Object.fromEntries(names.map((f, i) => [f, ((n * (i + 1)) % 17) / 1000]));
    const score = 0.2 + Object.values(attributions).reduce((a, b) => a + b, 0);
    return {
      decisionId: `b-${n}`, model: 'credit', version: '2.0', timestamp: new Date(Date.now() - (n % 86_400) * 1000).toISOString(), subjectRef: `s-${n % 50_000}`,
      features: Object.fromEntries(names.map((f, i) => [f, n * i])), output: { score }, confidence: 0.9, decision: score > 0.3 ? 'decline' : 'approve',
      explanation: { method: 'tree-shap', baseValue: 0.2, attributions },
    };
  };
  // Two senders at once, as a serving stack's replicas would post: one
  // batch's hashing and encryption overlap the other's insert.
  const started = performance.now();
  let queued = 0;
  const sender = async () => {
    while (queued < TOTAL) {
      const size = Math.min(BATCH, TOTAL - queued);
      queued += size;
      const rows = Array.from({ length: size }, (_, i) => ({ row: i + 1, value: record() }));
      await ingestDecisions(fx.serving, fx.systemId, rows);
    }
  };
  await Promise.all([sender(), sender()]);
  const seconds = (performance.now() - started) / 1000;
  figure('decisions', `ingestion, ${TOTAL} decisions in batches of ${BATCH}, 2 senders (in-process)`, TOTAL / seconds, 'decisions/s', { op: '>=', value: 20_000 });
  await issueCheckpoint(fx.actors.ADMIN);

  const proofTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    await decisionProof(fx.actors.ADMIN, { systemId: fx.systemId, ref: `b-${1 + ((i * 7919) % TOTAL)}` });
    proofTimes.push(performance.now() - t);
  }
  figure('decisions', `one decision with its inclusion proof, p95 at ${TOTAL}`, percentile(proofTimes, 95), 'ms', { op: '<', value: 30 });

  const subjectTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await findDecisionsBySubject(fx.actors.ADMIN, null, `s-${(i * 31) % 50_000}`);
    subjectTimes.push(performance.now() - t);
  }
  figure('decisions', `all decisions of one subject, p95 at ${TOTAL}`, percentile(subjectTimes, 95), 'ms', { op: '<', value: 100 });

  const v = await verifyDecisionLog(fx.actors.ADMIN);
  if (!v.ok) throw new Error(`verification failed: ${v.problems.join('; ')}`);
  figure('decisions', `verification of ${v.decisions} decisions (extrapolated to 10 M)`, (v.ms / 1000) * (10_000_000 / v.decisions), 's', { op: '<', value: 60 });
} finally {
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> }; rawPool?: { end(): Promise<void> } };
  await g.prisma?.$disconnect();
  await g.rawPool?.end();
  await bench.close();
}
