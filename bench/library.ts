// The regulation library at full breadth: loads every shipped framework,
// requirement and crosswalk mapping into an empty organisation, reloads it
// (which must write nothing), then seeds 50 AI systems with matrix cells and
// times the crosswalk coverage view and "this also satisfies…" (p50/p95),
// in-process and, when a production build exists, as the page over HTTP.
//   npm run bench:library            (npm run build first for the page figures)
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../prisma/seed/demo-accounts';
import { benchDatabase, figure, percentile, signInCookie, startApp, timeRequests } from './support';

const SYSTEMS = 50;
const RUNS = 60;
const db = await benchDatabase('library');
process.env.DATABASE_URL = db.url;
const client = new pg.Client({ connectionString: db.url });
await client.connect();
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  process.env.DEMO_MODE = 'true';
  const { seedFoundation } = await import('../prisma/seed/foundation');
  const { orgId } = await seedFoundation();
  const { db: prisma } = await import('@/lib/db');
  const { userActor } = await import('@/lib/auth/actor');
  const { loadLibrary } = await import('@/lib/requirements/library');
  const { shippedLibrary } = await import('@/lib/requirements/library-data');
  const { crosswalkCoverage, alsoSatisfies } = await import('@/lib/requirements/queries');
  const admin = await prisma.user.findFirstOrThrow({ where: { orgId, role: 'ADMIN' }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const actor = userActor(admin, { id: 'bench', ip: null });

  let t = performance.now();
  const lib = shippedLibrary();
  const parseMs = performance.now() - t;
  const requirements = lib.frameworks.reduce((n, f) => n + f.requirements.length, 0);
  console.log(`shipped library: ${lib.frameworks.length} frameworks, ${requirements} requirements, ${lib.crosswalk.length} crosswalk mappings (validated and OSCAL-resolved in ${Math.round(parseMs)} ms)`);

  t = performance.now();
  const first = await loadLibrary(actor);
  const loadMs = performance.now() - t + parseMs;
  figure('library', 'load of all frameworks into an empty organisation (incl. parsing)', loadMs, 'ms', { op: '<', value: 10_000 });
  const stored = await client.query<{ frameworks: string; requirements: string; mappings: string }>(
    `SELECT (SELECT count(*) FROM "Framework" WHERE "orgId" = $1) AS frameworks, (SELECT count(*) FROM "Requirement" WHERE "orgId" = $1) AS requirements, (SELECT count(*) FROM "CrosswalkMapping" WHERE "orgId" = $1) AS mappings`,
    [orgId],
  );
  console.log(`  loaded ${stored.rows[0].frameworks} frameworks, ${stored.rows[0].requirements} requirements, ${stored.rows[0].mappings} mappings (${first.crosswalkCreated} created)`);

  // A reload with nothing changed: no row touched, no audit event.
  const snapshot = async () => (await client.query<{ events: string }>(`SELECT count(*) AS events FROM "AuditEvent"`)).rows[0];
  const maxUpdated = async () => (await client.query<{ r: Date | null; c: Date | null; f: Date | null }>(`SELECT (SELECT max("updatedAt") FROM "Requirement" WHERE "orgId" = $1) AS r, (SELECT max("updatedAt") FROM "CrosswalkMapping" WHERE "orgId" = $1) AS c, (SELECT max("updatedAt") FROM "Framework" WHERE "orgId" = $1) AS f`, [orgId])).rows[0];
  const before = { ...(await snapshot()), ...(await maxUpdated()) };
  t = performance.now();
  const again = await loadLibrary(actor);
  const reloadMs = performance.now() - t;
  const after = { ...(await snapshot()), ...(await maxUpdated()) };
  const written =
    Number(after.events) - Number(before.events) +
    again.frameworks.reduce((n, f) => n + f.created + f.updated, 0) + again.crosswalkCreated + again.crosswalkUpdated +
    (String(after.r) !== String(before.r) ? 1 : 0) + (String(after.c) !== String(before.c) ? 1 : 0) + (String(after.f) !== String(before.f) ? 1 : 0);
  figure('library', 'reload with no change', reloadMs, 'ms');
  figure('library', 'rows and audit events written by the reload', written, 'writes', { op: '<=', value: 0 });

  // 50 AI systems, each with cells for a fifth of the library.
  await client.query(
    `INSERT INTO "AISystem" ("id","orgId","name","purpose","domain","regions","riskTier","updatedAt")
       SELECT 'bench-sys-' || i, $1, 'Bench system ' || i, 'Purpose', (ARRAY['HEALTHCARE','FINANCE','ECOMMERCE','HR','OTHER'])[1 + i % 5]::"BusinessDomain", ARRAY['EU','US'], 'HIGH', now() FROM generate_series(1, $2::int) i`,
    [orgId, SYSTEMS],
  );
  const cells = await client.query(
    `INSERT INTO "MatrixCell" ("id","orgId","requirementId","systemId","status","updatedAt")
       SELECT 'bench-cell-' || r."id" || '-' || s."id", $1, r."id", s."id",
              (ARRAY['COMPLIANT','PARTIALLY_COMPLIANT','NON_COMPLIANT','NOT_APPLICABLE','NOT_ASSESSED'])[1 + (abs(hashtext(r."id" || s."id")) % 5)]::"ComplianceStatus", now()
         FROM "Requirement" r CROSS JOIN "AISystem" s
        WHERE r."orgId" = $1 AND s."orgId" = $1 AND abs(hashtext(r."id")) % 5 = 0`,
    [orgId],
  );
  await client.query('ANALYZE');
  console.log(`seeded ${SYSTEMS} AI systems and ${cells.rowCount} matrix cells`);

  const sources = lib.frameworks.map((f) => f.key);
  const time = async (fn: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn(i);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await fn(i);
      times.push(performance.now() - s);
    }
    return { p50: percentile(times, 50), p95: percentile(times, 95) };
  };
  const cov = await time((i) => crosswalkCoverage(actor, { source: sources[i % sources.length] }));
  figure('library', `coverage view query p50 (${stored.rows[0].mappings} mappings, every framework as source)`, cov.p50, 'ms');
  figure('library', 'coverage view query p95', cov.p95, 'ms', { op: '<', value: 300 });
  const busy = await client.query<{ id: string }>(
    `SELECT r."id" FROM "Requirement" r JOIN "CrosswalkMapping" m ON m."fromRequirementId" = r."id" OR m."toRequirementId" = r."id" WHERE r."orgId" = $1 GROUP BY r."id" ORDER BY count(*) DESC LIMIT 20`,
    [orgId],
  );
  const also = await time((i) => alsoSatisfies(actor, busy.rows[i % busy.rows.length].id));
  figure('library', '"this also satisfies…" p95 (most-mapped requirements, 50 systems)', also.p95, 'ms', { op: '<', value: 300 });

  if (existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    app = await startApp(db.url);
    const cookie = await signInCookie(app.baseUrl, admin.email, DEMO_PASSWORD);
    const page = await timeRequests(`${app.baseUrl}/requirements/crosswalk?source=iso-27001`, cookie, 30);
    figure('library', 'crosswalk page with coverage (HTTP, production build) p50', page.p50, 'ms');
    figure('library', 'crosswalk page with coverage (HTTP, production build) p95', page.p95, 'ms', { op: '<', value: 300 });
    const api = await timeRequests(`${app.baseUrl}/api/v1/crosswalk/coverage?source=nist-csf-2`, cookie, 30);
    figure('library', 'coverage API (HTTP) p95', api.p95, 'ms', { op: '<', value: 300 });
  } else {
    console.log('no production build (.next/BUILD_ID): page timings skipped; run `npm run build` first for them');
  }
  await prisma.$disconnect();
} finally {
  await app?.stop();
  await client.end();
  await db.close();
}
