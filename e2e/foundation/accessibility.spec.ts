import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';

const scan = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();

test('the sign-in page has no WCAG 2.2 AA violations', async ({ page }) => {
  await page.goto('/sign-in');
  expect((await scan(page)).violations).toEqual([]);
});

for (const [role, path] of [
  ['ADMIN', '/admin/users'],
  ['ADMIN', '/admin/tokens'],
  ['AUDITOR', '/audit-trail'],
  ['ENGINEER', '/'],
] as const) {
  test(`${path} as ${role} has no WCAG 2.2 AA violations`, async ({ browser }) => {
    const { context, page } = await pageAs(browser, role);
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    expect((await scan(page)).violations).toEqual([]);
    await context.close();
  });
}
