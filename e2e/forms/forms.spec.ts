import { expect, test, type Locator, type Page } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';
import { pick } from '../support/pick';

/** The refused field is marked, named by its label in the form's alert, and has the focus. */
async function expectRefused(form: Locator, page: Page, label: string) {
  const field = form.getByLabel(label, { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  const summary = form.getByTestId('form-errors');
  await expect(summary.getByRole('link', { name: label, exact: true })).toBeVisible();
  await expect(summary).not.toContainText(/expected|received|Too big|Too small|\w+\.\d+\.\w+:/);
  // The message under the field is linked to it.
  const described = (await field.getAttribute('aria-describedby')) ?? '';
  expect(described).toMatch(/-error/);
  await expect(page.locator(`[id="${described.split(' ')[0]}"]`)).not.toBeEmpty();
}

test('a refused incident report keeps text, text area, select, date/time, picker and checkboxes', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/incidents/new');
  const form = page.getByRole('form', { name: 'Report an incident' });
  await form.getByLabel('Title').fill('Kept after refusal');
  await form.getByLabel('Type').selectOption('OTHER');
  await form.getByLabel('What happened').fill('Seven lines of careful notes.');
  await pick(form, 'AI systems', 'Product recommender');
  await form.getByLabel(/protected group treated unfairly/).check();
  await form.getByLabel('Detected at (your local time)').fill('2099-01-01T10:00');
  await form.getByRole('button', { name: 'Report incident' }).click();

  await expectRefused(form, page, 'Detected at (your local time)');
  await expect(form.getByLabel('Title')).toHaveValue('Kept after refusal');
  await expect(form.getByLabel('Type')).toHaveValue('OTHER');
  await expect(form.getByLabel('What happened')).toHaveValue('Seven lines of careful notes.');
  await expect(form.getByLabel('Detected at (your local time)')).toHaveValue('2099-01-01T10:00');
  await expect(form.getByRole('list', { name: 'AI systems: chosen' })).toContainText('Product recommender');
  await expect(form.getByLabel(/protected group treated unfairly/)).toBeChecked();
  await context.close();
});

test('a refused token keeps its name and marks the checkbox group', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ADMIN');
  await page.goto('/admin/tokens');
  const form = page.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Name').fill('kept-name');
  await form.getByLabel('Expires in (days)').fill('9999');
  await form.getByRole('button', { name: 'Create token' }).click();
  await expectRefused(form, page, 'Expires in (days)');
  await expect(form.getByLabel('Name')).toHaveValue('kept-name');
  await expect(form.getByTestId('form-errors')).toContainText('Scopes');
  await expect(form.getByRole('group', { name: 'Scopes' })).toHaveAttribute('aria-invalid', 'true');
  await context.close();
});

test('a refused finding from an incident keeps its fields and marks the person picker (the due date may stay empty for the default)', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/incidents?severity=SEV1');
  await page.getByTestId('incident-row').first().getByRole('link').first().click();
  await page.getByText('Raise a finding').click();
  const form = page.getByRole('form', { name: 'Raise a finding' });
  await form.getByLabel('Finding title').fill('Kept title');
  await form.getByLabel('Finding description').fill('Kept description');
  await form.getByLabel('Finding severity').selectOption('HIGH');
  await form.getByRole('button', { name: 'Raise finding' }).click();
  await expectRefused(form, page, 'Finding owner');
  await expect(form.getByLabel('Finding due date')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Finding title')).toHaveValue('Kept title');
  await expect(form.getByLabel('Finding description')).toHaveValue('Kept description');
  await expect(form.getByLabel('Finding severity')).toHaveValue('HIGH');
  await context.close();
});

test('a refused evidence upload keeps its fields (file form with progress)', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/audits/evidence');
  const form = page.getByRole('form', { name: 'Add evidence' });
  await form.getByLabel('Title').fill('x');
  await form.getByLabel('Description').fill('Kept description');
  await form.getByRole('button', { name: 'Add evidence' }).click();
  await expectRefused(form, page, 'Title');
  await expect(form.getByLabel('Description')).toHaveValue('Kept description');
  await context.close();
});

test('a refused postmortem keeps all seven text areas', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/incidents?severity=SEV1');
  await page.getByTestId('incident-row').first().getByRole('link').first().click();
  await page.getByText(/Write the postmortem|Edit the postmortem/).click();
  const form = page.getByRole('form', { name: 'Postmortem' });
  const parts = ['Summary', 'Impact', 'Root cause', 'What went well', 'What went poorly', 'Corrective actions (summary)'];
  for (const label of parts) await form.getByLabel(label, { exact: true }).fill(`${label} text`);
  await form.getByLabel('Lessons learned', { exact: true }).fill('   ');
  await form.getByRole('button', { name: 'Save postmortem' }).click();
  await expectRefused(form, page, 'Lessons learned');
  for (const label of parts) await expect(form.getByLabel(label, { exact: true })).toHaveValue(`${label} text`);
  await context.close();
});

test('the combobox follows the ARIA pattern: type to search, arrows, Enter, Escape', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/incidents/new');
  const box = page.getByRole('combobox', { name: 'Models and versions' });
  await box.focus();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.type('credit');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByRole('listbox', { name: 'Models and versions' });
  await expect(list.getByRole('option').first()).toBeVisible();
  // Every option matches what was typed: the search ran on the server.
  for (const text of await list.getByRole('option').allTextContents()) expect(text.toLowerCase()).toContain('credit');
  await page.keyboard.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  expect(active).toBeTruthy();
  const chosen = (await page.locator(`[id="${active}"]`).textContent())!.split('\n')[0];
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Models and versions: chosen' })).toBeVisible();
  await page.keyboard.type('zzzz-nothing');
  await expect(page.getByText('No matches.')).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Escape');
  await expect(box).toHaveValue('');
  await page.keyboard.press('Backspace');
  await expect(page.getByRole('list', { name: 'Models and versions: chosen' })).toHaveCount(0);
  expect(chosen.length).toBeGreaterThan(0);
  await context.close();
});

test('on a tablet the sidebar folds into a menu and wide tables scroll inside their card', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.goto('/models/credit-scoring/versions/3.1.0');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(nav).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close menu' })).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'Incidents' }).click();
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(nav).toBeHidden();
  // The page itself never scrolls sideways; wide tables scroll in their own region.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});

test('the favicon is served', async ({ request }) => {
  const res = await request.get('/icon.svg');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('image/svg');
});

testPagesAccessible([
  ['COMPLIANCE_OFFICER', '/models/credit-scoring/versions/3.1.0'],
  ['ADMIN', '/admin/users'],
  ['ADMIN', '/admin/tokens'],
  ['COMPLIANCE_OFFICER', '/audits/evidence'],
  ['COMPLIANCE_OFFICER', '/audits/findings'],
  ['COMPLIANCE_OFFICER', '/requirements/systems'],
  ['COMPLIANCE_OFFICER', '/'],
  ['ENGINEER', '/datasets'],
  ['ENGINEER', '/models'],
]);
