import { expect, test } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';

testPagesAccessible([
  ['COMPLIANCE_OFFICER', '/threats'],
  ['ENGINEER', '/threats/red-team'],
] as const);

test('a threat model page as COMPLIANCE_OFFICER has no WCAG 2.2 AA violations', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/threats');
  await page.locator('main table a').first().click();
  await expect(page.locator('main h1')).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});
