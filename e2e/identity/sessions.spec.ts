import { expect, test } from '@playwright/test';
import { scan } from '../support/a11y';
import { pageAs, signIn } from '../support/auth';

// A person sees where they are signed in and ends the other session; an
// administrator sees a person's sessions and history; others cannot.

test('a person ends another session of theirs; an administrator sees and ends a person’s sessions', async ({ browser }) => {
  test.setTimeout(120_000);
  const email = `sessions-${Date.now()}@acme.example`;
  const password = 'a-long-temporary-passphrase';
  const admin = await pageAs(browser, 'ADMIN');
  const created = await admin.context.request.post('/api/v1/users', { data: { email, name: 'Sam Sessions', role: 'AUDITOR', mode: 'password', password } });
  expect(created.ok()).toBe(true);
  const { id } = (await created.json()) as { id: string };

  const laptop = await browser.newContext();
  const laptopPage = await laptop.newPage();
  await signIn(laptopPage, email, password);
  const phone = await browser.newContext();
  const phonePage = await phone.newPage();
  await signIn(phonePage, email, password);

  await laptopPage.goto('/account/sessions');
  await expect(laptopPage.locator('main h1')).toHaveText('Sessions and sign-ins');
  await expect(laptopPage.getByTestId('session-row')).toHaveCount(2);
  await expect(laptopPage.getByTestId('history-row').first()).toContainText('Signed in');
  expect((await scan(laptopPage)).violations).toEqual([]);
  await laptopPage.getByRole('button', { name: 'End all other sessions' }).click();
  await laptopPage.getByRole('dialog').getByRole('button', { name: 'End all other sessions' }).click();
  await expect(laptopPage.getByTestId('session-row')).toHaveCount(1);
  await phonePage.goto('/');
  await expect(phonePage).toHaveURL(/\/sign-in/);

  // The administrator's view of the same person.
  await admin.page.goto(`/admin/users/${id}/sessions`);
  await expect(admin.page.locator('main h1')).toHaveText('Sessions of Sam Sessions');
  await expect(admin.page.getByTestId('session-row')).toHaveCount(1);
  expect((await scan(admin.page)).violations).toEqual([]);
  await admin.page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await admin.page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(admin.page.getByTestId('session-row')).toHaveCount(0);
  await laptopPage.goto('/');
  await expect(laptopPage).toHaveURL(/\/sign-in/);

  // Nobody else sees a person's sessions.
  const engineer = await pageAs(browser, 'ENGINEER');
  expect((await engineer.page.goto(`/admin/users/${id}/sessions`))?.status()).toBe(403);
  await Promise.all([laptop.close(), phone.close(), admin.context.close(), engineer.context.close()]);
});
