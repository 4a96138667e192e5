import { expect, test } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';

test('engineers are refused the privacy register and requests, in the browser and the API; auditors read but never write', async ({ browser }) => {
  const engineer = await pageAs(browser, 'ENGINEER');
  for (const path of ['/privacy', '/privacy/requests', '/privacy/activities', '/privacy/retention']) {
    const res = await engineer.page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(engineer.page.getByTestId('forbidden')).toBeVisible();
  }
  expect((await engineer.context.request.get('/api/v1/privacy/requests')).status()).toBe(403);
  expect((await engineer.context.request.get('/api/v1/privacy/activities')).status()).toBe(403);
  await engineer.context.close();

  const auditor = await pageAs(browser, 'AUDITOR');
  await auditor.page.goto('/privacy/requests');
  await expect(auditor.page.getByRole('heading', { level: 1, name: 'Data-subject requests' })).toBeVisible();
  await expect(auditor.page.getByRole('button', { name: 'Record request' })).toHaveCount(0);
  const list = await (await auditor.context.request.get('/api/v1/privacy/requests?pageSize=5')).json();
  // A restricted auditor may see none of the demo's requests; the writes are refused before any lookup either way.
  const officer = await pageAs(browser, 'PRIVACY_OFFICER');
  const any = (await (await officer.context.request.get('/api/v1/privacy/requests?pageSize=5')).json()).items[0].id as string;
  await officer.context.close();
  const id = (list.items[0]?.id as string | undefined) ?? any;
  if (list.items.length) {
    await auditor.page.goto(`/privacy/requests/${id}`);
    await expect(auditor.page.getByText('No step is open to you on this request.')).toBeVisible();
  }
  const before = list.total;
  const created = await auditor.context.request.post('/api/v1/privacy/requests', { data: { type: 'ACCESS', subjectName: 'Not allowed', receivedAt: new Date().toISOString() } });
  expect(created.status()).toBe(403);
  expect((await created.json()).error.code).toBe('FORBIDDEN');
  expect((await auditor.context.request.post(`/api/v1/privacy/requests/${id}/verify`)).status()).toBe(403);
  expect((await auditor.context.request.get(`/api/v1/privacy/requests/${id}/export`)).status()).toBe(403);
  expect((await (await auditor.context.request.get('/api/v1/privacy/requests?pageSize=5')).json()).total).toBe(before);
  await auditor.context.close();
});

test('the privacy officer answers a minimisation review item and opens a DPIA’s PDF; detail pages are accessible', async ({ browser }) => {
  const officer = await pageAs(browser, 'PRIVACY_OFFICER');
  await officer.page.goto('/privacy/minimisation');
  await officer.page.getByTestId('minimisation-row').first().getByRole('link').click();
  await expect(officer.page.getByRole('heading', { level: 1, name: /Data-minimisation review/ })).toBeVisible();
  expect((await scan(officer.page)).violations).toEqual([]);
  const form = officer.page.getByRole('form').filter({ has: officer.page.getByRole('button', { name: 'Record the answer' }) }).first();
  if (await form.count()) {
    await form.getByLabel('Delete', { exact: true }).check();
    await form.getByRole('button', { name: 'Record the answer' }).click();
    await expect(form.getByText(/deletion needs its evidence/).first()).toBeVisible();
    await form.getByLabel('Deletion evidence').fill('JOB-2026-118');
    await form.getByRole('button', { name: 'Record the answer' }).click();
    await expect(officer.page.getByText(/evidence JOB-2026-118/)).toBeVisible();
  }
  await officer.page.goto('/privacy/assessments');
  await officer.page.getByRole('link', { name: 'Clinical triage assistant DPIA' }).first().click();
  await expect(officer.page.getByRole('heading', { level: 1, name: /DPIA: Clinical triage assistant DPIA/ })).toBeVisible();
  expect((await scan(officer.page)).violations).toEqual([]);
  const pdf = await officer.context.request.get(officer.page.url().replace(/\/privacy\/assessments\//, '/api/v1/privacy/assessments/') + '/pdf');
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  await officer.page.goto('/privacy/activities');
  await officer.page.getByRole('link', { name: 'Consumer credit scoring' }).click();
  await expect(officer.page.getByRole('heading', { level: 1, name: /Consumer credit scoring/ })).toBeVisible();
  expect((await scan(officer.page)).violations).toEqual([]);
  await officer.context.close();
});

testPagesAccessible([
  ['PRIVACY_OFFICER', '/privacy'],
  ['PRIVACY_OFFICER', '/privacy/activities'],
  ['PRIVACY_OFFICER', '/privacy/requests'],
  ['PRIVACY_OFFICER', '/privacy/assessments'],
  ['PRIVACY_OFFICER', '/privacy/retention'],
  ['PRIVACY_OFFICER', '/privacy/minimisation'],
  ['PRIVACY_OFFICER', '/privacy/anonymisation'],
  ['ENGINEER', '/privacy/minimisation'],
  ['AUDITOR', '/privacy'],
  ['AUDITOR', '/privacy/requests'],
  ['ENGINEER', '/'],
]);
