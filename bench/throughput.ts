// Throughput of signed-in pages against /api/health on the same production
// server, at 50 concurrent connections, on the demo data: requests per
// second, p95 under that load, and each page's throughput as a share of
// the health route's (the reference measured in the same run).
//   npm run build && npm run bench:throughput -- [seconds per route] [connections]
import { benchDatabase, figure, signInCookie, startApp, throughput } from './support';

const SECONDS = Number(process.argv[2] ?? 8);
const CONNECTIONS = Number(process.argv[3] ?? 50);

const bench = await benchDatabase('throughput');
process.env.DATABASE_URL = bench.url;
process.env.DEMO_MODE = 'true';
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  const { seedDemo } = await import('../prisma/seed/index');
  const { DEMO_PASSWORD } = await import('../prisma/seed/demo-accounts');
  await seedDemo(() => {});
  const { db } = await import('@/lib/db');
  await db.$disconnect();

  app = await startApp(bench.url);
  const cookie = await signInCookie(app.baseUrl, 'compliance@acme.example', DEMO_PASSWORD);
  const health = await throughput(`${app.baseUrl}/api/health`, null, CONNECTIONS, SECONDS);
  figure('throughput', `/api/health at ${CONNECTIONS} connections`, health.rps, 'req/s');
  const routes: [string, string, number][] = [
    ['signed-in dashboard', '/', 0.15],
    ['requirements matrix', '/requirements', 0.25],
    ['model list', '/models', 0.25],
    ['findings list', '/audits/findings', 0.25],
    ['findings API', '/api/v1/findings', 0.25],
  ];
  for (const [label, path, share] of routes) {
    const r = await throughput(`${app.baseUrl}${path}`, cookie, CONNECTIONS, SECONDS);
    if (r.errors) console.log(`  ${label}: ${r.errors} requests failed`);
    figure('throughput', `${label}: share of /api/health throughput`, (100 * r.rps) / health.rps, '%', { op: '>=', value: share * 100 });
    figure('throughput', `${label}: p95 at ${CONNECTIONS} connections`, r.p95, 'ms', { op: '<', value: 500 });
  }
} finally {
  await app?.stop();
  await bench.close();
}
