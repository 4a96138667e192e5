// Seeds 20 monitored production versions × one year of hourly windows
// (175,200 windows, 5 metric values each: accuracy overall and for three age
// groups, selection rate; one drift feature) and times, as the production
// build serves them (server time per request, signed in): the monitoring
// overview, a version's monitoring page (90 days and a year), the alert list
// and the version API. Needs `npm run build` first (npm run bench -- monitoring does it).
//   npm run bench:monitoring -- [versions] [hours] [requests]
// BENCH_IN_PROCESS=1 times the same queries in this process instead (no build
// needed): the reads behind the pages, without rendering or HTTP.
// BENCH_PARTS (comma-separated, default "reads") chooses what runs:
//   reads  — the pages above;
//   ingest — 10,000 windows (50 features, 10 groups) through POST …/windows with a
//            monitoring:write token, then raw rows through POST …/rows (rows/s), and
//            raw-row aggregation alone in process; over HTTP, or through the route
//            handlers in process with BENCH_IN_PROCESS=1;
//   drift  — every drift statistic of 50 numeric features, 100,000 reference rows
//            against a window of 100,000 (in process, no database).
// e.g. BENCH_PARTS=drift,ingest npm run bench:monitoring
import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { benchDatabase, figure, ms, signInCookie, startApp, timeRequests } from './support';

const VERSIONS = Number(process.argv[2] ?? 20);
const HOURS = Number(process.argv[3] ?? 8760);
const REQUESTS = Number(process.argv[4] ?? 40);
const PASSWORD = 'bench-password-2026';

const PARTS = new Set((process.env.BENCH_PARTS ?? 'reads').split(',').map((p) => p.trim()));
const IN_PROCESS = process.env.BENCH_IN_PROCESS === '1';

if (PARTS.has('drift')) {
  const { sampleDriftScores } = await import('@/lib/monitoring/drift');
  // A fixed pseudo-random source, so every run draws the same samples.
  let seed = 42;
  const uniform = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) + 0.5) / 2_147_483_648;
  const normal = (mean: number, sd: number) => mean + sd * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const features = Array.from({ length: 50 }, (_, f) => ({
    reference: Float64Array.from({ length: 100_000 }, () => normal(f, 1)),
    current: Float64Array.from({ length: 100_000 }, () => normal(f + (f % 5 === 0 ? 0.3 : 0), 1)),
  }));
  // The first run also compiles the code (JIT); it is printed, and the figure is the median of the five after it.
  const runs: number[] = [];
  const cpu: number[] = [];
  let drifted = 0;
  for (let r = 0; r < 6; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    drifted = features.map((x) => sampleDriftScores(x.reference, x.current)).filter((d) => (d.wasserstein ?? 0) >= 0.1).length;
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    runs.push(performance.now() - t);
  }
  const warm = runs.slice(1).sort((a, b) => a - b);
  figure('monitoring', 'Drift, 50 numeric features, 100k vs 100k rows (PSI, JS, Wasserstein, KS), median of 5 after a first run', warm[2] / 1000, 's', { op: '<', value: 2 });
  console.log(`drift: 50 features × 100,000 vs 100,000 rows: first run ${ms(runs[0])}, then ${runs.slice(1).map((x) => ms(x)).join(', ')} (CPU time of this process: ${cpu.map((x) => ms(x)).join(', ')}); ${drifted} features drifted (10 were shifted)`);
}

const database = await benchDatabase('monitoring');
process.env.DATABASE_URL = database.url;
const { db } = await import('@/lib/db');
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  if (PARTS.has('reads')) {
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
    // The daily roll-up, as ingestion keeps it (lib/monitoring/mutations/rollup.ts).
    const { rebuildDailyRollup } = await import('@/lib/monitoring/mutations/rollup');
    for (const m of monitors) await rebuildDailyRollup(db, m.id);
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
    } else {
    app ??= await startApp(database.url);
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
  }

  if (PARTS.has('ingest')) {
    const { systemActor } = await import('@/lib/auth/actor');
    const { ROLE_GRANTS } = await import('@/lib/auth/permissions');
    const { createMonitor } = await import('@/lib/monitoring/mutations');
    const { createToken } = await import('@/lib/tokens/mutations');
    const { aggregateRows } = await import('@/lib/monitoring/aggregate');
    const org = await db.organization.create({ data: { name: 'Ingest Org', slug: `ingest-${randomBytes(3).toString('hex')}` } });
    const owner = await db.user.create({ data: { orgId: org.id, email: `owner@${org.slug}.example`, name: 'Owner', role: 'COMPLIANCE_OFFICER', passwordHash: await hashPassword(PASSWORD) }, select: { id: true, name: true, email: true } });
    const person = { kind: 'user' as const, userId: owner.id, tokenId: null, orgId: org.id, role: 'COMPLIANCE_OFFICER' as const, name: owner.name, email: owner.email, label: owner.email, grants: ROLE_GRANTS.COMPLIANCE_OFFICER, request: { id: 'bench', ip: null } };
    const system = await db.aISystem.create({ data: { orgId: org.id, name: 'Ingest system', purpose: 'bench', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH' }, select: { id: true } });
    const model = await db.model.create({ data: { orgId: org.id, systemId: system.id, key: 'ingest', name: 'Ingest model', purpose: 'bench', ownerId: owner.id }, select: { id: true } });
    const version = await db.modelVersion.create({ data: { orgId: org.id, modelId: model.id, label: '1.0.0', stage: 'PRODUCTION', createdById: owner.id }, select: { id: true } });
    const GROUPS = Array.from({ length: 10 }, (_, g) => `g${g}`);
    const FEATURES = Array.from({ length: 50 }, (_, f) => `f${f}`);
    const EDGES = Array.from({ length: 11 }, (_, i) => i);
    const monitor = await createMonitor(systemActor(org.id, 'bench'), {
      versionId: version.id,
      cadenceHours: 1,
      groupAttributes: ['segment'],
      metrics: [
        { name: 'accuracy', direction: 'AT_LEAST', threshold: 0.8, baseline: 0.9 },
        { name: 'accuracy', attribute: 'segment', direction: 'AT_LEAST', threshold: 0.8 },
        { name: 'selection_rate', direction: 'AT_LEAST', threshold: 0.2 },
      ],
      features: FEATURES.map((name) => ({ name, kind: 'NUMERIC' as const, reference: { edges: EDGES, counts: EDGES.slice(1).map(() => 1000) } })),
    });
    const { secret } = await createToken(person, { name: 'bench pipeline', scopes: ['monitoring:write'] });
    const base = `/api/v1/monitoring/monitors/${monitor.id}`;
    const route = IN_PROCESS
      ? {
          windows: (await import('@/app/api/v1/monitoring/monitors/[id]/windows/route')).POST,
          rows: (await import('@/app/api/v1/monitoring/monitors/[id]/rows/route')).POST,
        }
      : null;
    if (!IN_PROCESS) app ??= await startApp(database.url);
    const post = async (kind: 'windows' | 'rows', body: string) => {
      const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
      if (route) {
        const { NextRequest } = await import('next/server');
        const res = await route[kind](new NextRequest(`http://bench.test${base}/${kind}`, { method: 'POST', body, headers: { ...headers, host: 'bench.test' } }), { params: Promise.resolve({ id: monitor.id }) });
        if (res.status !== 200) throw new Error(`${kind} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        return;
      }
      const res = await fetch(`${app!.baseUrl}${base}/${kind}`, { method: 'POST', body, headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${kind} answered ${res.status}: ${text.slice(0, 300)}`);
    };
    const TOTAL = Number(process.env.BENCH_WINDOWS ?? 10_000);
    const first = Date.now() - (TOTAL + 2) * 3_600_000;
    const win = (i: number) => ({
      windowId: `w-${i}`,
      start: new Date(first + i * 3_600_000).toISOString(),
      end: new Date(first + (i + 1) * 3_600_000).toISOString(),
      rowCount: 1000,
      labelledCount: 1000,
      metrics: [
        { name: 'accuracy', value: 0.9, count: 1000 },
        { name: 'selection_rate', value: 0.4, count: 1000 },
        ...GROUPS.flatMap((group, g) => [
          { name: 'accuracy', attribute: 'segment', group, value: 0.88 + g / 500, count: 100 },
          { name: 'selection_rate', attribute: 'segment', group, value: 0.38 + g / 500, count: 100 },
        ]),
      ],
      features: Object.fromEntries(FEATURES.map((f, k) => [f, { counts: EDGES.slice(1).map((_, b) => 100 + ((i + k + b) % 7)) }])),
    });
    // As many windows per request as fit the ingestion routes' 24 MB JSON limit (at most 500).
    const perWindow = JSON.stringify(win(0)).length;
    const batch = Math.min(500, Math.floor((24 * 1024 * 1024 * 0.95) / (perWindow + 1)));
    // BENCH_SENDERS pipelines send at once (default 2): one request's checks run while another's is written.
    const SENDERS = Number(process.env.BENCH_SENDERS ?? 2);
    const starts = Array.from({ length: Math.ceil(TOTAL / batch) }, (_, k) => k * batch);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let i = starts.shift(); i !== undefined; i = starts.shift()) await post('windows', JSON.stringify({ windows: Array.from({ length: Math.min(batch, TOTAL - i) }, (_, k) => win(i + k)) }));
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const stored = await db.monitorWindow.count({ where: { monitorId: monitor.id } });
    figure('monitoring', `Ingest ${TOTAL.toLocaleString()} windows (50 features, 10 groups) ${IN_PROCESS ? 'through the route handler' : 'over HTTP'}`, seconds, 's', { op: '<', value: 60 });
    console.log(`ingest: ${stored.toLocaleString()} windows stored in ${seconds.toFixed(1)} s, ${Math.ceil(TOTAL / batch)} requests of ${batch} (${(perWindow / 1024).toFixed(1)} KB a window) from ${SENDERS} sender(s), ${(TOTAL / seconds).toFixed(0)} windows/s`);

    // Raw rows: 10 groups, two numeric features, as many rows a request as fit 24 MB (at most 50,000).
    const row = (i: number) => ({ y_true: i % 3 === 0 ? 0 : 1, y_pred: i % 4 === 0 ? 0 : 1, score: (i % 100) / 100, group: GROUPS[i % 10], features: { f0: (i % 97) / 10, f1: (i % 89) / 9 } });
    const perRow = Math.max(...Array.from({ length: 1000 }, (_, i) => JSON.stringify(row(i * 7919)).length)) + 1;
    const rowsPerRequest = Math.min(50_000, Math.floor((24 * 1024 * 1024 * 0.9) / perRow));
    const requests = 5;
    const tr = performance.now();
    for (let r = 0; r < requests; r++) {
      const end = Date.now() - r * 60_000;
      await post('rows', JSON.stringify({ windowId: `raw-${r}`, start: new Date(end - 60_000).toISOString(), end: new Date(end).toISOString(), rows: Array.from({ length: rowsPerRequest }, (_, i) => row(r * rowsPerRequest + i)) }));
    }
    const rowSeconds = (performance.now() - tr) / 1000;
    const rate = (requests * rowsPerRequest) / rowSeconds;
    figure('monitoring', `Raw rows ${IN_PROCESS ? 'through the route handler' : 'over HTTP'} (aggregated and stored), rows/s`, rate, 'rows/s', { op: '>=', value: 50_000 });
    console.log(`raw rows: ${(requests * rowsPerRequest).toLocaleString()} rows in ${requests} requests of ${rowsPerRequest.toLocaleString()} in ${rowSeconds.toFixed(2)} s = ${rate.toFixed(0)} rows/s`);

    // Aggregation alone: 50,000 rows (the largest request) with ten numeric features.
    const refs = FEATURES.slice(0, 10).map((name) => ({ name, kind: 'NUMERIC' as const, edges: EDGES }));
    const big = Array.from({ length: 50_000 }, (_, i) => ({ ...row(i), features: Object.fromEntries(refs.map((f, k) => [f.name, ((i + k) % 100) / 10])) }));
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      const out = aggregateRows(big, ['segment'], refs);
      if (!out.ok) throw new Error('bench rows refused');
      times.push(performance.now() - t);
    }
    const aggRate = 50_000 / (Math.max(...times) / 1000);
    figure('monitoring', 'Raw-row aggregation alone (50,000 rows, 10 groups, 10 features), slowest of 5, rows/s', aggRate, 'rows/s', { op: '>=', value: 50_000 });
    console.log(`aggregation alone: 50,000 rows in ${times.map((x) => ms(x)).join(', ')} = ${aggRate.toFixed(0)} rows/s (slowest)`);
  }
} finally {
  await db.$disconnect();
  await app?.stop();
  await database.close();
}
