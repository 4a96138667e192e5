import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { pageAs, type RoleName } from './auth';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe with the WCAG 2.2 AA rule set. */
export function scan(page: Page) {
  return new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
}

/** The page as it is now has no WCAG 2.2 AA violation. */
export async function expectAccessible(page: Page) {
  expect((await scan(page)).violations).toEqual([]);
}

/** One test per (role, path): the page shows its heading and axe finds no WCAG 2.2 AA violation. */
export function testPagesAccessible(pages: readonly (readonly [RoleName, string])[]) {
  for (const [role, path] of pages) {
    test(`${path} as ${role} has no WCAG 2.2 AA violations`, async ({ browser }) => {
      const { context, page } = await pageAs(browser, role);
      await page.goto(path);
      await expect(page.locator('main h1')).toBeVisible();
      expect((await scan(page)).violations).toEqual([]);
      await context.close();
    });
  }
}
