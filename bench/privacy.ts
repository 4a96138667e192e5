// Privacy: where a subject's data is (50 personal-data datasets located by
// category and location, and the subject's decisions in the decision log by
// reference) as the request page computes it, and the request list at 20,000
// requests (page 1, a later page, open only, by type). The floor for
// locating is at 10 M logged decisions. Up to 200,000 the log is filled
// through the decision log's own ingestion; above that it is seeded set-based
// (INSERT … SELECT generate_series on the raw pool, in chunks of 1 M, into the
// migrated, partitioned table with the migrations' indexes), ten decisions a
// subject spread over the month, as a serving stack would log them.
//   npm run bench:privacy -- [decisions, default 100000] [requests, default 20000]
//   nice -n 10 flock /work/wt/e2e.lock npm run bench:privacy -- 10000000
import pg from 'pg';
import { benchDatabase, figure, ms, percentile } from './support';

const DECISIONS = Number(process.argv[2] ?? 100_000);
const REQUESTS = Number(process.argv[3] ?? 20_000);
const BATCH = 10_000;
const RUNS = 30;
// Above this the log is seeded set-based: ingestion runs at ~3,400 a second here.
const INGEST_LIMIT = 200_000;
const RAW = DECISIONS > INGEST_LIMIT;
const SUBJECTS = RAW ? Math.max(50_000, Math.floor(DECISIONS / 10)) : 50_000;
const CHUNK = 1_000_000;
const LOCATE_RUNS = RAW ? 60 : RUNS;

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
  if (RAW) await seedDecisionsRaw(orgId, fx);
  else {
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
  }
  console.log(`${RAW ? 'seeded' : 'ingested'} ${DECISIONS.toLocaleString()} decisions in ${ms(performance.now() - started)}`);

  started = performance.now();
  const types = ['ACCESS', 'ERASURE', 'RECTIFICATION', 'PORTABILITY', 'OBJECTION', 'HUMAN_INTERVENTION', 'CCPA_KNOW', 'CCPA_DELETE'];
  const statuses = ['RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REFUSED'];
  await pool.query(
    `INSERT INTO "SubjectRequest" ("id","orgId","reference","regime","type","status","subjectName","subjectRef","dataCategories","location","systemId","receivedAt","dueAt","updatedAt")
     SELECT 'r-' || n, $1, 'DSR-B-' || lpad(n::text, 6, '0'), (CASE WHEN ($2::text[])[1 + n % 8] LIKE 'CCPA%' THEN 'CCPA' ELSE 'GDPR' END)::"SubjectRequestRegime",
            (($2::text[])[1 + n % 8])::"SubjectRequestType", (($3::text[])[1 + n % 6])::"SubjectRequestStatus", 'Subject ' || n, (CASE WHEN $7 THEN 'cust-' || lpad((n % $8::int)::text, 8, '0') ELSE 's-' || (n % 50000) END),
            ARRAY[($4::text[])[1 + n % 8]], (CASE WHEN n % 2 = 0 THEN 'eu-west-1' ELSE '' END), $5, now() - (n % 400) * interval '1 day', now() - (n % 400) * interval '1 day' + interval '30 days', now()
     FROM generate_series(1, $6::int) AS n`,
    [orgId, types, statuses, cats, fx.systemId, REQUESTS, RAW, SUBJECTS],
  );
  await pool.query('ANALYZE');
  console.log(`seeded 50 datasets and ${REQUESTS.toLocaleString()} requests in ${ms(performance.now() - started)}`);

  const { getSubjectRequest, listSubjectRequests } = await import('@/lib/privacy/requests/queries');
  const officer = fx.actors.PRIVACY_OFFICER;
  const { findDecisionsBySubject } = await import('@/lib/decisions/subjects');
  // Random requests (a fixed seed, so runs compare), each about a different subject.
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const picks = Array.from({ length: LOCATE_RUNS }, () => 1 + Math.floor(random() * REQUESTS));
  const locate: number[] = [];
  const lookup: number[] = [];
  let found = 0;
  for (const [i, pick] of picks.entries()) {
    let t = performance.now();
    const r = await getSubjectRequest(officer, `r-${pick}`);
    locate.push(performance.now() - t);
    found += r.decisions?.count ?? 0;
    t = performance.now();
    await findDecisionsBySubject(officer, null, r.subjectRef);
    lookup.push(performance.now() - t);
    if (i === 0) console.log(`request r-${pick} (${r.subjectRef}): ${r.datasets.length} datasets located, ${r.decisions?.count ?? 0} decisions of the subject`);
  }
  console.log(`${LOCATE_RUNS} subjects, ${found} decisions found in all`);
  figure('privacy', `locate a subject across 50 datasets and ${DECISIONS.toLocaleString()} logged decisions (the request page's read), p95`, percentile(locate, 95), 'ms', { op: '<', value: 1000 });
  console.log(`locate (request page read): p50 ${ms(percentile(locate, 50))}, p95 ${ms(percentile(locate, 95))}`);
  console.log(`decision-log lookup alone (findDecisionsBySubject): p50 ${ms(percentile(lookup, 50))}, p95 ${ms(percentile(lookup, 95))}`);

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

/**
 * The log at size without ingestion: rows as ingestion writes them (leaf
 * hashes, placeholder ciphertext, an explanation), decided within the
 * current month's partition. The migrations' secondary indexes are dropped for
 * the load and rebuilt from their own definitions after it, then analysed.
 */
async function seedDecisionsRaw(orgId: string, fx: { systemId: string; modelId: string; versions: { v2: string } }) {
  const { rows: defs } = await pool.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname = 'Decision' AND NOT x.indisprimary`,
  );
  for (const d of defs) await pool.query(`DROP INDEX "${d.name}"`);
  const { ensurePartitions } = await import('@/lib/decisions/partitions');
  await ensurePartitions(pool, [new Date()]);
  // Seconds since the month began (UTC), less a minute: every row lands in this month's partition.
  const { rows: span } = await pool.query<{ s: number }>(`SELECT greatest(60, extract(epoch FROM now() - date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')::int - 60) AS s`);
  for (let from = 1; from <= DECISIONS; from += CHUNK) {
    const to = Math.min(DECISIONS, from + CHUNK - 1);
    const t = performance.now();
    await pool.query(
      `INSERT INTO "Decision" ("id","decidedAt","orgId","systemId","modelId","versionId","ref","batchId","leafIndex","subjectRef","featuresCipher","output","score","confidence",
                               "outcome","latencyMs","explanation","explanationStatus","topFactor","leafHash","receivedAt")
       SELECT 'g-' || n, at, $1, $2, $3, $4, 'g-' || n, 'gb-' || (n / 10000), (n % 10000)::int,
              'cust-' || lpad(((n * 7919) % $7::bigint)::text, 8, '0'),
              md5(n::text) || md5((n + 1)::text) || md5((n + 2)::text),
              jsonb_build_object('score', (n % 1000) / 1000.0), (n % 1000) / 1000.0, 0.9,
              (ARRAY['approve', 'decline', 'refer'])[1 + (n % 3)::int], 12,
              jsonb_build_object('method', 'tree-shap', 'baseValue', 0.2, 'attributions', jsonb_build_object('income', 0.1, 'age', 0.1)),
              'VALID'::"ExplanationStatus", 'income', encode(sha256(('g-' || n)::bytea), 'hex'), at
       FROM (SELECT n, now() - ((n * 104729) % $8::bigint) * interval '1 second' AS at FROM generate_series($5::bigint, $6::bigint) AS n) g`,
      [orgId, fx.systemId, fx.modelId, fx.versions.v2, from, to, SUBJECTS, span[0].s],
    );
    console.log(`  decisions ${from.toLocaleString()}–${to.toLocaleString()} in ${ms(performance.now() - t)}`);
  }
  const t = performance.now();
  for (const d of defs) await pool.query(d.def.replace(' ON ONLY ', ' ON '));
  await pool.query('ANALYZE "Decision"');
  console.log(`  rebuilt ${defs.length} indexes (${defs.map((d) => d.name).join(', ')}) and analysed in ${ms(performance.now() - t)}`);
}
