// Seeds 2,000 requirements × 50 AI systems (100,000 cells) and times the
// matrix page on the production build: server time p50/p95 for the page
// and for a window deep in the list, and the time until the first rows are
// visible in Chromium. Run `npm run build` first.
//   npm run bench:requirements -- [requirements] [systems]
import pg from 'pg';
import { chromium } from '@playwright/test';
import { hashPassword } from '@/lib/auth/password';
import { benchDatabase, figure, ms, percentile, signInCookie, startApp, timeRequests } from './support';

const REQUIREMENTS = Number(process.argv[2] ?? 2000);
const SYSTEMS = Number(process.argv[3] ?? 50);
const FRAMEWORKS = 10;
const EMAIL = 'bench-admin@acme.example';
const PASSWORD = 'bench-password-2026-matrix';

const db = await benchDatabase('requirements');
const pool = new pg.Pool({ connectionString: db.url, max: 4 });
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  const t0 = performance.now();
  await pool.query(`INSERT INTO "Organization" ("id","name","slug","updatedAt") VALUES ('org-bench','Bench Org','bench-org', now())`);
  await pool.query(`INSERT INTO "User" ("id","orgId","email","name","role","passwordHash","updatedAt") VALUES ('u-admin','org-bench',$1,'Bench Admin','ADMIN',$2, now())`, [EMAIL, await hashPassword(PASSWORD)]);
  await pool.query(`INSERT INTO "User" ("id","orgId","email","name","role","updatedAt") SELECT 'u-'||n,'org-bench','owner'||n||'@acme.example','Owner '||n,'ENGINEER', now() FROM generate_series(1,20) n`);
  await pool.query(
    `INSERT INTO "Framework" ("id","orgId","key","name","kind","jurisdiction","version","updatedAt")
     SELECT 'f-'||n,'org-bench','bench-fw-'||n,'Bench framework '||n,'STANDARD','International','1', now() FROM generate_series(0,$1::int - 1) n`,
    [FRAMEWORKS],
  );
  const areas = ['DATA_SECURITY', 'MODEL_SECURITY', 'PRIVACY', 'TRANSPARENCY', 'SECURE_DEPLOYMENT', 'GOVERNANCE', 'MONITORING'];
  await pool.query(
    `INSERT INTO "Requirement" ("id","orgId","frameworkId","ref","title","summary","area","aiSpecific","ownerId","position","nextReviewDue","updatedAt")
     SELECT 'r-'||n,'org-bench','f-'||(n % $2::int),'REQ '||n,'Requirement number '||n||' on data, models and monitoring','A summary of requirement '||n||' in a sentence or two.',
            ($3::text[])[1 + n % 7]::"RequirementArea", n % 3 = 0, CASE WHEN n % 5 = 0 THEN NULL ELSE 'u-'||(1 + n % 20) END, n,
            now() + ((n % 120) - 20) * interval '1 day', now()
       FROM generate_series(1,$1::int) n`,
    [REQUIREMENTS, FRAMEWORKS, areas],
  );
  await pool.query(
    `INSERT INTO "AISystem" ("id","orgId","name","purpose","domain","regions","riskTier","status","technicalOwnerId","updatedAt")
     SELECT 's-'||n,'org-bench','AI system '||lpad(n::text,2,'0'),'Bench system','OTHER',ARRAY['EU','US'],'LIMITED','IN_PRODUCTION','u-'||(1 + n % 20), now() FROM generate_series(1,$1::int) n`,
    [SYSTEMS],
  );
  await pool.query(`INSERT INTO "SystemFramework" ("systemId","frameworkId","orgId","confirmed") SELECT s."id", f."id", 'org-bench', true FROM "AISystem" s CROSS JOIN "Framework" f`);
  await pool.query(
    `INSERT INTO "MatrixCell" ("id","orgId","requirementId","systemId","status","assessedById","assessedAt","updatedAt")
     SELECT 'c-'||r.n||'-'||s.n,'org-bench','r-'||r.n,'s-'||s.n,
            (ARRAY['COMPLIANT','COMPLIANT','PARTIALLY_COMPLIANT','NON_COMPLIANT','NOT_APPLICABLE','NOT_ASSESSED'])[1 + (r.n * 7 + s.n * 13) % 6]::"ComplianceStatus",
            'u-admin', now(), now()
       FROM generate_series(1,$1::int) r(n) CROSS JOIN generate_series(1,$2::int) s(n)`,
    [REQUIREMENTS, SYSTEMS],
  );
  await pool.query('VACUUM ANALYZE');
  console.log(`seeded ${REQUIREMENTS.toLocaleString()} requirements × ${SYSTEMS} systems (${(REQUIREMENTS * SYSTEMS).toLocaleString()} cells) in ${ms(performance.now() - t0)}`);

  app = await startApp(db.url);
  const cookie = await signInCookie(app.baseUrl, EMAIL, PASSWORD);
  const pages: [string, string][] = [
    ['matrix page, no filter', '/requirements'],
    ['matrix page, framework + status filter', '/requirements?framework=bench-fw-3&status=NON_COMPLIANT'],
    ['matrix page, unowned + overdue', '/requirements?owner=unowned&overdue=true'],
    ['API window at offset 1,500', '/api/v1/matrix?offset=1500&limit=100'],
    ['summary API', '/api/v1/matrix/summary'],
  ];
  for (const [label, path] of pages) {
    const r = await timeRequests(`${app.baseUrl}${path}`, cookie, 30);
    figure('requirements', `${label}, p95`, r.p95, 'ms', { op: '<', value: label.startsWith('matrix page') ? 150 : 100 });
    console.log(`${label.padEnd(40)} p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  max ${ms(r.max)}`);
  }

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const [name, value] = cookie.split(/=(.*)/s);
    const context = await browser.newContext();
    await context.addCookies([{ name, value, url: app.baseUrl }]);
    const page = await context.newPage();
    const firstRows: number[] = [];
    const deepRows: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      await page.goto(`${app.baseUrl}/requirements`, { waitUntil: 'commit' });
      await page.getByTestId('matrix-row').first().waitFor({ state: 'visible' });
      firstRows.push(performance.now() - t);
      // Jump to the middle of the list: the grid fetches that window and renders it.
      const s = performance.now();
      await page.getByTestId('matrix-grid').evaluate((el) => {
        el.scrollTop = el.scrollHeight / 2;
      });
      await page.locator('[data-testid="matrix-row"][aria-rowindex="1002"]').waitFor({ state: 'visible' });
      deepRows.push(performance.now() - s);
    }
    const rendered = await page.getByTestId('matrix-row').count();
    await page.screenshot({ path: '.data/bench-matrix.png' });
    figure('requirements', 'matrix in Chromium, first rows visible (p95)', percentile(firstRows.slice(1), 95), 'ms', { op: '<', value: 1500 });
    console.log(`Chromium: first rows visible       p50 ${ms(percentile(firstRows.slice(1), 50))}  p95 ${ms(percentile(firstRows.slice(1), 95))}`);
    console.log(`Chromium: rows after jump to middle p50 ${ms(percentile(deepRows.slice(1), 50))}  p95 ${ms(percentile(deepRows.slice(1), 95))}  (${rendered} row elements in the DOM of ${REQUIREMENTS})`);
  } finally {
    await browser.close();
  }
} finally {
  await app?.stop();
  await pool.end();
  await db.close();
}
