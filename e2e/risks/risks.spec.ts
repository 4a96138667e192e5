import { expect, test } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';
import { pick } from '../support/pick';

const ENGINEER_RISK = 'Thin-file applicants scored with low confidence';

test('compliance registers a risk, an engineer owns it and cannot accept it, compliance accepts it', async ({ browser }) => {
  const title = `Jailbreak bypasses the refusal policy ${Date.now()}`;
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/risks');
  // The register form's fields (the filter above it has a Category too).
  const form = page.getByRole('form', { name: 'Register a risk' });
  await form.getByLabel('Title', { exact: true }).fill(title);
  await form.getByLabel('Category', { exact: true }).selectOption('nist.secure-resilient');
  await form.getByLabel('Description', { exact: true }).fill('Role-play prompts make the assistant ignore its refusal policy.');
  await form.getByLabel('Inherent likelihood', { exact: true }).selectOption('4');
  await form.getByLabel('Inherent impact', { exact: true }).selectOption('4');
  // A residual above the inherent score is refused, and the input stays.
  await form.getByLabel('Residual likelihood', { exact: true }).selectOption('5');
  await form.getByLabel('Residual impact', { exact: true }).selectOption('2');
  await form.getByLabel('Treatment', { exact: true }).selectOption('TRANSFER');
  await pick(form, 'Owner', 'Engineer');
  await form.getByRole('button', { name: 'Register risk' }).click();
  await expect(page.getByText('The residual likelihood cannot exceed the inherent likelihood').first()).toBeVisible();
  await expect(form.getByLabel('Title', { exact: true })).toHaveValue(title);
  await form.getByLabel('Residual likelihood', { exact: true }).selectOption('2');
  await form.getByRole('button', { name: 'Register risk' }).click();
  await expect(page.getByText(/Risk RSK-\d+ registered/)).toBeVisible();
  await page.getByLabel('Search ref or title').fill(title);
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('link', { name: new RegExp(title) }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(title) })).toBeVisible();
  const url = page.url();
  await context.close();

  // The owner sees why they cannot accept their own risk, and the API refuses it too.
  const engineer = await pageAs(browser, 'ENGINEER');
  await engineer.page.goto(url);
  await expect(engineer.page.getByText('Accept the risk…')).toHaveCount(0);
  const id = url.split('/').pop()!;
  const refused = await engineer.context.request.post(`/api/v1/risks/${id}/acceptance`, { data: { rationale: 'I accept my own risk', expiresAt: '2099-01-01' } });
  expect(refused.status()).toBe(403);
  await engineer.context.close();

  const officer = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await officer.page.goto(url);
  await officer.page.getByText('Accept the risk…').click();
  await officer.page.getByLabel('Rationale').fill('Within appetite while the vendor fixes the model.');
  await officer.page.getByLabel('Acceptance expires on').fill('2099-01-01');
  await officer.page.getByRole('button', { name: 'Accept risk' }).click();
  // The page re-renders with the acceptance (the form, and its toast, close with it).
  await expect(officer.page.getByText(/accepted — Within appetite while the vendor fixes the model\./)).toBeVisible();
  await expect(officer.page.getByText(/^Accepted/).first()).toBeVisible();
  await officer.context.close();
});

test('an auditor reads the register and the heat map but has no forms, and the API refuses writes', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/risks');
  await expect(page.getByRole('table', { name: /Inherent \(before treatment\)/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Register risk' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import' })).toHaveCount(0);
  await page.getByRole('link', { name: new RegExp(ENGINEER_RISK) }).click();
  await expect(page.getByText('You can read this risk')).toBeVisible();
  const create = await context.request.post('/api/v1/risks', { data: { title: 'Auditor risk', description: 'x', category: 'nist.safe', inherentLikelihood: 1, inherentImpact: 1, ownerId: 'x' } });
  expect(create.status()).toBe(403);
  const exported = await context.request.get('/api/v1/risks/export?format=csv');
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain('inherent_likelihood');
  await context.close();
});

test('an engineer cannot reword the scale; an administrator can', async ({ browser }) => {
  const engineer = await pageAs(browser, 'ENGINEER');
  await engineer.page.goto('/risks/scale');
  await expect(engineer.page.getByRole('table', { name: 'Likelihood levels' })).toBeVisible();
  await expect(engineer.page.getByRole('button', { name: /Save level/ })).toHaveCount(0);
  expect((await engineer.context.request.put('/api/v1/risks/scale', { data: { axis: 'IMPACT', level: 1, label: 'x', description: 'y' } })).status()).toBe(403);
  await engineer.context.close();
  const admin = await pageAs(browser, 'ADMIN');
  await admin.page.goto('/risks/scale');
  await expect(admin.page.getByRole('button', { name: 'Save level 1' }).first()).toBeVisible();
  expect((await scan(admin.page)).violations).toEqual([]);
  await admin.context.close();
});

testPagesAccessible([
  ['COMPLIANCE_OFFICER', '/risks'],
  ['ENGINEER', '/risks/scale'],
] as const);

test('a risk page as COMPLIANCE_OFFICER has no WCAG 2.2 AA violations', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/risks?q=Thin-file');
  await page.getByRole('link', { name: new RegExp(ENGINEER_RISK) }).click();
  await expect(page.locator('main h1')).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});
