import { expect, test, type APIRequestContext } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';

// The demo's credit model (owned by the demo engineer) is monitored on its
// 3.0.1. Each walk sends it a fresh overall selection-rate warning first:
// ≥ 0.2 with the ideal 1 warns from 0.36, so 0.3 warns; not a fairness
// metric, so no incident.
const CREDIT = /^Consumer credit PD model 3\.0\.1/i;

async function creditMonitor(request: APIRequestContext): Promise<string> {
  const list = await (await request.get('/api/v1/monitoring/monitors')).json();
  const credit = list.monitors.find((m: { model: { key: string } }) => m.model.key === 'credit-scoring');
  expect(credit).toBeTruthy();
  return credit.versionId as string;
}

async function creditWithWarning(request: APIRequestContext) {
  const versionId = await creditMonitor(request);
  const end = new Date();
  const start = new Date(end.getTime() - 3_600_000);
  const sent = await request.post(`/api/v1/monitoring/monitors/${versionId}/windows`, {
    data: { windows: [{ windowId: `e2e-${end.getTime()}`, start: start.toISOString(), end: end.toISOString(), rowCount: 500, metrics: [{ name: 'selection_rate', value: 0.3 }] }] },
  });
  expect(sent.status()).toBe(200);
  return versionId;
}

test('the engineer acknowledges and then resolves an alert on a model they own, a note required each time', async ({ browser }) => {
  // A long walk through several pages and two forms.
  test.setTimeout(90_000);
  const officer = await pageAs(browser, 'COMPLIANCE_OFFICER');
  const versionId = await creditWithWarning(officer.context.request);
  await officer.context.close();

  const { context, page } = await pageAs(browser, 'ENGINEER');
  // The owner's home page lists the open alerts on their models.
  await page.goto('/');
  await expect(page.getByTestId('my-monitoring-alerts')).toContainText('Warning: selection_rate on Consumer credit PD model 3.0.1');
  await page.goto('/monitoring');
  // Worst first: the credit version (a warning now, a breach before) leads the healthy and missing-data ones.
  await expect(page.getByTestId('monitor-row').first()).toContainText('Consumer credit PD model 3.0.1');
  await page.getByRole('link', { name: CREDIT }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Consumer credit PD model 3\.0\.1: monitoring$/ })).toBeVisible();
  expect(page.url()).toContain(`/monitoring/${versionId}`);
  // One chart per metric, each with its table; the per-group accuracy lists every age group.
  await expect(page.getByRole('region', { name: /^accuracy by age per window/ }).getByRole('columnheader', { name: '<25' })).toBeVisible();
  await expect(page.getByRole('region', { name: /Drift heat map/ })).toBeVisible();
  await page.getByRole('link', { name: 'income', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Feature income' })).toBeVisible();

  const open = page.getByTestId('alert-row').filter({ hasText: 'Warning: selection_rate on' }).filter({ hasText: 'Open' });
  await open.getByText('Acknowledge…').click();
  const ack = open.getByRole('form', { name: /^Acknowledge:/ });
  // A note is required: refused, and the field is named.
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(ack.getByLabel('Acknowledgement note')).toHaveAttribute('aria-invalid', 'true');
  const note = `Seasonal dip in approvals ${Date.now()}; watching the next windows.`;
  await ack.getByLabel('Acknowledgement note').fill(note);
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  const acknowledged = page.getByTestId('alert-row').filter({ hasText: note });
  await expect(acknowledged).toContainText('Acknowledged');
  await acknowledged.getByText('Resolve…').click();
  const resolve = acknowledged.getByRole('form', { name: /^Resolve:/ });
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(resolve.getByLabel('Resolution note')).toHaveAttribute('aria-invalid', 'true');
  const resolution = `Approvals back above the warning point ${Date.now()}.`;
  await resolve.getByLabel('Resolution note').fill(resolution);
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByTestId('alert-row').filter({ hasText: note })).toHaveCount(0);
  await page.goto('/monitoring/alerts?status=RESOLVED');
  await expect(page.getByTestId('alert-row').filter({ hasText: resolution })).toBeVisible();
  await context.close();
});

test('the engineer creates their own pipeline token on My API tokens and it sends windows for their model', async ({ browser, playwright }) => {
  test.setTimeout(60_000);
  const { context, page } = await pageAs(browser, 'ENGINEER');
  const versionId = await creditMonitor(context.request);
  await page.goto('/account/tokens');
  await expect(page.getByRole('heading', { level: 1, name: 'My API tokens' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Create an API token' });
  // Only the scopes an engineer may hold on a token: the monitoring pipeline's.
  await expect(form.getByRole('checkbox')).toHaveCount(2);
  const name = `credit pipeline ${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: /Monitoring pipeline/ }).click();
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').textContent())!.trim();
  expect(secret).toMatch(/^agp_/);
  expect((await scan(page)).violations).toEqual([]);

  const api = await playwright.request.newContext({ baseURL: new URL(page.url()).origin, extraHTTPHeaders: { Authorization: `Bearer ${secret}` } });
  // monitoring:write is the engineer's on what they own: the token holds it as an owner grant, not everywhere.
  expect(await (await api.get('/api/v1/me')).json()).toMatchObject({ kind: 'token', permissions: ['monitoring:read'] });
  const end = new Date();
  const sent = await api.post(`/api/v1/monitoring/monitors/${versionId}/windows`, { data: { windows: [{ windowId: `token-${end.getTime()}`, start: new Date(end.getTime() - 3_600_000).toISOString(), end: end.toISOString(), rowCount: 100, metrics: [{ name: 'accuracy', value: 0.9 }] }] } });
  expect(sent.status()).toBe(200);
  // 50,000 raw rows, over 10 MB (the proxy's default body buffer), reach the route whole: the one bad row, the
  // last, is named (a body cut short would be refused as invalid JSON instead), and nothing is stored.
  const rows = Array.from({ length: 50_000 }, (_, i) => ({ id: `row-${i}-${'x'.repeat(160)}`, y_true: i % 2, y_pred: i === 49_999 ? 7 : i % 2, score: 0.5, features: { income: 3000 + i } }));
  const large = JSON.stringify({ windowId: `large-${end.getTime()}`, start: new Date(end.getTime() - 7_200_000).toISOString(), end: new Date(end.getTime() - 3_600_000).toISOString(), rows });
  expect(large.length).toBeGreaterThan(10 * 1024 * 1024);
  const refusedRows = await api.post(`/api/v1/monitoring/monitors/${versionId}/rows`, { data: large, headers: { 'content-type': 'application/json' } });
  expect(refusedRows.status(), await refusedRows.text()).toBe(422);
  expect((await refusedRows.json()).error.details.invalid).toEqual([{ row: 50_000, ref: rows[49_999].id.slice(0, 100), reason: 'y_pred must be 0, 1, true or false' }]);
  // Nothing beyond its scopes.
  expect((await api.get('/api/v1/models')).status()).toBe(403);

  await page.reload();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('monitoring:read, monitoring:write');
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row.getByText('Revoked')).toBeVisible();
  expect((await api.get('/api/v1/me')).status()).toBe(401);
  await api.dispose();
  await context.close();
});

test('an auditor reads monitoring and the plan but is offered no write form and is refused writes; a privacy officer, who owns no model, likewise', async ({ browser }) => {
  // Two roles, each over three pages and four refused writes.
  test.setTimeout(90_000);
  const officer = await pageAs(browser, 'COMPLIANCE_OFFICER');
  const versionId = await creditWithWarning(officer.context.request);
  await officer.context.close();

  for (const role of ['AUDITOR', 'PRIVACY_OFFICER'] as const) {
    const { context, page } = await pageAs(browser, role);
    await page.goto('/monitoring');
    await expect(page.getByRole('link', { name: CREDIT })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Configure a monitor' })).toHaveCount(0);
    await page.goto(`/monitoring/${versionId}`);
    await expect(page.getByRole('heading', { level: 1, name: /: monitoring$/ })).toBeVisible();
    await expect(page.getByTestId('alert-row').filter({ hasText: 'Warning: selection_rate on' })).toBeVisible();
    await expect(page.getByText('Acknowledge…')).toHaveCount(0);
    await expect(page.getByText('Resolve…')).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Monitor settings' })).toHaveCount(0);
    await page.goto(`/monitoring/alerts?monitorId=${versionId}`);
    await expect(page.getByTestId('alert-row').first()).toBeVisible();
    await expect(page.getByText('Acknowledge…')).toHaveCount(0);

    const alerts = await (await context.request.get(`/api/v1/monitoring/alerts?status=OPEN&monitorId=${versionId}`)).json();
    expect(alerts.alerts.length).toBeGreaterThan(0);
    const refused = await context.request.post(`/api/v1/monitoring/alerts/${alerts.alerts[0].id}`, { data: { action: 'acknowledge', note: 'not mine' } });
    expect(refused.status()).toBe(403);
    const window = await context.request.post(`/api/v1/monitoring/monitors/${versionId}/windows`, { data: { windows: [{ windowId: `refused-${role}`, start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z', rowCount: 1 }] } });
    expect(window.status()).toBe(403);
    const settings = await context.request.post('/api/v1/monitoring/monitors', { data: { versionId } });
    expect(settings.status()).toBe(403);
    // The alert is still open: nothing was changed.
    const after = await (await context.request.get(`/api/v1/monitoring/alerts?status=OPEN&monitorId=${versionId}`)).json();
    expect(after.alerts.map((a: { id: string }) => a.id)).toContain(alerts.alerts[0].id);
    await context.close();
  }

  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto(`/monitoring/${versionId}/plan`);
  await expect(page.getByRole('cell', { name: 'Art. 72' })).toBeVisible();
  const pdf = await context.request.get(`/api/v1/monitoring/monitors/${versionId}/plan?format=pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  // No scope of an auditor may go on a token of their own.
  await page.goto('/account/tokens');
  await expect(page.getByTestId('no-token-scopes')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Create an API token' })).toHaveCount(0);
  await context.close();
});

testPagesAccessible([
  ['ENGINEER', '/monitoring'],
  ['AUDITOR', '/monitoring/alerts'],
  ['COMPLIANCE_OFFICER', '/monitoring/alerts?status=UNRESOLVED'],
]);

for (const [label, suffix] of [
  ['the version page with a feature\'s detail', '?feature=income'],
  ['the version page over a year', '?days=365'],
  ['the monitoring plan', '/plan'],
] as const) {
  test(`${label} has no WCAG 2.2 AA violations`, async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'ENGINEER');
    const versionId = await creditMonitor(context.request);
    await page.goto(`/monitoring/${versionId}${suffix}`);
    await expect(page.locator('main h1')).toBeVisible();
    // Charts are drawn when scrolled into view: draw one so it is scanned too.
    const slot = page.getByTestId('chart-slot').first();
    if (await slot.count()) await slot.scrollIntoViewIfNeeded();
    expect((await scan(page)).violations).toEqual([]);
    await context.close();
  });
}
