import { testPagesAccessible } from '../support/a11y';
import { expect, test, type Page } from '@playwright/test';
import { pageAs } from '../support/auth';

const cell = (page: Page, ref: string, system: string) => page.getByRole('gridcell', { name: new RegExp(`^${ref.replace(/[.()]/g, '\\$&')}, ${system}:`) });

test.describe('the requirements matrix', () => {
  test('shows the demo matrix with completion figures', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'AUDITOR');
    await page.goto('/requirements');
    await expect(page.getByRole('heading', { name: 'Requirements matrix' })).toBeVisible();
    await expect(page.getByTestId('matrix-row').first()).toBeVisible();
    for (const name of ['Clinical triage assistant', 'Credit scoring model', 'Product recommender']) {
      await expect(page.getByRole('columnheader', { name })).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: 'By framework' })).toBeVisible();
    await expect(page.getByText(/assessed · \d+% compliant/).first()).toBeVisible();
    await context.close();
  });

  test('a compliance officer edits a cell with the keyboard; not applicable needs a justification; Esc cancels', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    await page.goto('/requirements?framework=gdpr&q=Art.+30');
    const target = cell(page, 'Art. 30', 'Clinical triage assistant');
    await expect(target).toBeVisible();
    await page.getByRole('rowheader').first().focus();
    await page.keyboard.press('ArrowRight');
    await expect(target).toBeFocused();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('dialog', { name: /Edit Art\. 30 for Clinical triage assistant/ });
    await expect(editor).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(editor).toBeHidden();
    await expect(target).toBeFocused();

    await page.keyboard.press('Enter');
    await editor.getByLabel('Status').selectOption('NOT_APPLICABLE');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor.getByText(/justification/i).first()).toBeVisible();
    await editor.getByLabel('Justification (required)').fill('Records of processing are kept at controller level, not per system.');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toBeHidden();
    await expect(target).toHaveAccessibleName(/Not applicable/);
    await page.reload();
    await expect(cell(page, 'Art. 30', 'Clinical triage assistant')).toHaveAccessibleName(/Not applicable/);
    await context.close();
  });

  test('bulk update of a selection records one reason', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    await page.goto('/requirements?framework=gdpr&q=Art.+2');
    const a = cell(page, 'Art. 25', 'Credit scoring model');
    const b = cell(page, 'Art. 25', 'Product recommender');
    await a.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expect(b).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByText('2 cells selected')).toBeVisible();
    await page.getByLabel('Set status to').selectOption('PARTIALLY_COMPLIANT');
    await page.getByLabel('Reason (recorded once for all)').fill('Privacy by design review, Q4');
    await page.getByRole('button', { name: 'Update 2' }).click();
    await expect(page.getByText('2 cells updated.')).toBeVisible();
    await expect(a).toHaveAccessibleName(/Partially compliant/);
    await expect(b).toHaveAccessibleName(/Partially compliant/);
    await context.close();
  });

  test('an engineer edits cells of the systems they own only; an auditor edits nothing', async ({ browser }) => {
    const eng = await pageAs(browser, 'ENGINEER');
    await eng.page.goto('/requirements?framework=gdpr&q=Art.+32');
    await expect(cell(eng.page, 'Art. 32', 'Credit scoring model')).toHaveAttribute('aria-readonly', 'true');
    await cell(eng.page, 'Art. 32', 'Credit scoring model').focus();
    await eng.page.keyboard.press('Enter');
    await expect(eng.page.getByRole('dialog')).toHaveCount(0);
    await cell(eng.page, 'Art. 32', 'Clinical triage assistant').focus();
    await eng.page.keyboard.press('Enter');
    await expect(eng.page.getByRole('dialog', { name: /Edit Art\. 32/ })).toBeVisible();
    const denied = await eng.context.request.put('/api/v1/matrix/cells', {
      data: { requirementId: 'x', systemId: 'y', status: 'COMPLIANT' },
    });
    expect(denied.status()).toBe(404);
    await eng.context.close();

    const aud = await pageAs(browser, 'AUDITOR');
    await aud.page.goto('/requirements?framework=gdpr&q=Art.+32');
    for (const s of ['Clinical triage assistant', 'Credit scoring model', 'Product recommender']) {
      await expect(cell(aud.page, 'Art. 32', s)).toHaveAttribute('aria-readonly', 'true');
    }
    const matrix = await aud.context.request.get('/api/v1/matrix?framework=gdpr&limit=1');
    const { rows, systems } = await matrix.json();
    const put = await aud.context.request.put('/api/v1/matrix/cells', { data: { requirementId: rows[0].id, systemId: systems[0].id, status: 'COMPLIANT' } });
    expect(put.status()).toBe(403);
    const lib = await aud.context.request.post('/api/v1/frameworks/library', { data: {} });
    expect(lib.status()).toBe(403);
    expect((await aud.page.goto('/requirements/import'))?.status()).toBe(403);
    await aud.page.goto('/requirements/library');
    await expect(aud.page.getByRole('button', { name: /reload the shipped library/i })).toHaveCount(0);
    await aud.context.close();
  });

  testPagesAccessible(
    ['/requirements', '/requirements/library', '/requirements/library/eu-ai-act', '/requirements/systems', '/requirements/controls', '/requirements/crosswalk', '/requirements/reviews', '/requirements/mine', '/requirements/import'].map(
      (path) => ['COMPLIANCE_OFFICER', path] as const,
    ),
  );
});
