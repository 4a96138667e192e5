import { expect, test } from '@playwright/test';
import { expectAccessible as a11y } from '../support/a11y';
import { pageAs, signIn } from '../support/auth';
import { ageFactor, totpCode as code } from '../support/mfa';

// One person through the whole second-factor life: enrol an authenticator
// app, sign in with it, be stepped up for a sensitive action (in the UI and
// through the API), use a recovery code, and have an administrator reset it.

test('a person enrols TOTP, signs in with it, is stepped up for a token, and an admin resets it', async ({ browser }) => {
  test.setTimeout(120_000);
  const email = `mfa-${Date.now()}@acme.example`;
  const password = 'a-long-temporary-passphrase';
  const admin = await pageAs(browser, 'ADMIN');
  await admin.page.goto('/admin/users');
  const form = admin.page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Name').fill('Mfa Admin');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('ADMIN');
  await form.getByLabel('Set an initial password').check();
  await form.getByRole('textbox', { name: 'Initial password' }).fill(password);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(admin.page.getByText(`User ${email} created.`)).toBeVisible();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);

  // Required by the default policy, inside the grace period: told, not blocked.
  await page.goto('/account/security');
  await expect(page.locator('main h1')).toHaveText('Sign-in security');
  await expect(page.getByTestId('enrol-grace')).toBeVisible();
  await a11y(page);
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await a11y(page);
  const confirm = page.getByRole('form', { name: 'Confirm the authenticator app' });
  await confirm.getByLabel('6-digit code').fill('000000');
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(confirm.getByTestId('form-errors')).toBeVisible();
  await confirm.getByLabel('6-digit code').fill(code(secret, -1));
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await a11y(page);
  await page.getByRole('link', { name: 'I have saved my recovery codes' }).click();
  await expect(page.getByTestId('totp-status')).toContainText('10 of 10 recovery codes left');

  // Signing in again now takes the code as well.
  await page.getByRole('button', { name: 'Sign out' }).click();
  // Signing out ends on the sign-in page; going there before it does aborts that navigation.
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await expect(page.locator('h1')).toHaveText('Two-step sign-in');
  await a11y(page);
  await page.goto('/admin/tokens');
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  const codeField = page.getByLabel('Code from your authenticator app, or a recovery code');
  await codeField.fill('123456');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('verify-error')).toBeVisible();
  await codeField.fill(code(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('current-user')).toHaveText('Mfa Admin');

  // Ten minutes later a sensitive action asks again: in the UI and through the API.
  await ageFactor(email);
  const api = await page.request.post('/api/v1/tokens', { data: { name: 'ci', scopes: ['models:read'], expiresInDays: 30 } });
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe('STEP_UP_REQUIRED');
  await page.goto('/admin/tokens');
  const tokenForm = page.getByRole('form', { name: 'Create an API token' });
  await tokenForm.getByLabel('Name').fill('deploy-pipeline');
  await tokenForm.getByRole('button', { name: /Deploy pipeline/ }).click();
  await tokenForm.getByRole('button', { name: 'Create token' }).click();
  await expect(tokenForm.getByTestId('step-up-prompt')).toBeVisible();
  await tokenForm.getByTestId('step-up-prompt').click();
  await expect(page.locator('h1')).toHaveText('Confirm it is you');
  await a11y(page);
  await page.getByLabel('Code from your authenticator app, or a recovery code').fill(recovery);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/admin\/tokens/);
  const again = page.getByRole('form', { name: 'Create an API token' });
  await again.getByLabel('Name').fill('deploy-pipeline');
  await again.getByRole('button', { name: /Deploy pipeline/ }).click();
  await again.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('new-token-secret')).toBeVisible();

  // The administrator resets it: the person's session ends at once.
  await admin.page.reload();
  const row = admin.page.getByTestId(`user-row-${email}`);
  await expect(row.getByText('MFA', { exact: true })).toBeVisible();
  await row.getByRole('button', { name: 'Reset MFA' }).click();
  const dialog = admin.page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Reset MFA' }).click();
  await expect(dialog).toBeHidden();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
  await admin.context.close();
});

test('the sign-in policy page is for administrators only and accessible', async ({ browser }) => {
  const admin = await pageAs(browser, 'ADMIN');
  await admin.page.goto('/admin/security');
  await expect(admin.page.locator('main h1')).toHaveText('Sign-in security policy');
  await expect(admin.page.getByRole('checkbox', { name: 'Administrator' })).toBeChecked();
  await a11y(admin.page);
  await admin.context.close();
  const engineer = await pageAs(browser, 'ENGINEER');
  const response = await engineer.page.goto('/admin/security');
  expect(response?.status()).toBe(403);
  await engineer.context.close();
});
