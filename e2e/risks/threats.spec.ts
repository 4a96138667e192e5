import { expect, test } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';

const EXERCISE = 'Pre-release red team of the credit model';

test('compliance opens an incident from the successful technique; the version page shows the last red-team result', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/threats/red-team');
  await page.getByRole('link', { name: EXERCISE }).click();
  await expect(page.getByRole('heading', { level: 1, name: EXERCISE })).toBeVisible();
  const success = page.getByTestId('red-team-technique').filter({ hasText: 'Succeeded' });
  await expect(success.getByRole('link', { name: 'Finding' })).toBeVisible();
  await success.getByRole('button', { name: /Open an incident for AML\.T0043/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Open incident' }).click();
  await expect(success.getByRole('link', { name: 'Incident' })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  const exerciseUrl = page.url();
  await success.getByRole('link', { name: 'Incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Red team: .*AML\.T0043/ })).toBeVisible();

  await page.goto(exerciseUrl);
  await page.getByRole('link', { name: /in the model registry/ }).click();
  await expect(page.getByTestId('version-red-team')).toContainText('1 succeeded');
  await expect(page.getByTestId('version-red-team').getByRole('link', { name: EXERCISE })).toBeVisible();

  // The model page's version list shows the same result on the version's row.
  const label = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  await page.goto(new URL(page.url()).pathname.replace(/\/versions\/[^/]+$/, ''));
  const row = page.getByRole('table', { name: 'Versions' }).getByRole('row').filter({ has: page.getByRole('link', { name: label, exact: true }) });
  await expect(row.getByTestId('version-row-red-team')).toContainText('1 succeeded');
  await expect(row.getByTestId('version-row-red-team').getByRole('link', { name: EXERCISE })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});

test('an auditor reads threat models and exercises but records nothing and opens no incident', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/threats');
  await expect(page.locator('main h1')).toBeVisible();
  await page.goto('/threats/red-team');
  await page.getByRole('link', { name: EXERCISE }).click();
  await expect(page.getByRole('heading', { level: 1, name: EXERCISE })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record result' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Open an incident/ })).toHaveCount(0);
  const id = page.url().split('/').pop()!;
  const exercise = await (await context.request.get(`/api/v1/red-team-exercises/${id}`)).json();
  const technique = (exercise.techniques as { id: string; result: string }[]).find((t) => t.result === 'SUCCEEDED')!;
  expect((await context.request.post(`/api/v1/red-team-exercises/${id}/techniques/${technique.id}/incident`, { data: { nearMiss: true } })).status()).toBe(403);
  await context.close();
});

testPagesAccessible([
  ['COMPLIANCE_OFFICER', '/threats'],
  ['ENGINEER', '/threats/red-team'],
] as const);

test('a threat model page as COMPLIANCE_OFFICER has no WCAG 2.2 AA violations', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/threats');
  await page.locator('main table a').first().click();
  await expect(page.locator('main h1')).toBeVisible();
  // A client navigation shows the heading before the new document title is set.
  await expect(page).toHaveTitle(/Threat model/);
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});
