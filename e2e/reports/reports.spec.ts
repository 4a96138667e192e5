import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';
import { pick } from '../support/pick';

// Reports by role: auditors export, engineers export their own systems only
// (UI and API), compliance opens the Annex IV page, downloads its PDF and DOCX
// and approves a Statement of Applicability; a scan upload on a version page;
// the MLflow settings and import preview against a loopback server.

async function systemHref(page: Page, name: string) {
  await page.goto('/reports');
  const row = page.getByTestId('system-row').filter({ hasText: name });
  return (await row.getByRole('link', { name: 'Annex IV completeness' }).getAttribute('href'))!;
}

test('an auditor exports the board report, the technical documentation and an audit report, and approves nothing', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  const href = await systemHref(page, 'Clinical triage assistant');
  await expect(page.getByRole('heading', { name: 'Board report' })).toBeVisible();
  const board = await context.request.get('/api/v1/reports/board?format=pdf');
  expect(board.status()).toBe(200);
  expect(board.headers()['content-type']).toContain('application/pdf');
  expect(board.headers()['x-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
  const id = href.split('/').pop()!;
  const docx = await context.request.get(`/api/v1/ai-systems/${id}/technical-documentation/export?format=docx`);
  expect(docx.status()).toBe(200);
  expect((await docx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  const auditLink = page.getByRole('table', { name: 'Audit reports' }).getByRole('link', { name: 'PDF' }).first();
  const audit = await context.request.get((await auditLink.getAttribute('href'))!);
  expect(audit.status()).toBe(200);
  expect((await audit.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.goto('/reports/soa/iso-27001');
  await expect(page.getByRole('link', { name: 'Download XLSX' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve this version' })).toHaveCount(0);
  await context.close();
});

test('an engineer exports the systems they own and is refused another one in the UI and the API', async ({ browser }) => {
  const admin = await pageAs(browser, 'ADMIN');
  const created = await admin.context.request.post('/api/v1/ai-systems', {
    data: { name: 'Warehouse demand forecaster', purpose: 'Forecasts stock levels; owned by nobody on the engineering team.', domain: 'OTHER', regions: ['EU'], riskTier: 'MINIMAL' },
  });
  expect(created.status()).toBe(201);
  const other = ((await created.json()) as { id: string }).id;
  await admin.context.close();

  const { context, page } = await pageAs(browser, 'ENGINEER');
  const href = await systemHref(page, 'Clinical triage assistant');
  await expect(page.getByTestId('system-row').filter({ hasText: 'Warehouse demand forecaster' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Board report' })).toHaveCount(0);
  await page.goto(href);
  await expect(page.getByRole('heading', { name: /Technical documentation: Clinical triage assistant/ })).toBeVisible();
  const own = await context.request.get(`/api/v1/ai-systems/${href.split('/').pop()}/technical-documentation/export?format=pdf`);
  expect(own.status()).toBe(200);

  const response = await page.goto(`/reports/systems/${other}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  for (const url of [`/api/v1/ai-systems/${other}/technical-documentation/export?format=pdf`, `/api/v1/ai-systems/${other}/technical-documentation`, '/api/v1/reports/board?format=pdf', '/api/v1/reports/soa/iso-27001/export?format=xlsx']) {
    expect((await context.request.get(url)).status(), url).toBe(403);
  }
  await context.close();
});

test('compliance opens the Annex IV page, downloads its PDF and DOCX, and approves a Statement of Applicability', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto(await systemHref(page, 'Clinical triage assistant'));
  await expect(page.getByTestId('annex-point')).toHaveCount(9);
  for (const [name, magic] of [['Download PDF', '%PDF-'], ['Download DOCX', 'PK']] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, magic.length).toString('latin1'), name).toBe(magic);
  }

  await page.goto('/reports/soa/iso-42001');
  const versions = page.getByRole('table', { name: 'Approved versions' });
  const before = await versions.locator('tbody tr').count();
  await page.getByRole('button', { name: 'Approve this version' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Approve and freeze' }).click();
  await expect(dialog).toBeHidden();
  await expect(versions.locator('tbody tr')).toHaveCount(before + 1);
  await context.close();
});

test('an engineer imports a vulnerability scan on their version; a broken file shows every problem', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/models/clinical-triage/versions/1.2.0');
  const form = page.getByRole('form', { name: 'Import a vulnerability scan' });
  const trivy = JSON.parse(readFileSync(path.join(process.cwd(), 'lib/interchange/fixtures/scans/trivy.json'), 'utf8'));
  const broken = structuredClone(trivy);
  delete broken.Results[0].Vulnerabilities[0].PkgName;
  broken.Results[0].Vulnerabilities[1].Severity = 7;
  await form.getByLabel('Scan report').setInputFiles({ name: 'trivy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await form.getByRole('button', { name: 'Import scan' }).click();
  // Every problem is listed under the file field.
  const problems = form.locator('[id$="-file-error"]');
  await expect(problems).toContainText('Results.0.Vulnerabilities.0.PkgName');
  await expect(problems).toContainText('Results.0.Vulnerabilities.1.Severity');
  await expect(form).toBeVisible();

  await form.getByLabel('Scan report').setInputFiles({ name: 'trivy.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(trivy)) });
  await form.getByRole('button', { name: 'Import scan' }).click();
  await expect(form.getByText(/Scan imported/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Vulnerability scans of this version' })).toContainText('trivy.json');
  await context.close();

  const auditor = await pageAs(browser, 'AUDITOR');
  await auditor.page.goto('/models/clinical-triage/versions/1.2.0');
  await expect(auditor.page.getByRole('table', { name: 'Vulnerability scans of this version' })).toBeVisible();
  await expect(auditor.page.getByRole('form', { name: 'Import a vulnerability scan' })).toHaveCount(0);
  await auditor.context.close();
});

test.describe('MLflow', () => {
  let server: Server;
  let url = '';
  const fixture = JSON.parse(readFileSync(path.join(process.cwd(), 'lib/interchange/fixtures/mlflow/sync-1.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const token = u.searchParams.get('page_token') ?? '';
      let body: unknown = { error_code: 'ENDPOINT_NOT_FOUND' };
      if (u.pathname.endsWith('/registered-models/search')) body = fixture['registered-models/search']![token];
      if (u.pathname.endsWith('/model-versions/search')) body = (fixture['model-versions/search']![/^name='(.*)'$/.exec(u.searchParams.get('filter') ?? '')?.[1] ?? ''] as Record<string, unknown>)[token];
      if (u.pathname.endsWith('/runs/get')) body = fixture['runs/get']![u.searchParams.get('run_id') ?? ''];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('an administrator connects a tracking server and previews the import; others are refused', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'ADMIN');
    await page.goto('/admin/mlflow');
    const form = page.getByRole('form', { name: 'MLflow connection' });
    await form.getByLabel('Tracking server URL').fill('not a url');
    await form.getByLabel('Access token').fill('secret-token-1234');
    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect(form.getByText(/Use an http:\/\/ or https:\/\/ URL/)).toBeVisible();
    await expect(form.getByLabel('Access token')).toHaveValue('secret-token-1234');
    await form.getByLabel('Tracking server URL').fill(url);
    await pick(form, 'AI system for new models', 'Product', 'Product recommender');
    await pick(form, 'Owner of new models', 'Elliot', /Elliot Engineer/);
    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect(form.getByText('MLflow connection saved.')).toBeVisible();

    await page.goto('/admin/mlflow/import');
    await page.getByRole('button', { name: 'Preview import' }).click();
    const preview = page.getByRole('table', { name: 'Versions the import would add' });
    await expect(preview).toContainText('Churn_Model');
    await expect(preview).toContainText('fraud-detector');
    await expect(page.getByRole('table', { name: 'Skipped and failed versions' })).toContainText('FAILED_REGISTRATION');
    await expect(page.getByRole('table', { name: 'Imported MLflow versions' })).toHaveCount(0);
    await context.close();

    for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
      const other = await pageAs(browser, role);
      for (const p of ['/admin/mlflow', '/admin/mlflow/import']) expect((await other.page.goto(p))?.status(), `${role} ${p}`).toBe(403);
      await other.context.close();
    }
  });
});

testPagesAccessible([
  ['AUDITOR', '/reports'],
  ['ENGINEER', '/reports'],
  ['COMPLIANCE_OFFICER', '/reports/soa/iso-27001'],
  ['ADMIN', '/admin/mlflow'],
  ['ADMIN', '/admin/mlflow/import'],
  ['ENGINEER', '/models/clinical-triage/versions/1.2.0'],
]);

test('the Annex IV page has no WCAG 2.2 AA violations', async ({ browser }) => {
  const { scan } = await import('../support/a11y');
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto(await systemHref(page, 'Clinical triage assistant'));
  await expect(page.locator('main h1')).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});
