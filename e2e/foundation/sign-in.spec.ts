import { expect, test } from '@playwright/test';
import { ROLE_USERS, signIn, type RoleName } from '../support/auth';

const NAV: Record<RoleName, string[]> = {
  ADMIN: ['Home', 'Requirements', 'Models', 'Audits & findings', 'Incidents', 'Reviews', 'Audit trail', 'Users', 'API tokens'],
  COMPLIANCE_OFFICER: ['Home', 'Requirements', 'Models', 'Audits & findings', 'Incidents', 'Reviews'],
  PRIVACY_OFFICER: ['Home', 'Requirements', 'Models', 'Audits & findings', 'Incidents', 'Reviews'],
  ENGINEER: ['Home', 'Requirements', 'Models', 'Audits & findings', 'Incidents', 'Reviews'],
  AUDITOR: ['Home', 'Requirements', 'Models', 'Audits & findings', 'Incidents', 'Reviews', 'Audit trail'],
};
const ROLE_LABEL: Record<RoleName, string> = {
  ADMIN: 'Administrator',
  COMPLIANCE_OFFICER: 'Compliance officer',
  PRIVACY_OFFICER: 'Privacy officer',
  ENGINEER: 'Engineer',
  AUDITOR: 'Auditor',
};

test.describe('signing in', () => {
  for (const role of Object.keys(ROLE_USERS) as RoleName[]) {
    test(`${role} signs in, sees their own navigation and signs out`, async ({ page }) => {
      await signIn(page, ROLE_USERS[role].email);
      await expect(page.getByTestId('current-user')).toHaveText(ROLE_USERS[role].name);
      await expect(page.getByTestId('current-role')).toHaveText(ROLE_LABEL[role]);
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const item of NAV[role]) await expect(nav.getByRole('link', { name: item, exact: true })).toBeVisible();
      const links = await nav.getByRole('link').allTextContents();
      for (const forbidden of ['Users', 'API tokens', 'Audit trail'].filter((l) => !NAV[role].includes(l))) {
        expect(links).not.toContain(forbidden);
      }
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/sign-in/);
      await page.goto('/');
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F/);
    });
  }

  test('a wrong password gets a clear message and no session', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('compliance@acme.example');
    await page.getByLabel('Password').fill('not-the-right-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('sign-in-error')).toHaveText('Email or password is incorrect.');
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('a signed-out visitor is sent to sign-in and back to the page they asked for', async ({ page }) => {
    await page.goto('/audit-trail');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faudit-trail/);
    await page.getByLabel('Email').fill(ROLE_USERS.AUDITOR.email);
    await page.getByLabel('Password').fill('governance-demo-2026');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/audit-trail$/);
    await expect(page.getByRole('heading', { name: 'Audit trail' })).toBeVisible();
  });
});
