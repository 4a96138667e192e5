// Seeds the sizes the other issues name (2,000 requirements x 50 AI systems =
// 100,000 matrix cells; 500 models / 5,000 versions; 20,000 findings; 2,000
// incidents; 200,000 audit events) and times every role's dashboard:
// server time p50/p95 over HTTP against the production build, and the time
// until the dashboard is visible in Chromium.   npm run build && npm run bench:dashboards
import { chromium } from '@playwright/test';
import pg from 'pg';
import { benchDatabase, figure, signInCookie, startApp, timeRequests } from './support';

const db = await benchDatabase('dashboards');
process.env.DATABASE_URL = db.url;
const client = new pg.Client({ connectionString: db.url });
await client.connect();
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  process.env.DEMO_MODE = 'true';
  const { seedFoundation } = await import('../prisma/seed/foundation');
  const { orgId } = await seedFoundation();
  const t0 = performance.now();
  await client.query(
    `INSERT INTO "Framework" ("id","orgId","key","name","kind","jurisdiction","version","updatedAt")
       SELECT 'fw' || i, $1, 'fw-' || i, 'Framework ' || i, 'STANDARD', 'International', '1', now() FROM generate_series(1, 10) i;
     `.replace(/\$1/g, `'${orgId}'`),
  );
  await client.query(`
    INSERT INTO "Requirement" ("id","orgId","frameworkId","ref","title","summary","area","ownerId","updatedAt")
      SELECT 'rq' || i, '${orgId}', 'fw' || (1 + i % 10), 'R-' || i, 'Requirement ' || i, 'Summary', 'GOVERNANCE', NULL, now() FROM generate_series(1, 2000) i;
    INSERT INTO "AISystem" ("id","orgId","name","purpose","domain","regions","riskTier","updatedAt")
      SELECT 'sy' || i, '${orgId}', 'System ' || i, 'Purpose', 'FINANCE', ARRAY['EU'], 'HIGH', now() FROM generate_series(1, 50) i;
    INSERT INTO "MatrixCell" ("id","orgId","requirementId","systemId","status","updatedAt")
      SELECT 'mc' || r || '-' || s, '${orgId}', 'rq' || r, 'sy' || s,
             (ARRAY['COMPLIANT','PARTIALLY_COMPLIANT','NON_COMPLIANT','NOT_APPLICABLE','NOT_ASSESSED'])[1 + (r + s) % 5]::"ComplianceStatus", now()
        FROM generate_series(1, 2000) r, generate_series(1, 50) s;
    INSERT INTO "Model" ("id","orgId","systemId","key","name","purpose","ownerId","updatedAt")
      SELECT 'mo' || i, '${orgId}', 'sy' || (1 + i % 50), 'model-' || i, 'Model ' || i, 'Purpose', (SELECT "id" FROM "User" WHERE "email" = 'engineer@acme.example'), now() FROM generate_series(1, 500) i;
    INSERT INTO "ModelVersion" ("id","orgId","modelId","label","stage","createdById","updatedAt")
      SELECT 'mv' || i, '${orgId}', 'mo' || (1 + i % 500), '1.' || i, CASE WHEN i <= 500 THEN 'PRODUCTION' ELSE (ARRAY['DRAFT','VALIDATION','BIAS_REVIEW','PENDING_APPROVAL','APPROVED','RETIRED'])[1 + i % 6] END::"ModelStage",
             (SELECT "id" FROM "User" WHERE "email" = 'engineer@acme.example'), now() FROM generate_series(1, 5000) i;
    INSERT INTO "Finding" ("id","orgId","title","description","severity","status","ownerId","dueDate","createdAt","updatedAt")
      SELECT 'fi' || i, '${orgId}', 'Finding ' || i, 'Description', (ARRAY['CRITICAL','HIGH','MEDIUM','LOW'])[1 + i % 4]::"FindingSeverity",
             (ARRAY['OPEN','IN_REMEDIATION','READY_FOR_VERIFICATION','CLOSED','RISK_ACCEPTED'])[1 + i % 5]::"FindingStatus",
             CASE WHEN i % 3 = 0 THEN (SELECT "id" FROM "User" WHERE "email" = 'engineer@acme.example') END,
             now() + ((i % 200) - 100) * interval '1 day', now() - (i % 400) * interval '1 day', now()
        FROM generate_series(1, 20000) i;
    INSERT INTO "Incident" ("id","orgId","title","description","severity","status","detectedAt","updatedAt")
      SELECT 'in' || i, '${orgId}', 'Incident ' || i, 'Description', (ARRAY['SEV1','SEV2','SEV3','SEV4'])[1 + i % 4]::"IncidentSeverity",
             (ARRAY['OPEN','ACKNOWLEDGED','CONTAINED','RESOLVED','CLOSED'])[1 + i % 5]::"IncidentStatus", now() - (i % 365) * interval '1 day', now()
        FROM generate_series(1, 2000) i;
    ANALYZE;`);
  console.log(`seeded 100,000 matrix cells, 5,000 versions, 20,000 findings, 2,000 incidents in ${Math.round(performance.now() - t0)} ms`);
  // Two closed reviews give the trend chart its history.
  const { seedReviews } = await import('../prisma/seed/reviews');
  await seedReviews(orgId);

  app = await startApp(db.url);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const testIds: Record<string, string> = { admin: 'admin-dashboard', compliance: 'compliance-dashboard', engineer: 'engineer-dashboard', auditor: 'auditor-dashboard' };
  for (const who of Object.keys(testIds)) {
    const cookie = await signInCookie(app.baseUrl, `${who}@acme.example`, 'governance-demo-2026');
    const t = await timeRequests(`${app.baseUrl}/`, cookie, 40);
    const context = await browser.newContext();
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: app.baseUrl }]);
    const page = await context.newPage();
    const visible: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await page.goto(`${app.baseUrl}/`);
      await page.getByTestId(testIds[who]).waitFor();
      visible.push(performance.now() - start);
    }
    await context.close();
    visible.sort((a, b) => a - b);
    figure('dashboards', `${who} dashboard, server p95`, t.p95, 'ms', { op: '<', value: 300 });
    figure('dashboards', `${who} dashboard, visible in Chromium (median)`, visible[2], 'ms', { op: '<', value: 1500 });
    console.log(
      `${who.padEnd(10)} dashboard server p50 ${t.p50.toFixed(0)} ms, p95 ${t.p95.toFixed(0)} ms (target < 300); visible in Chromium median ${visible[2].toFixed(0)} ms, worst ${visible[4].toFixed(0)} ms (target < 1500)`,
    );
  }
  await browser.close();
} finally {
  await app?.stop();
  await client.end();
  const g = globalThis as { prisma?: { $disconnect(): Promise<void> } };
  await g.prisma?.$disconnect();
  await db.close();
}
