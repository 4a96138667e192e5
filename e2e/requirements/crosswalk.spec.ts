import { expect, test } from '@playwright/test';
import { testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';

test.describe('the crosswalk', () => {
  test('an auditor reads coverage and what a requirement also satisfies, exports, and cannot change mappings', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'AUDITOR');
    await page.goto('/requirements/crosswalk?source=nist-sp-800-53-moderate');
    const coverage = page.getByRole('table', { name: /Coverage that NIST SP 800-53 Rev\. 5 MODERATE/ });
    await expect(coverage.getByRole('row', { name: /LOW impact baseline.*100 %/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Add a mapping' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0);
    const csv = await page.request.get('/api/v1/crosswalk/export?format=csv&framework=nyc-ll-144');
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n')[0].trim()).toBe('fromFramework,fromRef,relationship,toFramework,toRef,rationale,citation');
    const refused = await page.request.post('/api/v1/crosswalk', { data: { fromRequirementId: 'a', toRequirementId: 'b', relationship: 'EQUIVALENT', rationale: 'x' } });
    expect(refused.status()).toBe(403);
    await page.goto('/requirements/crosswalk?framework=hipaa-security');
    await page.getByRole('link', { name: '164.308(a)(2)' }).first().click();
    const also = page.getByRole('table', { name: /mapped to 164\.308\(a\)\(2\), with their status/ });
    await expect(also.getByRole('row', { name: /GV\.RR-02.*subset of/ })).toBeVisible();
    await context.close();
  });

  test('an admin edits and removes a mapping with confirmation, and the change is kept', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'ADMIN');
    await page.goto('/requirements/crosswalk?framework=owasp-ml-top10');
    const table = page.getByRole('table', { name: /Crosswalk mappings \((\d+)\)/ });
    const caption = await table.locator('caption').textContent();
    const total = Number(/\((\d+)\)/.exec(caption ?? '')?.[1]);
    const row = table.getByRole('row').nth(1);
    await row.getByText('Edit').click();
    await row.getByLabel('Rationale').fill('Adversarial training and input checks harden the model (our wording).');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Mapping saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByText('Adversarial training and input checks harden the model (our wording).')).toBeVisible();
    await expect(page.getByText('Shipped, edited').first()).toBeVisible();
    await table.getByRole('row').nth(2).getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this mapping?' });
    await dialog.getByRole('button', { name: 'Remove mapping' }).click();
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(page.getByRole('table', { name: `Crosswalk mappings (${total - 1})` })).toBeVisible();
    await context.close();
  });

  testPagesAccessible([
    ['ADMIN', '/requirements/crosswalk?source=nist-csf-2&framework=utah-ai-policy-act'],
    ['AUDITOR', '/requirements/crosswalk?framework=colorado-ai-act'],
  ]);
});
