import { expect, test, type APIRequestContext } from '@playwright/test';
import { testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';

// The credit model (owned by the demo engineer) gets a fresh overall selection-rate warning:
// ≥ 0.2 with ideal 1 warns from 0.36, so 0.3 warns; not a fairness metric, so no incident.
async function creditWithWarning(request: APIRequestContext) {
  const list = await (await request.get('/api/v1/monitoring/monitors')).json();
  const credit = list.monitors.find((m: { model: { key: string } }) => m.model.key === 'credit-scoring');
  const end = new Date();
  const start = new Date(end.getTime() - 3_600_000);
  const sent = await request.post(`/api/v1/monitoring/monitors/${credit.versionId}/windows`, {
    data: { windows: [{ windowId: `e2e-${end.getTime()}`, start: start.toISOString(), end: end.toISOString(), rowCount: 500, metrics: [{ name: 'selection_rate', value: 0.3 }] }] },
  });
  expect(sent.status()).toBe(200);
  return credit.versionId as string;
}

test('the engineer acknowledges and resolves an alert on a model they own', async ({ browser }) => {
  const officer = await pageAs(browser, 'COMPLIANCE_OFFICER');
  const versionId = await creditWithWarning(officer.context.request);
  await officer.context.close();

  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/monitoring');
  await expect(page.getByRole('link', { name: /Credit/ }).first()).toBeVisible();
  await page.goto(`/monitoring/${versionId}`);
  await expect(page.getByRole('heading', { level: 1, name: /monitoring/ })).toBeVisible();
  // One chart per metric, each with its table; the per-group accuracy lists every age group.
  await page.getByText('Table of accuracy by age').click();
  await expect(page.getByRole('region', { name: 'accuracy by age per window' }).getByRole('columnheader', { name: '<25' })).toBeVisible();
  await expect(page.getByRole('region', { name: /Drift heat map/ })).toBeVisible();
  await page.getByRole('link', { name: 'income' }).click();
  await expect(page.getByRole('heading', { name: 'Feature income' })).toBeVisible();

  const row = page.getByTestId('alert-row').filter({ hasText: 'Warning: selection_rate on' }).filter({ hasText: 'Open' });
  await row.getByText('Acknowledge…').click();
  const ack = row.getByRole('form', { name: /^Acknowledge:/ });
  // A note is required: refused, and the field is named.
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(ack.getByLabel('Acknowledgement note')).toHaveAttribute('aria-invalid', 'true');
  await ack.getByLabel('Acknowledgement note').fill('Seasonal dip in approvals; watching the next windows.');
  await ack.getByRole('button', { name: 'Acknowledge' }).click();
  const acknowledged = page.getByTestId('alert-row').filter({ hasText: 'Seasonal dip in approvals' });
  await expect(acknowledged).toContainText('Acknowledged');
  await acknowledged.getByText('Resolve…').click();
  await acknowledged.getByLabel('Resolution note').fill('Approvals back above the warning point.');
  await acknowledged.getByRole('button', { name: 'Resolve' }).click();
  await expect(page.getByTestId('alert-row').filter({ hasText: 'Seasonal dip in approvals' })).toHaveCount(0);
  await page.goto('/monitoring/alerts?status=RESOLVED');
  await expect(page.getByTestId('alert-row').filter({ hasText: 'Approvals back above the warning point.' })).toBeVisible();
  await context.close();
});

test('an auditor reads monitoring and the plan but cannot write; a privacy officer cannot write either', async ({ browser }) => {
  const officer = await pageAs(browser, 'COMPLIANCE_OFFICER');
  const versionId = await creditWithWarning(officer.context.request);
  await officer.context.close();

  for (const role of ['AUDITOR', 'PRIVACY_OFFICER'] as const) {
    const { context, page } = await pageAs(browser, role);
    await page.goto(`/monitoring/${versionId}`);
    await expect(page.getByRole('heading', { level: 1, name: /monitoring/ })).toBeVisible();
    await expect(page.getByText('Acknowledge…')).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Monitor settings' })).toHaveCount(0);
    await page.goto('/monitoring');
    await expect(page.getByRole('form', { name: 'Configure a monitor' })).toHaveCount(0);
    const alerts = await (await context.request.get(`/api/v1/monitoring/alerts?status=OPEN&monitorId=${versionId}`)).json();
    expect(alerts.alerts.length).toBeGreaterThan(0);
    const refused = await context.request.post(`/api/v1/monitoring/alerts/${alerts.alerts[0].id}`, { data: { action: 'acknowledge', note: 'not mine' } });
    expect(refused.status()).toBe(403);
    const window = await context.request.post(`/api/v1/monitoring/monitors/${versionId}/windows`, { data: { windows: [{ windowId: 'refused', start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z', rowCount: 1 }] } });
    expect(window.status()).toBe(403);
    await context.close();
  }

  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto(`/monitoring/${versionId}/plan`);
  await expect(page.getByRole('cell', { name: 'Art. 72' })).toBeVisible();
  const pdf = await context.request.get(`/api/v1/monitoring/monitors/${versionId}/plan?format=pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await context.close();
});

testPagesAccessible([
  ['ENGINEER', '/monitoring'],
  ['AUDITOR', '/monitoring/alerts'],
  ['COMPLIANCE_OFFICER', '/monitoring/alerts?status=UNRESOLVED'],
]);

test('the version page, its feature detail and the plan have no WCAG 2.2 AA violations', async ({ browser }) => {
  // The version page holds every metric's table: axe takes a while over it.
  test.setTimeout(120_000);
  const { scan } = await import('../support/a11y');
  const { context, page } = await pageAs(browser, 'ENGINEER');
  const list = await (await context.request.get('/api/v1/monitoring/monitors')).json();
  const credit = list.monitors.find((m: { model: { key: string } }) => m.model.key === 'credit-scoring');
  for (const path of [`/monitoring/${credit.versionId}?feature=income`, `/monitoring/${credit.versionId}/plan`]) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    await page.getByTestId('chart-slot').first().scrollIntoViewIfNeeded().catch(() => undefined);
    expect((await scan(page)).violations).toEqual([]);
  }
  await context.close();
});
