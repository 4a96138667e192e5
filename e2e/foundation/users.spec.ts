import { expect, test } from '@playwright/test';
import { pageAs, signIn } from '../support/auth';

test('an admin deactivates a user and that user\'s open session dies on the next request', async ({ browser }) => {
  const email = `temp-${Date.now()}@acme.example`;
  const password = 'a-long-temporary-passphrase';
  const admin = await pageAs(browser, 'ADMIN');
  await admin.page.goto('/admin/users');
  const form = admin.page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Name').fill('Temp Engineer');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Set an initial password').check();
  await form.getByRole('textbox', { name: 'Initial password' }).fill(password);
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(admin.page.getByText(`User ${email} created.`)).toBeVisible();

  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signIn(userPage, email, password);
  await expect(userPage.getByTestId('current-user')).toHaveText('Temp Engineer');

  await admin.page.reload();
  const row = admin.page.getByTestId(`user-row-${email}`);
  await row.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = admin.page.getByRole('dialog');
  await expect(dialog).toContainText(`Deactivate ${email}?`);
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText('Deactivated', { exact: true })).toBeVisible();

  await userPage.reload();
  await expect(userPage).toHaveURL(/\/sign-in/);
  const api = await userContext.request.get('/api/v1/me');
  expect(api.status()).toBe(401);

  await userPage.getByLabel('Email').fill(email);
  await userPage.getByLabel('Password').fill(password);
  await userPage.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(userPage.getByTestId('sign-in-error')).toContainText('deactivated');
  await userContext.close();
  await admin.context.close();
});

test('a new user accepts an invitation and signs in with their own password', async ({ browser }) => {
  const email = `invitee-${Date.now()}@acme.example`;
  const admin = await pageAs(browser, 'ADMIN');
  await admin.page.goto('/admin/users');
  const form = admin.page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('Name').fill('Ivy Invitee');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption('AUDITOR');
  await form.getByRole('button', { name: 'Add user' }).click();
  const link = await admin.page.getByTestId('invite-link').locator('code').textContent();
  expect(link).toMatch(/\/invite\//);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link!);
  await page.getByLabel('New password').fill('password1234');
  await page.getByLabel('Repeat the password').fill('password1234');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.locator('#password-error')).toContainText('commonly used');
  await page.getByLabel('New password').fill('ivy-chooses-a-good-phrase');
  await page.getByLabel('Repeat the password').fill('ivy-chooses-a-good-phrase');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText('Your password is set')).toBeVisible();
  await signIn(page, email, 'ivy-chooses-a-good-phrase');
  await expect(page.getByTestId('current-role')).toHaveText('Auditor');
  await context.close();
  await admin.context.close();
});
