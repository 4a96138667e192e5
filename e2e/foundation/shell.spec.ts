import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { storageStatePath, type RoleName } from '../support/auth';

/** Errors React reports in the browser console (a hydration mismatch is #418/#423/#425 in a production build). */
function collectErrors(page: Page) {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('dates render the same on the server and in the browser, in the reader’s locale and zone, with UTC in the tooltip', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath('AUDITOR'), locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const errors = collectErrors(page);

  // First visit: the server does not know the zone yet, renders UTC (named), and the browser tells it.
  await page.goto('/audit-trail');
  const first = page.locator('main time').first();
  await expect(first).toHaveText(/MEZ|MESZ/);
  expect((await context.cookies()).find((c) => c.name === 'tz')?.value).toBe('Europe%2FBerlin');

  // From then on the server writes exactly what the browser shows: hydration changes nothing.
  const response = await page.reload();
  const html = (await response!.text()).replace(/<!-- -->/g, '');
  await expect(first).toHaveText(/MEZ|MESZ/);
  const shown = await first.textContent();
  expect(html).toContain(`>${shown}</time>`);
  expect(await first.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  expect(errors.filter((e) => /hydrat|#418|#423|#425/i.test(e))).toEqual([]);
  await context.close();
});

test('without the zone cookie the server writes UTC and says so', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath('AUDITOR'), locale: 'en-GB', timezoneId: 'UTC', javaScriptEnabled: false });
  await context.clearCookies({ name: 'tz' });
  const page = await context.newPage();
  await page.goto('/audit-trail');
  await expect(page.locator('main time').first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
  await context.close();
});

const PAGES: [RoleName, string][] = [
  ['ENGINEER', '/models'],
  ['ADMIN', '/admin/users'],
  ['ENGINEER', '/datasets'],
  ['COMPLIANCE_OFFICER', '/audits/findings'],
  ['COMPLIANCE_OFFICER', '/incidents'],
];

for (const [role, path] of PAGES) {
  test(`ids are unique on ${path} and every label names a field of its own form`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath(role) });
    const page = await context.newPage();
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    const problems = await page.evaluate(() => {
      const seen = new Map<string, number>();
      for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
      const duplicates = [...seen].filter(([, n]) => n > 1).map(([id]) => `duplicate id ${id}`);
      const strays = [...document.querySelectorAll<HTMLLabelElement>('label[for]')].flatMap((label) => {
        const target = document.getElementById(label.htmlFor);
        if (!target) return [`label "${label.textContent}" names no element`];
        return label.closest('form') !== target.closest('form') ? [`label "${label.textContent}" names a field of another form`] : [];
      });
      return [...duplicates, ...strays];
    });
    expect(problems).toEqual([]);
    await context.close();
  });
}
