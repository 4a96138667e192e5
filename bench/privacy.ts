// Privacy: where a subject's data is (50 personal-data datasets located by
// category and location, and the subject's decisions in the decision log by
// reference) as the request page computes it, and the request list at 20,000
// requests (page 1, a later page, open only, by type). The floor for
// locating is at 10 M logged decisions; the log here holds the given number
// (default 100,000), ingested through the decision log's own library.
//   npm run bench:privacy -- [decisions, default 100000] [requests, default 20000]
import pg from 'pg';
import { benchDatabase, figure, ms, percentile } from './support';

const DECISIONS = Number(process.argv[2] ?? 100_000);
const REQUESTS = Number(process.argv[3] ?? 20_000);
const BATCH = 10_000;
const RUNS = 30;

const bench = await benchDatabase('privacy');
process.env.DATABASE_URL = bench.url;
const pool = new pg.Pool({ connectionString: bench.url, max: 4 });
try {
  const { decisionsFixture } = await import('@/lib/decisions/test-fixture');
  const { ingestDecisions } = await import('@/lib/decisions/ingest');
  const fx = await decisionsFixture('Privacy Bench Org');
  const orgId = fx.orgId;
  const owner = fx.actors.ENGINEER.userId!;

  const cats = ['health', 'financial', 'contact', 'age', 'location', 'browsing behaviour', 'device', 'biometric'];
  await pool.query(
    `INSERT INTO "Dataset" ("id","orgId","name","ownerId","classification","personalData","personalDataCategories","storageLocation","updatedAt")
     SELECT 'ds-' || n, $1, 'Dataset ' || lpad(n::text, 3, '0'), $2, 'CONFIDENTIAL'::"DatasetClassification", true,
            ARRAY[($3::text[])[1 + n % 8], ($3::text[])[1 + (n * 3) % 8]], (CASE WHEN n % 2 = 0 THEN 'eu-west-1' ELSE 'us-east-1' END), now()
     FROM generate_series(1, 50) AS n`,
    [orgId, owner, cats],
  );

  let started = performance.now();
  let n = 0;
  let queued = 0;
  const sender = async () => {
    while (queued < DECISIONS) {
      const size = Math.min(BATCH, DECISIONS - queued);
      queued += size;
      const rows = Array.from({ length: size }, (_, i) => {
        n += 1;
        return { row: i + 1, value: { decisionId: `b-${n}`, model: 'credit', version: '2.0', timestamp: new Date(Date.now() - (n % 86_400) * 1000).toISOString(), subjectRef: `s-${n % 50_000}`, features: { income: n, age: n % 90 }, output: { score: 0.4 }, confidence: 0.9, decision: 'approve', explanation: { method: 'tree-shap', baseValue: 0.2, attributions: { income: 0.1, age: 0.1 } } } };
      });
      await ingestDecisions(fx.serving, fx.systemId, rows);
    }
  };
  await Promise.all([sender(), sender()]);
  console.log(`ingested ${DECISIONS.toLocaleString()} decisions in ${ms(performance.now() - started)}`);

  started = performance.now();
  const types = ['ACCESS', 'ERASURE', 'RECTIFICATION', 'PORTABILITY', 'OBJECTION', 'HUMAN_INTERVENTION', 'CCPA_KNOW', 'CCPA_DELETE'];
  const statuses = ['RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REFUSED'];
  await pool.query(
    `INSERT INTO "SubjectRequest" ("id","orgId","reference","regime","type","status","subjectName","subjectRef","dataCategories","location","systemId","receivedAt","dueAt","updatedAt")
     SELECT 'r-' || n, $1, 'DSR-B-' || lpad(n::text, 6, '0'), (CASE WHEN ($2::text[])[1 + n % 8] LIKE 'CCPA%' THEN 'CCPA' ELSE 'GDPR' END)::"SubjectRequestRegime",
            (($2::text[])[1 + n % 8])::"SubjectRequestType", (($3::text[])[1 + n % 6])::"SubjectRequestStatus", 'Subject ' || n, 's-' || (n % 50000),
            ARRAY[($4::text[])[1 + n % 8]], (CASE WHEN n % 2 = 0 THEN 'eu-west-1' ELSE '' END), $5, now() - (n % 400) * interval '1 day', now() - (n % 400) * interval '1 day' + interval '30 days', now()
     FROM generate_series(1, $6::int) AS n`,
    [orgId, types, statuses, cats, fx.systemId, REQUESTS],
  );
  await pool.query('ANALYZE');
  console.log(`seeded 50 datasets and ${REQUESTS.toLocaleString()} requests in ${ms(performance.now() - started)}`);

  const { getSubjectRequest, listSubjectRequests } = await import('@/lib/privacy/requests/queries');
  const officer = fx.actors.PRIVACY_OFFICER;
  const locate: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = await getSubjectRequest(officer, `r-${1 + ((i * 7919) % REQUESTS)}`);
    locate.push(performance.now() - t);
    if (i === 0) console.log(`request r-1: ${r.datasets.length} datasets located, ${r.decisions?.count ?? 0} decisions of the subject`);
  }
  figure('privacy', `locate a subject across 50 datasets and ${DECISIONS.toLocaleString()} logged decisions (the request page's read), p95`, percentile(locate, 95), 'ms', { op: '<', value: 1000 });
  console.log(`locate: p50 ${ms(percentile(locate, 50))}, p95 ${ms(percentile(locate, 95))}`);

  const cases: [string, Record<string, string | number>][] = [
    ['page 1', {}],
    ['page 200', { page: 200 }],
    ['open only', { open: 'true' }],
    ['type ERASURE', { type: 'ERASURE' }],
  ];
  for (const [label, query] of cases) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await listSubjectRequests(officer, query);
      times.push(performance.now() - t);
    }
    figure('privacy', `request list at ${REQUESTS.toLocaleString()} requests, ${label}, p95`, percentile(times, 95), 'ms', { op: '<', value: 300 });
    console.log(`request list, ${label}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
  }
} finally {
  await pool.end();
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> }; rawPool?: { end(): Promise<void> } };
  await g.prisma?.$disconnect();
  await g.rawPool?.end();
  await bench.close();
}
