// First-load JavaScript per signed-in route, gzipped: every script the
// route's HTML loads before any interaction (the chunks next/dynamic fetches
// later, like the chart library, are not counted), on the production build
// with the demo data. Floor: 170 KB on every route.
//   npm run bench -- js-budget
import { gzipSync } from 'node:zlib';
import { benchDatabase, figure, signInCookie, startApp } from './support';

const ROUTES = [
  '/', '/requirements', '/requirements/crosswalk', '/models', '/datasets', '/audits', '/audits/findings', '/incidents', '/reviews', '/audit-trail', '/admin/users', '/notifications',
  '/calendar', '/monitoring', '/monitoring/alerts', '/decisions', '/decisions/stats', '/privacy', '/privacy/requests', '/risks', '/threats', '/vendors', '/policies', '/reports', '/account/security',
];

const bench = await benchDatabase('js_budget');
process.env.DATABASE_URL = bench.url;
process.env.DEMO_MODE = 'true';
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  const { seedDemo } = await import('../prisma/seed/index');
  const { DEMO_PASSWORD } = await import('../prisma/seed/demo-accounts');
  await seedDemo(() => {});
  const { db } = await import('@/lib/db');
  // A model page and a version page of the demo, the heaviest pages with charts.
  const version = await db.modelVersion.findFirst({ where: { stage: 'PRODUCTION' }, select: { label: true, model: { select: { key: true } } } });
  if (version) ROUTES.push(`/models/${version.model.key}`, `/models/${version.model.key}/versions/${version.label}`);
  await db.$disconnect();

  app = await startApp(bench.url);
  const cookie = await signInCookie(app.baseUrl, 'admin@acme.example', DEMO_PASSWORD);
  const sizes = new Map<string, number>();
  const sizeOf = async (src: string) => {
    if (!sizes.has(src)) {
      const res = await fetch(new URL(src, app!.baseUrl));
      sizes.set(src, gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length);
    }
    return sizes.get(src)!;
  };
  let worst = 0;
  for (const route of ROUTES) {
    const res = await fetch(`${app.baseUrl}${route}`, { headers: { cookie }, redirect: 'manual' });
    if (res.status !== 200) {
      console.log(`  ${route}: HTTP ${res.status}, skipped`);
      continue;
    }
    const html = await res.text();
    // A `nomodule` script (the framework's legacy polyfills) is skipped by every browser that runs modules.
    const scripts = [...new Set([...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\snomodule(=|\s|>)/i.test(tag)).map((tag) => /\ssrc="([^"]+\.js[^"]*)"/.exec(tag)?.[1]).filter((src): src is string => !!src))];
    let total = 0;
    for (const src of scripts) total += await sizeOf(src);
    worst = Math.max(worst, total);
    figure('js-budget', `first-load JS, gzipped: ${route}`, total / 1024, 'KB', { op: '<=', value: 170 });
  }
  figure('js-budget', 'first-load JS, gzipped: the heaviest route', worst / 1024, 'KB', { op: '<=', value: 170 });
} finally {
  await app?.stop();
  await bench.close();
}
