import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'governance-demo-2026';

export const ROLE_USERS = {
  ADMIN: { email: 'admin@acme.example', name: 'Avery Admin' },
  COMPLIANCE_OFFICER: { email: 'compliance@acme.example', name: 'Casey Compliance' },
  PRIVACY_OFFICER: { email: 'privacy@acme.example', name: 'Priya Privacy' },
  ENGINEER: { email: 'engineer@acme.example', name: 'Elliot Engineer' },
  AUDITOR: { email: 'auditor@acme.example', name: 'Aude Auditor' },
} as const;

export type RoleName = keyof typeof ROLE_USERS;

/** Where each role's signed-in browser state is kept between specs. */
export const storageStatePath = (role: RoleName) => `.data/e2e-auth/${role}.json`;

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

/** A fresh browser context signed in as the given demo role. */
export async function pageAs(browser: Browser, role: RoleName) {
  const context = await browser.newContext({ storageState: storageStatePath(role) });
  const page = await context.newPage();
  return { context, page };
}
