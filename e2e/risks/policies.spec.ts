import { expect, test } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';

const CHARTER = 'AI governance committee charter';

test('the author cannot approve their own version; another approver approves and publishes it', async ({ browser }) => {
  const author = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await author.page.goto('/policies');
  await author.page.getByRole('link', { name: CHARTER }).click();
  await expect(author.page.getByRole('heading', { level: 1, name: CHARTER })).toBeVisible();
  await expect(author.page.getByRole('button', { name: 'Approve v1.0' })).toHaveCount(0);
  expect((await scan(author.page)).violations).toEqual([]);
  const url = author.page.url();
  await author.context.close();

  const admin = await pageAs(browser, 'ADMIN');
  await admin.page.goto(url);
  await admin.page.getByRole('button', { name: 'Approve v1.0' }).click();
  await admin.page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await admin.page.getByRole('button', { name: 'Publish v1.0' }).click();
  await admin.page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
  await expect(admin.page.getByRole('button', { name: 'I have read and acknowledge version 1.0' })).toBeVisible();
  await admin.context.close();
});

test('a person acknowledges the current version and the status shows it', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/policies');
  await page.getByRole('link', { name: 'AI acceptable use' }).click();
  await page.getByRole('button', { name: 'I have read and acknowledge version 1.0' }).click();
  // The page re-renders without the form once the acknowledgement is recorded. The button's
  // own name changes while the action is pending, so the recorded state is what is waited for.
  await expect(page.getByText('You acknowledged it')).toBeVisible();
  await expect(page.getByRole('button', { name: /I have read and acknowledge/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: /I have read and acknowledge/ })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Acknowledgements' }).getByRole('row', { name: /Aude Auditor/ })).toContainText('1.0');
  expect((await scan(page)).violations).toEqual([]);
  // Writing policies is not the auditor's.
  await expect(page.getByRole('button', { name: 'Save draft version' })).toHaveCount(0);
  await context.close();
});

testPagesAccessible([
  ['ENGINEER', '/policies'],
  ['COMPLIANCE_OFFICER', '/policies/training'],
  ['ADMIN', '/'],
] as const);
