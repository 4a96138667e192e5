import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible as a11y } from '../support/a11y';
import { pageAs, ROLE_USERS, signIn } from '../support/auth';
import { ageFactor, totpCode as code } from '../support/mfa';

// A quarterly access review in the browser: an administrator with an
// authenticator app starts it; Casey Compliance, the demo manager of Elliot
// Engineer and Priya Privacy, answers her items (and is refused one that is
// not hers); the administrators answer the rest; closing asks for a fresh
// second factor; the report downloads with the SHA-256 the page shows; the
// revoked token gets 401.

const row = (page: Page, subjectStart: string) => page.locator('tbody tr').filter({ has: page.locator('td', { hasText: subjectStart }) });

/** Answers one row through its confirmation dialog. */
async function answer(page: Page, subjectStart: string, decision: 'Confirm' | 'Revoke') {
  const r = row(page, subjectStart);
  await r.getByRole('button', { name: decision }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: decision }).click();
  await expect(dialog).toBeHidden();
  await expect(r.getByText(decision === 'Confirm' ? 'Confirmed' : 'Revoked', { exact: true })).toBeVisible();
}

/** Confirms every item this page still offers, first row first. */
async function confirmAll(page: Page) {
  for (;;) {
    await page.reload();
    const first = page.locator('tbody tr').filter({ has: page.getByRole('button', { name: 'Confirm' }) }).first();
    if (!(await first.count())) return;
    await first.getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden();
  }
}

test('a manager answers their reports’ access, is refused another’s, and the administrator closes the review with a fresh factor', async ({ browser, playwright }) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const closerEmail = `closer-${stamp}@acme.example`;
  const password = 'a-long-temporary-passphrase';
  const title = `Access review ${stamp}`;

  // An administrator with an authenticator app (the demo admin has none, so step-up would not ask).
  const avery = await pageAs(browser, 'ADMIN');
  await avery.page.goto('/admin/users');
  const add = avery.page.getByRole('form', { name: 'Add a user' });
  await add.getByLabel('Name').fill('Cleo Closer');
  await add.getByLabel('Email').fill(closerEmail);
  await add.getByLabel('Role').selectOption('ADMIN');
  await add.getByLabel('Set an initial password').check();
  await add.getByRole('textbox', { name: 'Initial password' }).fill(password);
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(avery.page.getByText(`User ${closerEmail} created.`)).toBeVisible();
  // The demo data gives Elliot a manager: the users screen shows it in the person picker.
  await expect(avery.page.getByRole('combobox', { name: `Manager of ${ROLE_USERS.ENGINEER.email}` })).toHaveValue(ROLE_USERS.COMPLIANCE_OFFICER.name);

  const closerContext = await browser.newContext();
  const closer = await closerContext.newPage();
  await signIn(closer, closerEmail, password);
  await closer.goto('/account/security');
  await closer.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await closer.getByTestId('totp-secret').textContent())!.trim();
  const confirm = closer.getByRole('form', { name: 'Confirm the authenticator app' });
  await confirm.getByLabel('6-digit code').fill(code(secret, -1));
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(closer.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);

  // Elliot's pipeline token: its reviewer will be his manager.
  const elliot = await pageAs(browser, 'ENGINEER');
  await elliot.page.goto('/account/tokens');
  const tokenName = `review pipeline ${stamp}`;
  const tokenForm = elliot.page.getByRole('form', { name: 'Create an API token' });
  await tokenForm.getByLabel('Name').fill(tokenName);
  await tokenForm.getByRole('button', { name: /Monitoring pipeline/ }).click();
  await tokenForm.getByRole('button', { name: 'Create token' }).click();
  const tokenSecret = (await elliot.page.getByTestId('new-token-secret').textContent())!.trim();
  const api = await playwright.request.newContext({ baseURL: new URL(elliot.page.url()).origin, extraHTTPHeaders: { Authorization: `Bearer ${tokenSecret}` } });
  expect((await api.get('/api/v1/me')).status()).toBe(200);
  await elliot.context.close();

  // The administrator starts the campaign.
  await closer.goto('/admin/access-reviews');
  await a11y(closer);
  const start = closer.getByRole('form', { name: 'Start an access review' });
  await start.getByLabel('Title').fill(title);
  await start.getByRole('button', { name: 'Start review' }).click();
  await expect(closer.getByText(/Access review started with \d+ items\./)).toBeVisible();
  await closer.getByRole('link', { name: title }).click();
  await expect(closer.locator('main h1')).toHaveText(title);
  const reviewUrl = closer.url();
  await expect(row(closer, `${ROLE_USERS.ENGINEER.email}:`).getByRole('cell').nth(2)).toHaveText(ROLE_USERS.COMPLIANCE_OFFICER.email);
  await expect(row(closer, tokenName).getByRole('cell').nth(2)).toHaveText(ROLE_USERS.COMPLIANCE_OFFICER.email);
  // The starter's own access goes to the other administrator: no buttons for it here.
  await expect(row(closer, `${closerEmail}:`).getByRole('button')).toHaveCount(0);
  await a11y(closer);

  // Casey sees the campaign and only her items.
  const casey = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await casey.page.goto('/admin/access-reviews');
  await expect(casey.page.getByRole('form', { name: 'Start an access review' })).toHaveCount(0);
  await a11y(casey.page);
  await casey.page.getByRole('link', { name: title }).click();
  await expect(casey.page.locator('main h1')).toHaveText(title);
  const subjects = await casey.page.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(subjects.some((s) => s.startsWith(`${ROLE_USERS.ENGINEER.email}:`))).toBe(true);
  expect(subjects.some((s) => s.startsWith(`${ROLE_USERS.PRIVACY_OFFICER.email}:`))).toBe(true);
  expect(subjects.some((s) => s.startsWith(tokenName))).toBe(true);
  expect(subjects.some((s) => s.startsWith(`${ROLE_USERS.ADMIN.email}:`) || s.startsWith(`${closerEmail}:`) || s.startsWith(`${ROLE_USERS.COMPLIANCE_OFFICER.email}:`))).toBe(false);
  await expect(casey.page.locator('tbody tr td:nth-child(3)').filter({ hasNotText: ROLE_USERS.COMPLIANCE_OFFICER.email })).toHaveCount(0);
  await a11y(casey.page);

  // Refused an item that is not hers: her Confirm, sent with the id of an item the administrators review.
  const foreignId = await row(closer, `${ROLE_USERS.ADMIN.email}:`).locator('input[name="itemId"]').first().inputValue();
  const ownId = await row(closer, `${ROLE_USERS.COMPLIANCE_OFFICER.email}:`).locator('input[name="itemId"]').first().inputValue();
  const priyaId = await row(casey.page, `${ROLE_USERS.PRIVACY_OFFICER.email}:`).locator('input[name="itemId"]').first().inputValue();
  for (const otherId of [foreignId, ownId]) {
    await casey.page.route(reviewUrl, async (route) => {
      const req = route.request();
      const body = req.postData();
      if (req.method() !== 'POST' || !body?.includes(priyaId)) return route.continue();
      await route.continue({ postData: body.replaceAll(priyaId, otherId) });
    });
    await row(casey.page, `${ROLE_USERS.PRIVACY_OFFICER.email}:`).getByRole('button', { name: 'Confirm' }).click();
    const dialog = casey.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog.getByText(/not found/i)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await casey.page.unroute(reviewUrl);
  }
  await closer.reload();
  await expect(row(closer, `${ROLE_USERS.ADMIN.email}:`).getByText('Open', { exact: true })).toBeVisible();
  await expect(row(closer, `${ROLE_USERS.COMPLIANCE_OFFICER.email}:`).getByText('Open', { exact: true })).toBeVisible();

  // She confirms Elliot's role and Priya's, and revokes the token after its dialog.
  await answer(casey.page, `${ROLE_USERS.ENGINEER.email}:`, 'Confirm');
  await answer(casey.page, `${ROLE_USERS.PRIVACY_OFFICER.email}:`, 'Confirm');
  await row(casey.page, tokenName).getByRole('button', { name: 'Revoke' }).click();
  const revokeDialog = casey.page.getByRole('dialog');
  await expect(revokeDialog).toContainText('The token stops working now.');
  await revokeDialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(revokeDialog).toBeHidden();
  await expect(row(casey.page, tokenName).getByText('Revoked', { exact: true })).toBeVisible();
  expect((await api.get('/api/v1/me')).status()).toBe(401);
  // Anything else of hers (other tokens of her reports) she confirms; then nothing is left for her.
  await confirmAll(casey.page);
  await expect(casey.page.getByRole('button', { name: /^(Confirm|Revoke)$/ })).toHaveCount(0);

  // The administrators answer the rest: Avery the starter's own access, the starter everything else.
  await avery.page.goto(reviewUrl);
  await answer(avery.page, `${closerEmail}:`, 'Confirm');
  await confirmAll(closer);

  // Closing asks for a fresh factor once the last one is ten minutes old.
  await ageFactor(closerEmail);
  await closer.reload();
  await closer.getByRole('button', { name: 'Close the review' }).click();
  const closeDialog = closer.getByRole('dialog');
  await closeDialog.getByRole('button', { name: 'Close the review' }).click();
  await expect(closeDialog.getByTestId('step-up-prompt')).toBeVisible();
  await closeDialog.getByTestId('step-up-prompt').click();
  await expect(closer.locator('h1')).toHaveText('Confirm it is you');
  await closer.getByLabel('Code from your authenticator app, or a recovery code').fill(code(secret));
  await closer.getByRole('button', { name: 'Verify' }).click();
  await expect(closer).toHaveURL(reviewUrl);
  await closer.getByRole('button', { name: 'Close the review' }).click();
  await closer.getByRole('dialog').getByRole('button', { name: 'Close the review' }).click();
  const sha = closer.getByTestId('report-sha256');
  await expect(sha).toHaveText(/^[0-9a-f]{64}$/);
  await expect(closer.getByRole('button', { name: /^(Confirm|Revoke|Close the review)$/ })).toHaveCount(0);
  await a11y(closer);

  // The report downloads, and hashes to what the page shows.
  const [download] = await Promise.all([closer.waitForEvent('download'), closer.getByRole('link', { name: 'Download the report (CSV)' }).click()]);
  const csv = await readFile((await download.path())!);
  expect(createHash('sha256').update(csv).digest('hex')).toBe(await sha.textContent());
  const text = csv.toString('utf8');
  expect(text).toContain(`# ${title}`);
  // Who reviewed what, and what was revoked: the token by Casey, its reviewer.
  const tokenLine = text.split('\n').find((l) => l.startsWith(`token,"${tokenName} (`));
  expect(tokenLine).toContain(`,${ROLE_USERS.COMPLIANCE_OFFICER.email},no,REVOKED,${ROLE_USERS.COMPLIANCE_OFFICER.email},`);
  expect(text.split('\n').find((l) => l.startsWith(`role,${ROLE_USERS.ENGINEER.email}:`))).toContain(`,${ROLE_USERS.COMPLIANCE_OFFICER.email},no,CONFIRMED,`);

  await closer.goto('/admin/access-reviews');
  await expect(closer.locator('tbody tr').filter({ hasText: title }).getByText('Closed', { exact: true })).toBeVisible();
  await api.dispose();
  await casey.context.close();
  await avery.context.close();
  await closerContext.close();
});
