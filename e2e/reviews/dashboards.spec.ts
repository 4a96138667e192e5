import { scan } from '../support/a11y';
import { expect, test } from '@playwright/test';
import { pageAs, type RoleName } from '../support/auth';

const DASHBOARD: Record<RoleName, string> = {
  ADMIN: 'admin-dashboard',
  COMPLIANCE_OFFICER: 'compliance-dashboard',
  PRIVACY_OFFICER: 'privacy-dashboard',
  ENGINEER: 'engineer-dashboard',
  AUDITOR: 'auditor-dashboard',
};

for (const role of Object.keys(DASHBOARD) as RoleName[]) {
  test(`${role} lands on their own dashboard, which passes WCAG 2.2 AA`, async ({ browser }) => {
    const { context, page } = await pageAs(browser, role);
    await page.goto('/');
    await expect(page.getByTestId(DASHBOARD[role])).toBeVisible();
    for (const [other, id] of Object.entries(DASHBOARD)) {
      if (other !== role && !(role === 'ADMIN' && other === 'COMPLIANCE_OFFICER')) await expect(page.getByTestId(id)).toHaveCount(0);
    }
    const results = await scan(page);
    expect(results.violations).toEqual([]);
    await context.close();
  });
}

test('the posture trend comes from the closed reviews and reads as a table too', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/');
  const trend = page.locator('section', { has: page.getByRole('heading', { name: 'Posture trend by quarter' }) });
  await trend.getByText('Show the data as a table').click();
  const rows = trend.getByRole('table').locator('tbody tr');
  // Two seeded closed reviews, plus the current one if another spec closed it first.
  await expect(rows.nth(1)).toBeVisible();
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/reviews\/\d{4}-Q[1-4]$/);
  await expect(page.getByTestId('review-status')).toContainText('Closed');
  await context.close();
});

test('an auditor sees the audit-trail integrity on their dashboard', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/');
  await expect(page.getByTestId('verify-panel').getByText('Intact')).toBeVisible();
  // The audits they are assigned to, with progress.
  await expect(page.getByTestId('my-audits')).toContainText('findings closed or accepted');
  await context.close();
});
