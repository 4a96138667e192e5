import { scan, testPagesAccessible } from '../support/a11y';
import { expect, test } from '@playwright/test';

test('the sign-in page has no WCAG 2.2 AA violations', async ({ page }) => {
  await page.goto('/sign-in');
  expect((await scan(page)).violations).toEqual([]);
});

testPagesAccessible([
  ['ADMIN', '/admin/users'],
  ['ADMIN', '/admin/tokens'],
  ['ADMIN', '/admin/provisioning'],
  ['ADMIN', '/admin/sso'],
  ['ADMIN', '/admin/access-reviews'],
  ['AUDITOR', '/audit-trail'],
  ['ENGINEER', '/'],
] as const);
