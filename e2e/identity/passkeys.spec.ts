import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { scan } from '../support/a11y';
import { pageAs } from '../support/auth';
import { ageFactor } from '../support/mfa';

// Passkeys with Chromium's virtual authenticator (the DevTools protocol's
// WebAuthn domain). WebAuthn refuses an IP address as the relying party, so
// this spec opens the portal at localhost (PUBLIC_URL in the e2e run).

const localBase = () => process.env.PUBLIC_URL ?? test.info().project.use.baseURL!.replace('127.0.0.1', 'localhost');

async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

test('a person adds a passkey, signs in with it, is stepped up with it, renames and removes it', async ({ browser }) => {
  test.setTimeout(180_000);
  const email = `passkey-${Date.now()}@acme.example`;
  const password = 'a-long-temporary-passphrase';
  const admin = await pageAs(browser, 'ADMIN');
  const created = await admin.context.request.post('/api/v1/users', { data: { email, name: 'Pat Passkey', role: 'ENGINEER', mode: 'password', password } });
  expect(created.ok()).toBe(true);
  await admin.context.close();

  const base = localBase();
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await virtualAuthenticator(context, page);
  const signIn = async () => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };
  await signIn();
  await expect(page.getByTestId('current-user')).toHaveText('Pat Passkey');

  await page.goto('/account/security');
  const add = page.getByRole('form', { name: 'Add a passkey' });
  await add.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(add.getByTestId('passkey-error')).toContainText('Give the passkey a name');
  await add.getByLabel('Name for this passkey').fill('Test laptop');
  await add.getByRole('button', { name: 'Add a passkey' }).click();
  // The first factor comes with recovery codes, shown once.
  await expect(page.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
  expect((await scan(page)).violations).toEqual([]);
  await page.getByRole('link', { name: 'I have saved my recovery codes' }).first().click();
  const row = page.getByTestId('passkey-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Test laptop');
  expect((await scan(page)).violations).toEqual([]);

  // Signing in again asks for the passkey.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn();
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  await expect(page.locator('h1')).toHaveText('Two-step sign-in');
  expect((await scan(page)).violations).toEqual([]);
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page.getByTestId('current-user')).toHaveText('Pat Passkey');

  // Ten minutes later removing it needs the step-up, given with the passkey.
  await ageFactor(email);
  await page.goto('/account/security');
  await page.getByRole('form', { name: 'Rename Test laptop' }).getByLabel('New name').fill('Work laptop');
  await page.getByRole('form', { name: 'Rename Test laptop' }).getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('passkey-row')).toContainText('Work laptop');
  await page.getByRole('button', { name: 'Remove Work laptop' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Remove Work laptop' }).click();
  await dialog.getByTestId('step-up-prompt').click();
  await expect(page.locator('h1')).toHaveText('Confirm it is you');
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page).toHaveURL(/\/account\/security/);
  // A full page load: the dialog opens once the page is hydrated.
  await expect(async () => {
    await page.getByRole('button', { name: 'Remove Work laptop' }).click();
    await expect(page.getByRole('dialog')).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove Work laptop' }).click();
  await expect(page.getByTestId('passkey-row')).toHaveCount(0);
  await context.close();
});

test('an administrator rotates a token: the new secret works and the old one still does during the grace period', async ({ browser, playwright }) => {
  test.setTimeout(90_000);
  const admin = await pageAs(browser, 'ADMIN');
  const page = admin.page;
  await page.goto('/admin/tokens');
  await expect(page.getByTestId('token-policy-summary')).toContainText('at most 90');
  const form = page.getByRole('form', { name: 'Create an API token' });
  const name = `rotate-${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Expires in (days)').fill('120');
  await form.getByRole('button', { name: /Deploy pipeline/ }).click();
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(form.getByText('At most 90 days').first()).toBeVisible();
  await form.getByLabel('Expires in (days)').fill('30');
  await form.getByRole('button', { name: 'Create token' }).click();
  const first = (await page.getByTestId('new-token-secret').textContent())!.trim();
  const rotate = page.getByRole('form', { name: `Rotate ${name}` });
  await rotate.getByRole('button', { name: 'Rotate' }).click();
  const second = (await rotate.getByTestId('rotated-token-secret').textContent())!.trim();
  expect(second).not.toBe(first);
  await expect(page.getByText('Old secret until')).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  const base = test.info().project.use.baseURL!;
  for (const secret of [first, second]) {
    const api = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
    expect((await api.get('/api/v1/models')).status()).toBe(200);
    await api.dispose();
  }
  await admin.context.close();
  // Roles without tokens:manage cannot rotate (the page offers them no Rotate button either: capabilities.rotate).
  const engineer = await pageAs(browser, 'ENGINEER');
  expect((await engineer.context.request.post('/api/v1/tokens/any/rotate')).status()).toBe(403);
  await engineer.context.close();
});
