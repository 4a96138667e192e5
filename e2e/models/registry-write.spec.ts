import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';

test.describe.configure({ mode: 'serial' });

test('the engineer who created a version cannot approve it', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/models/credit-scoring/versions/3.1.0');
  await expect(page.getByRole('button', { name: /Sign off/ })).toHaveCount(0);
  const res = await context.request.post('/api/v1/models/credit-scoring/versions/3.1.0/sign-offs', { data: { role: 'COMPLIANCE' } });
  expect(res.status()).toBe(403);
  const promote = await context.request.post('/api/v1/models/credit-scoring/versions/3.1.0/stage', { data: { target: 'PRODUCTION' } });
  expect(promote.status()).toBe(403);
  await context.close();
});

test('a bad artifact digest is refused with a clear message and nothing is registered', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/models/clinical-triage');
  const form = page.getByRole('form', { name: 'Register a version' });
  await form.getByLabel('Version label').fill('9.9.9-bad');
  await form.getByLabel('Artifact SHA-256 digest').fill('not-a-digest');
  await form.getByRole('button', { name: 'Register version' }).click();
  await expect(form.getByRole('alert').filter({ hasText: '64 hexadecimal characters' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: '9.9.9-bad' })).toHaveCount(0);
  await context.close();
});

test('compliance gives the second sign-off: the version is approved and its attestation signed', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/models/credit-scoring/versions/3.1.0');
  await expect(page.getByText('fails — mitigation accepted')).toBeVisible();
  await page.getByLabel('Comment (compliance)').fill('Mitigation reviewed.');
  await page.getByRole('button', { name: 'Sign off for compliance' }).click();
  // The page re-renders with the new state: both sign-offs, the signed attestation, the promote button.
  await expect(page.getByText('Mitigation reviewed.')).toBeVisible();
  await expect(page.getByText('Signature verifies')).toBeVisible();
  await expect(page.getByText('Matches this version')).toBeVisible();
  await page.getByRole('button', { name: 'Promote to production' }).click();
  await expect(page.getByText('Serving production; every condition holds.')).toBeVisible();
  const gate = await (await context.request.get('/api/v1/models/credit-scoring/versions/3.1.0/gate')).json();
  expect(gate).toEqual({ allowed: true, stage: 'PRODUCTION', reasons: [] });
  await context.close();
});

test('compliance rolls back in one action with a reason; the history shows it', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/models/product-recommender');
  await page.getByRole('button', { name: 'Roll back' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back 1.0.0?' });
  await dialog.getByLabel('Reason').fill('Click-through dropped 12% after release.');
  await dialog.getByRole('button', { name: 'Roll back now' }).click();
  await expect(dialog).toBeHidden();
  const history = page.getByRole('table', { name: 'Deployment history' });
  await expect(history.getByRole('row').nth(1)).toContainText('Click-through dropped 12% after release.');
  await expect(history.getByRole('row').nth(1)).toContainText('Casey Compliance');
  await context.close();
});
