// Seeds 20 monitored production versions × one year of hourly windows
// (175,200 windows, 5 metric values each: accuracy overall and for three age
// groups, selection rate; one drift feature) and times, as the production
// build serves them (server time per request, signed in): the monitoring
// overview, a version's monitoring page (90 days and a year), the alert list
// and the version API. Needs `npm run build` first (npm run bench -- monitoring does it).
//   npm run bench:monitoring -- [versions] [hours] [requests]
// BENCH_IN_PROCESS=1 times the same queries in this process instead (no build
// needed): the reads behind the pages, without rendering or HTTP.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { benchDatabase, figure, ms, signInCookie, startApp, timeRequests } from './support';

const VERSIONS = Number(process.argv[2] ?? 20);
const HOURS = Number(process.argv[3] ?? 8760);
const REQUESTS = Number(process.argv[4] ?? 40);
const PASSWORD = 'bench-password-2026';

const database = await benchDatabase('monitoring');
process.env.DATABASE_URL = database.url;
const { db } = await import('@/lib/db');
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  const seedStart = performance.now();
  const org = await db.organization.create({ data: { name: 'Bench Org', slug: `bench-${randomBytes(3).toString('hex')}` } });
  const passwordHash = await hashPassword(PASSWORD);
  const roles = ['ADMIN', 'COMPLIANCE_OFFICER', 'AUDITOR', 'ENGINEER', 'ENGINEER'] as const;
  await db.user.createMany({ data: roles.map((role, i) => ({ orgId: org.id, email: `user${i}@bench.example`, name: `User ${i}`, role, passwordHash })) });
  const users = await db.user.findMany({ where: { orgId: org.id }, select: { id: true }, orderBy: { email: 'asc' } });
  const system = await db.aISystem.create({ data: { orgId: org.id, name: 'Bench system', purpose: 'bench', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } });
  const end = Date.UTC(2026, 11, 1);
  const versionIds: string[] = [];
  for (let i = 0; i < VERSIONS; i++) {
    const owner = users[3 + (i % 2)].id;
    const model = await db.model.create({ data: { orgId: org.id, systemId: system.id, key: `bench-${i}`, name: `Bench model ${String(i).padStart(2, '0')}`, purpose: 'bench', ownerId: owner }, select: { id: true } });
    const v = await db.modelVersion.create({ data: { orgId: org.id, modelId: model.id, label: '1.0.0', stage: 'PRODUCTION', createdById: owner }, select: { id: true } });
    versionIds.push(v.id);
    await db.monitor.create({
      data: {
        orgId: org.id,
        versionId: v.id,
        groupAttributes: ['age'],
        cadenceHours: 1,
        missingAfterHours: 26,
        metrics: {
          create: [
            { name: 'accuracy', attribute: '', direction: 'AT_LEAST', threshold: 0.8, baseline: 0.86 },
            { name: 'accuracy', attribute: 'age', direction: 'AT_LEAST', threshold: 0.8, fairness: true },
            { name: 'selection_rate', attribute: '', direction: 'AT_LEAST', threshold: 0.2, baseline: 0.41 },
          ],
        },
        features: { create: [{ name: 'income', kind: 'NUMERIC', method: 'WASSERSTEIN', threshold: 0.1, reference: { edges: [0, 1, 2, 3, 4], counts: [25, 25, 25, 25] } }] },
      },
    });
  }
  const start = new Date(end - HOURS * 3_600_000);
  // Windows and values in SQL: hundreds of thousands of rows in seconds.
  await db.$executeRaw`
    INSERT INTO "MonitorWindow" ("id", "orgId", "monitorId", "externalId", "startsAt", "endsAt", "rowCount", "labelledCount", "health", "features", "drift", "updatedAt", "digest")
    SELECT m."id" || '-' || h, m."orgId", m."id", 'h-' || h, ${start}::timestamptz + make_interval(hours => h), ${start}::timestamptz + make_interval(hours => h + 1), 1000, 1000,
           'OK', '{"income":{"counts":[250,250,250,250]}}'::jsonb,
           jsonb_build_array(jsonb_build_object('feature', 'income', 'method', 'WASSERSTEIN', 'score', 0.02 + (h % 50) / 1000.0, 'threshold', 0.1, 'level', 'OK', 'psi', 0.01, 'js', 0.02, 'wasserstein', 0.02, 'ks', 0.03)),
           now(), md5(m."id" || h)
      FROM "Monitor" m CROSS JOIN generate_series(0, ${HOURS - 1}) AS h
     WHERE m."orgId" = ${org.id}`;
  await db.$executeRaw`
    INSERT INTO "MonitorMetricValue" ("windowId", "monitorId", "endsAt", "metric", "attribute", "groupValue", "value", "count")
    SELECT w."id", w."monitorId", w."endsAt", v.metric, v.attribute, v.grp, v.base + sin(extract(epoch FROM w."endsAt") / 86400.0) * 0.01, v.n
      FROM "MonitorWindow" w
      CROSS JOIN (VALUES ('accuracy', '', '', 0.86, 1000), ('accuracy', 'age', '<25', 0.84, 200), ('accuracy', 'age', '25-60', 0.86, 600), ('accuracy', 'age', '>60', 0.85, 200), ('selection_rate', '', '', 0.41, 1000)) AS v(metric, attribute, grp, base, n)
     WHERE w."orgId" = ${org.id}`;
  const monitors = await db.monitor.findMany({ where: { orgId: org.id }, select: { id: true, versionId: true } });
  for (const [i, m] of monitors.entries()) {
    await db.monitor.update({ where: { id: m.id }, data: { lastWindowEnd: new Date(end), windowCount: HOURS, health: i % 5 === 0 ? 'WARNING' : 'OK', worst: { metric: 'accuracy', attribute: 'age', group: '<25', value: 0.83, threshold: 0.8, direction: 'AT_LEAST' } } });
    if (i % 5 === 0) {
      await db.monitorAlert.createMany({
        data: Array.from({ length: 30 }, (_, k) => ({ orgId: org.id, monitorId: m.id, kind: 'METRIC' as const, level: 'WARNING' as const, status: k === 0 ? ('OPEN' as const) : ('RESOLVED' as const), subject: 'accuracy', attribute: 'age', groupValue: '<25', value: 0.83, threshold: 0.8, openKey: k === 0 ? `${m.id}|METRIC|accuracy|age|<25` : null, openedAt: new Date(end - k * 86_400_000) })),
      });
    }
  }
  await db.$executeRawUnsafe('ANALYZE');
  const windows = await db.monitorWindow.count();
  const values = await db.monitorMetricValue.count();
  console.log(`seeded ${VERSIONS} monitored versions, ${windows.toLocaleString()} windows, ${values.toLocaleString()} metric values in ${ms(performance.now() - seedStart)}`);
  figure('monitoring', 'windows seeded', windows, 'windows');
  if (process.env.BENCH_IN_PROCESS === '1') {
    const { ROLE_GRANTS } = await import('@/lib/auth/permissions');
    const q = await import('@/lib/monitoring/queries');
    const { percentile } = await import('./support');
    const officer = await db.user.findFirstOrThrow({ where: { orgId: org.id, role: 'COMPLIANCE_OFFICER' }, select: { id: true, name: true, email: true } });
    const actor = { kind: 'user' as const, userId: officer.id, tokenId: null, orgId: org.id, role: 'COMPLIANCE_OFFICER' as const, name: officer.name, email: officer.email, label: officer.email, grants: ROLE_GRANTS.COMPLIANCE_OFFICER, request: { id: 'bench', ip: null } };
    const v = versionIds[0];
    const reads: [string, () => Promise<unknown>][] = [
      ['Overview query (listMonitors)', () => q.listMonitors(actor)],
      ['Version query, 90 days', () => q.getVersionMonitoring(actor, v)],
      ['Version query, a year', () => q.getVersionMonitoring(actor, v, { days: 365 })],
      ['Feature detail query', () => q.getFeatureDrift(actor, v, 'income')],
      ['Alerts query, not resolved', () => q.listAlerts(actor, { status: 'UNRESOLVED' })],
    ];
    for (const [label, run] of reads) {
      const times: number[] = [];
      for (let i = 0; i < REQUESTS + 3; i++) {
        const t = performance.now();
        await run();
        if (i >= 3) times.push(performance.now() - t);
      }
      const p95 = percentile(times, 95);
      figure('monitoring', `${label} (in process), p95`, p95, 'ms', { op: '<', value: 300 });
      console.log(`${label.padEnd(48)} p50 ${ms(percentile(times, 50)).padStart(9)}  p95 ${ms(p95).padStart(9)}  max ${ms(Math.max(...times)).padStart(9)}`);
    }
    await db.$disconnect();
    process.exitCode = 0;
  } else {
  await db.$disconnect();

  app = await startApp(database.url);
  const compliance = await signInCookie(app.baseUrl, 'user1@bench.example', PASSWORD);
  const engineer = await signInCookie(app.baseUrl, 'user3@bench.example', PASSWORD);
  const v = versionIds[0];
  const cases: [string, string, string][] = [
    ['Page /monitoring (overview)', '/monitoring', compliance],
    ['API overview', '/api/v1/monitoring/monitors', engineer],
    ['Page version monitoring (90 days, per day)', `/monitoring/${v}`, engineer],
    ['Page version monitoring (a year, per day)', `/monitoring/${v}?days=365`, compliance],
    ['Page version monitoring with feature detail', `/monitoring/${v}?feature=income`, engineer],
    ['API version monitoring', `/api/v1/monitoring/monitors/${v}`, compliance],
    ['Page alerts, not resolved', '/monitoring/alerts?status=UNRESOLVED', compliance],
  ];
  for (const [label, path, cookie] of cases) {
    const t = await timeRequests(`${app.baseUrl}${path}`, cookie, REQUESTS);
    figure('monitoring', `${label}, p95`, t.p95, 'ms', { op: '<', value: 300 });
    console.log(`${label.padEnd(48)} p50 ${ms(t.p50).padStart(9)}  p95 ${ms(t.p95).padStart(9)}  max ${ms(t.max).padStart(9)}`);
  }
  }
} finally {
  await app?.stop();
  await database.close();
}
