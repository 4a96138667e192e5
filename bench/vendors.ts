// Seeds N vendors (default 2,000) with two contracts, a certification and a
// questionnaire each, then times the vendor list (page 1, a later page, and
// filtered by tier and name) as the list page and GET /api/v1/vendors run it.
//   npm run bench:vendors -- [vendors]
import pg from 'pg';
import { benchDatabase, figure, ms, percentile } from './support';

const total = Number(process.argv[2] ?? 2_000);
const RUNS = 30;

const bench = await benchDatabase('vendors');
process.env.DATABASE_URL = bench.url;
const pool = new pg.Pool({ connectionString: bench.url, max: 4 });
try {
  const orgId = 'org-bench';
  await pool.query(`INSERT INTO "Organization" ("id","name","slug","updatedAt") VALUES ($1,'Bench','bench',now())`, [orgId]);
  const seedStart = performance.now();
  const cats = ['FOUNDATION_MODEL', 'API_PROVIDER', 'DATA_VENDOR', 'LABELLING', 'HOSTING', 'OTHER'];
  const tiers = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
  const ids = Array.from({ length: total }, (_, i) => `v-${i}`);
  await pool.query(
    `INSERT INTO "Vendor" ("id","orgId","name","category","services","riskTier","subprocessors","aiSystemIds","modelIds","datasetIds","nextReviewAt","updatedAt")
     SELECT id, $1, 'Vendor ' || lpad(n::text, 5, '0'), (($2::text[])[1 + n % 6])::"VendorCategory", 'bench services', (($3::text[])[1 + n % 4])::"VendorRiskTier", '{}', '{}', '{}', '{}', now() + (n % 400 - 30) * interval '1 day', now()
     FROM unnest($4::text[]) WITH ORDINALITY AS t(id, n)`,
    [orgId, cats, tiers, ids],
  );
  await pool.query(
    `INSERT INTO "VendorContract" ("id","vendorId","type","expiresAt")
     SELECT 'c1-' || id, id, 'DPA'::"VendorContractType", now() + (n % 700) * interval '1 day' FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)
     UNION ALL SELECT 'c2-' || id, id, 'BAA'::"VendorContractType", now() + (n % 90) * interval '1 day' FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`,
    [ids],
  );
  await pool.query(`INSERT INTO "VendorCertification" ("id","vendorId","kind","expiresAt") SELECT 'k-' || id, id, 'SOC2_TYPE2'::"VendorCertificationKind", now() + (n % 365) * interval '1 day' FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`, [ids]);
  await pool.query(`INSERT INTO "VendorQuestionnaire" ("id","orgId","vendorId","templateKey","status") SELECT 'q-' || id, $2, id, 'ai-specific', (CASE WHEN n % 3 = 0 THEN 'SENT' ELSE 'REVIEWED' END)::"QuestionnaireStatus" FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`, [ids, orgId]);
  await pool.query('ANALYZE');
  console.log(`seeded ${total.toLocaleString()} vendors in ${ms(performance.now() - seedStart)}`);

  const { listVendors } = await import('@/lib/vendors/queries');
  const actor = {
    kind: 'user' as const, userId: 'u-bench', tokenId: null, orgId, role: 'AUDITOR' as const, name: 'Bench', email: null, label: 'bench',
    grants: { any: ['vendors:read' as const], own: [] }, request: { id: 'bench', ip: null },
  };
  const cases: [string, Record<string, string | number>][] = [
    ['page 1 of 25', {}],
    ['page 40 of 25', { page: 40 }],
    ['tier HIGH + name', { tier: 'HIGH', q: 'Vendor 01' }],
  ];
  for (const [label, query] of cases) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await listVendors(actor, query);
      times.push(performance.now() - t);
    }
    figure('vendors', `vendor list, ${label}, p95`, percentile(times, 95), 'ms', { op: '<', value: 300 });
    console.log(`vendor list, ${label}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`);
  }
  const { db } = await import('@/lib/db');
  await db.$disconnect();
} finally {
  await pool.end();
  await bench.close();
}
