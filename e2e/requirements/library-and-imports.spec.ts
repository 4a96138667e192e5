import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';

const oscal = path.join(process.cwd(), 'lib', 'requirements', 'fixtures', 'oscal-basic-catalog.json');

test.describe('library, imports and exports', () => {
  test('a compliance officer previews and confirms an OSCAL catalog import with progress', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    await page.goto('/requirements/import');
    await page.getByLabel('Format').selectOption('oscal');
    await page.getByLabel('File(s) (max 16 MB in all)').setInputFiles(oscal);
    const key = `e2e-catalog-${Date.now()}`;
    await page.getByLabel('Framework key (optional)').fill(key);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('import-preview');
    await expect(preview).toContainText('4 to create');
    await expect(preview).toContainText('0 invalid');
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('4 created');
    await page.goto(`/requirements/library/${key}`);
    await expect(page.getByText('Information security roles and responsibilities')).toBeVisible();
    await context.close();
  });

  test('a CSV with the wrong columns, a malformed OSCAL file and a 50 MB file are refused with clear messages', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    await page.goto('/requirements/import');
    await page.getByLabel('File (max 5 MB)').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('name,description\nx,y\n') });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'missing the columns' })).toContainText('missing the columns "framework", "ref"');
    await page.getByLabel('Format').selectOption('oscal');
    await page.getByLabel('File(s) (max 16 MB in all)').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"catalog": {"groups": []}}') });
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'metadata.title' })).toContainText('metadata.title is missing');
    const big = await context.request.post('/api/v1/imports/preview', {
      multipart: { kind: 'csv', file: { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.alloc(50 * 1024 * 1024, 'a') } },
    });
    expect(big.status()).toBe(413);
    expect((await big.json()).error.message).toMatch(/limited to 5\.0 MB/);
    await context.close();
  });

  test('a CSV export re-imports as "no changes" through the API, in two steps', async ({ browser }) => {
    const { context } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    const csv = await context.request.get('/api/v1/exports/matrix?framework=hipaa-security&format=csv');
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('framework,ref,title,summary,area,aiSpecific');
    const preview = await context.request.post('/api/v1/imports/preview', { multipart: { kind: 'csv', file: { name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(text) } } });
    expect(preview.status()).toBe(201);
    const body = await preview.json();
    expect(body).toMatchObject({ creates: [], changes: [], cellChanges: [], invalid: [] });
    expect(body.unchanged).toBeGreaterThan(20);
    const xlsx = await context.request.get('/api/v1/exports/matrix?framework=hipaa-security&format=xlsx');
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    const engineer = await pageAs(browser, 'ENGINEER');
    const denied = await engineer.context.request.post(`/api/v1/imports/${body.id}/confirm`);
    expect(denied.status()).toBe(403);
    await engineer.context.close();
    await context.close();
  });

  test('the engineer records a review of a requirement they own', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'ENGINEER');
    await page.goto('/requirements/mine');
    const first = page.getByTestId('my-requirement').first();
    await expect(first).toBeVisible();
    await first.getByRole('button', { name: 'Record review' }).click();
    await expect(first.getByRole('status')).toContainText(/Review recorded for \d{4}-Q[1-4]/);
    await context.close();
  });

  test('the OpenAPI document lists the requirements routes', async ({ request }) => {
    const doc = await (await request.get('/api/v1/openapi.json')).json();
    for (const p of ['/api/v1/frameworks', '/api/v1/requirements', '/api/v1/ai-systems', '/api/v1/matrix/cells', '/api/v1/controls', '/api/v1/mappings', '/api/v1/imports/preview', '/api/v1/exports/matrix']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(readFileSync(oscal, 'utf8').length).toBeGreaterThan(1000);
  });
});
