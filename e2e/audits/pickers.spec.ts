import { expect, test } from '@playwright/test';
import { scan } from '../support/a11y';
import { pageAs } from '../support/auth';
import { pick } from '../support/pick';

test('the final report of an audit is chosen with the evidence picker, not a typed id', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/audits');
  await page.getByRole('link', { name: 'ISO/IEC 42001 readiness (internal)' }).click();
  const form = page.getByRole('form', { name: 'Update the audit' });
  await pick(form, 'Final report evidence', 'Access control', /Access control policy v3/);
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form.getByRole('status')).not.toBeEmpty();
  await expect(page.getByRole('link', { name: 'Access control policy v3' })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});

for (const path of ['/audits/findings', '/audits/requests', '/audits/evidence', '/audits/certifications']) {
  test(`${path} loads no long lists into its forms: requirements, findings, people and systems are searched`, async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible();
    const longest = await page.locator('select').evaluateAll((selects) => Math.max(0, ...selects.map((s) => (s as HTMLSelectElement).options.length)));
    expect(longest).toBeLessThanOrEqual(50);
    await context.close();
  });
}
