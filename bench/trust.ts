// The public trust centre against /api/health and the signed-in dashboard on
// the same production server, on the demo data (whose seed publishes the
// trust centre): requests per second at 50 connections. The claim: the
// public page serves at least 10x the signed-in dashboard's throughput.
// Views are written in batches (lib/trust/views.ts): after the server is
// stopped with SIGTERM, every page served must be a TrustView row.
//   npm run build && npm run bench -- trust   (or npm run bench:trust -- [seconds] [connections])
import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { benchDatabase, figure, signInCookie, startApp, throughput } from './support';

const SECONDS = Number(process.argv[2] ?? 8);
const CONNECTIONS = Number(process.argv[3] ?? 50);

const bench = await benchDatabase('trust');
process.env.DATABASE_URL = bench.url;
process.env.DEMO_MODE = 'true';
// The demo seed signs the production attestations at approval: it needs a key (a throw-away one here).
process.env.SIGNING_PRIVATE_KEY ??= generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let app: Awaited<ReturnType<typeof startApp>> | undefined;

/** Page views written to the database (read with a plain client: the app's own may be stopped). */
async function pageViews(): Promise<number> {
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "TrustView" WHERE kind = 'page'`)).rows[0].n);
  } finally {
    await client.end();
  }
}
try {
  const { seedDemo } = await import('../prisma/seed/index');
  const { DEMO_PASSWORD, DEMO_ORG } = await import('../prisma/seed/demo-accounts');
  await seedDemo(() => {});
  const { db } = await import('@/lib/db');
  await db.$disconnect();

  // Every request of the load comes from one address: lift its budget for this run only.
  process.env.TRUST_RATE_LIMIT_PER_MINUTE = '1000000';
  app = await startApp(bench.url);
  const cookie = await signInCookie(app.baseUrl, 'compliance@acme.example', DEMO_PASSWORD);
  const health = await throughput(`${app.baseUrl}/api/health`, null, CONNECTIONS, SECONDS);
  figure('trust', `/api/health at ${CONNECTIONS} connections`, health.rps, 'req/s');
  const dashboard = await throughput(`${app.baseUrl}/`, cookie, CONNECTIONS, SECONDS);
  figure('trust', `signed-in dashboard at ${CONNECTIONS} connections`, dashboard.rps, 'req/s');
  const viewsBefore = await pageViews();
  const trust = await throughput(`${app.baseUrl}/trust/${DEMO_ORG.slug}`, null, CONNECTIONS, SECONDS);
  if (trust.errors) console.log(`  trust centre: ${trust.errors} requests failed or were limited`);
  figure('trust', `public trust centre at ${CONNECTIONS} connections`, trust.rps, 'req/s');
  figure('trust', 'trust centre throughput / signed-in dashboard', trust.rps / Math.max(dashboard.rps, 0.001), 'x', { op: '>=', value: 10 });
  figure('trust', 'trust centre throughput / /api/health', (100 * trust.rps) / health.rps, '%');
  figure('trust', `trust centre p95 at ${CONNECTIONS} connections`, trust.p95, 'ms', { op: '<', value: 500 });

  await app.stop();
  app = undefined;
  const served = trust.requests - trust.errors;
  const written = await pageViews();
  figure('trust', `page views written after SIGTERM, of ${served} served`, written - viewsBefore, 'views', { op: '>=', value: served });
} finally {
  await app?.stop();
  await bench.close();
}
