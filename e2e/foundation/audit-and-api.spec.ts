import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';

test('the audit trail page shows an intact chain, searches events and exports CSV', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/audit-trail');
  const panel = page.getByTestId('verify-panel');
  await expect(panel.getByText('Intact')).toBeVisible();
  await expect(panel.getByTestId('verify-checked')).toContainText('events checked');

  await page.getByLabel('Action').fill('user.created');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/action=user.created/);
  const rows = page.getByRole('table', { name: 'Audit events, newest first' }).locator('tbody tr');
  await expect(rows.first()).toContainText('user.created');
  for (const text of await rows.locator('td:nth-child(4)').allTextContents()) expect(text).toBe('user.created');

  const csv = await context.request.get('/api/v1/audit-events/export?action=user.created');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines[0]).toBe('seq,at,actor,action,entityType,entityId,changes,reason,requestId,ip,hash');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes(',user.created,'))).toBe(true);
  await context.close();
});

test('an admin creates a scoped API token, it works once shown, and revoking it shuts it out', async ({ browser, playwright }) => {
  const { context, page } = await pageAs(browser, 'ADMIN');
  await page.goto('/admin/tokens');
  const form = page.getByRole('form', { name: 'Create an API token' });
  const name = `ci-${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: /Deploy pipeline/ }).click();
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').textContent())!;
  expect(secret).toMatch(/^agp_/);

  const api = await playwright.request.newContext({ baseURL: page.url().replace(/\/admin.*/, ''), extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
  const me = await api.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: 'token', permissions: ['models:read'] });
  expect((await api.get('/api/v1/users')).status()).toBe(403);

  await page.reload();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row.getByText('Revoked')).toBeVisible();
  expect((await api.get('/api/v1/me')).status()).toBe(401);
  await api.dispose();
  await context.close();
});

test('the OpenAPI document is served and lists the API', async ({ request }) => {
  const res = await request.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/users', '/api/v1/audit-events/verify', '/api/v1/tokens']));
});

test('every response carries the security headers', async ({ request }) => {
  for (const path of ['/sign-in', '/api/health', '/api/v1/openapi.json']) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h['x-content-type-options'], path).toBe('nosniff');
    expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(h['strict-transport-security'], path).toContain('max-age=');
    const csp = h['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc, path).not.toContain('unsafe-inline');
    expect(scriptSrc, path).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  }
});
