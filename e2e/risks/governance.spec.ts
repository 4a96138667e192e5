import { expect, test } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';
import { pick } from '../support/pick';

test('compliance adds a committee member and records a meeting on a quarterly review', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/policies/governance');
  await expect(page.getByRole('heading', { level: 1, name: 'AI governance committee' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'AI governance committee charter' })).toBeVisible();
  const members = page.getByRole('table', { name: 'Committee members' });
  await expect(members.getByRole('row', { name: /Avery Admin/ })).toContainText('Chair');
  const add = page.getByRole('form', { name: 'Add a committee member' });
  await pick(add, 'Person', 'Aude', /Aude Auditor/);
  await add.getByRole('button', { name: 'Add member' }).click();
  await expect(members.getByRole('row', { name: /Aude Auditor/ })).toBeVisible();
  const meeting = page.getByRole('form', { name: 'Record a meeting' });
  const review = meeting.getByLabel('Quarterly review discussed');
  const quarter = (await review.locator('option').nth(1).textContent())!.split(' ')[0];
  await review.selectOption({ index: 1 });
  await meeting.getByLabel('Minutes').fill('Agreed the red-team requirement for high-risk releases.');
  await meeting.getByRole('button', { name: 'Record meeting' }).click();
  const row = page.getByRole('table', { name: 'Committee meetings' }).getByRole('row', { name: /Agreed the red-team requirement/ });
  await expect(row.getByRole('link', { name: quarter })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});

test("compliance sets a system's RACI on its card; the owner picker offers the RACI's people first", async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/requirements/systems');
  await expect(page.getByRole('group', { name: 'Who holds the RACI roles for Credit scoring model' })).toContainText('Avery Admin');
  await page.getByText('Edit the RACI of Credit scoring model').click();
  const form = page.getByRole('form', { name: 'RACI of Credit scoring model' });
  await pick(form, 'Informed', 'Aude', /Aude Auditor/);
  await form.getByRole('button', { name: 'Save RACI' }).click();
  await expect(form.getByText('RACI saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Who holds the RACI roles for Credit scoring model' })).toContainText('Aude Auditor');

  // An owner picker elsewhere (a new control) lists the RACI's people first, with what they hold.
  await page.goto('/requirements/controls');
  const owner = page.getByRole('combobox', { name: 'Owner' }).first();
  await owner.click();
  await owner.fill('');
  await owner.press('ArrowDown');
  const first = page.getByRole('listbox', { name: 'Owner' }).getByRole('option').first();
  await expect(first).toContainText('RACI: Accountable');
  await context.close();
});

test('an engineer reads the committee and the RACIs but changes neither, in the UI or the API', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/policies/governance');
  await expect(page.getByRole('table', { name: 'Committee members' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add member' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Record meeting' })).toHaveCount(0);
  await page.goto('/requirements/systems');
  await expect(page.getByRole('group', { name: 'Who holds the RACI roles for Credit scoring model' })).toBeVisible();
  await expect(page.getByText(/Edit the RACI/)).toHaveCount(0);
  const systems = await (await context.request.get('/api/v1/ai-systems')).json();
  const id = (systems.items ?? systems)[0].id as string;
  expect((await context.request.get(`/api/v1/ai-systems/${id}/raci`)).status()).toBe(200);
  expect((await context.request.put(`/api/v1/ai-systems/${id}/raci`, { data: { accountable: null, responsible: [], consulted: [], informed: [] } })).status()).toBe(403);
  expect((await context.request.put('/api/v1/governance/committee', { data: { name: 'Engineers only' } })).status()).toBe(403);
  await context.close();
});

testPagesAccessible([
  ['COMPLIANCE_OFFICER', '/policies/governance'],
  ['AUDITOR', '/policies/governance'],
  ['COMPLIANCE_OFFICER', '/requirements/systems'],
] as const);
