import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, pageAs, ROLE_USERS } from '../support/auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** A wrong password, submitted again while the per-address throttle asks to wait
 *  (every spec signs in from the same loopback address). */
async function failSignIn(page: Page, email: string, password: string) {
  await expect(async () => {
    await submitSignIn(page, email, password);
    await expect(page.getByTestId('sign-in-error')).toHaveText('Email or password is incorrect.', { timeout: 2_000 });
  }).toPass({ timeout: 40_000, intervals: [1_000, 2_000, 4_000] });
}

test.describe('trust nothing the client names', () => {
  test('a forged X-Forwarded-For and request id never reach the audit trail', async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const email = `nobody-${Date.now()}@acme.example`;
    const forged = await browser.newContext({
      extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.50', 'x-real-ip': '203.0.113.51', 'x-request-id': 'forged-request-id-0001' },
    });
    const page = await forged.newPage();
    await page.goto('/sign-in');
    await failSignIn(page, email, 'not-the-password-at-all');
    await forged.close();

    const admin = await pageAs(browser, 'ADMIN');
    const res = await admin.context.request.get(`/api/v1/audit-events?action=auth.sign_in_failed&limit=50`);
    expect(res.status()).toBe(200);
    const { items } = (await res.json()) as { items: { changes: unknown; ip: string | null; requestId: string | null }[] };
    const event = items.find((e) => JSON.stringify(e.changes).includes(email));
    expect(event, 'the failed sign-in is recorded').toBeDefined();
    // The test talks to the server over loopback: that is the peer address.
    const host = new URL(baseURL!).hostname;
    expect(event!.ip).toBe(host === 'localhost' ? '::1' : host);
    expect(event!.requestId).toMatch(UUID);
    expect(event!.requestId).not.toBe('forged-request-id-0001');
    await admin.context.close();
  });

  for (const target of ['/\\evil.example', '/%09/evil.example', '/\\/evil.example', '//evil.example', 'https://evil.example/']) {
    test(`sign-in never sends anyone to ${target}`, async ({ browser, baseURL }) => {
      const origin = new URL(baseURL!).origin;
      // Signed out: through the form.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target).replace('%2509', '%09')}`);
      await submitSignIn(page, ROLE_USERS.ENGINEER.email, DEMO_PASSWORD);
      await expect(page.getByTestId('current-user')).toBeVisible();
      expect(new URL(page.url()).origin).toBe(origin);
      // Signed in: the sign-in page redirects at once.
      await page.goto(`/sign-in?callbackUrl=${target.replace(/\\/g, '%5C')}`);
      await expect(page.getByTestId('current-user')).toBeVisible();
      expect(new URL(page.url()).origin).toBe(origin);
      await context.close();
    });
  }
});

test.describe('without JavaScript', () => {
  test('signing in posts the form: the password never appears in the URL', async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto('/sign-in?callbackUrl=%2Fmodels');
    await expect(page.locator('form').first()).toHaveAttribute('method', /post/i);
    await failSignIn(page, ROLE_USERS.COMPLIANCE_OFFICER.email, 'wrong-password-typed-here');
    await submitSignIn(page, ROLE_USERS.COMPLIANCE_OFFICER.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/models$/);
    await expect(page.getByTestId('current-user')).toHaveText(ROLE_USERS.COMPLIANCE_OFFICER.name);
    for (const url of urls) {
      expect(url).not.toContain('wrong-password-typed-here');
      expect(url).not.toContain(DEMO_PASSWORD);
      expect(url).not.toContain(encodeURIComponent(ROLE_USERS.COMPLIANCE_OFFICER.email));
    }
    await context.close();
  });

  test('accepting an invitation posts the form and says why a weak password is refused', async ({ browser }) => {
    const admin = await pageAs(browser, 'ADMIN');
    const email = `nojs-${Date.now()}@acme.example`;
    const created = await admin.context.request.post('/api/v1/users', { data: { email, name: 'Noel NoScript', role: 'AUDITOR', mode: 'invite' } });
    expect(created.status()).toBe(201);
    const { invitePath } = (await created.json()) as { invitePath: string };
    await admin.context.close();

    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(invitePath);
    await expect(page.locator('form').first()).toHaveAttribute('method', /post/i);
    for (const weak of ['Password123!', 'iloveyou2026']) {
      await page.getByLabel('New password').fill(weak);
      await page.getByLabel('Repeat the password').fill(weak);
      await page.getByRole('button', { name: 'Set password' }).click();
      await expect(page.locator('#password-error')).toContainText('too easy to guess');
    }
    await page.getByLabel('New password').fill('noel-picks-quiet-lanterns');
    await page.getByLabel('Repeat the password').fill('noel-picks-quiet-lanterns');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page.getByRole('status')).toHaveText('Your password is set. You can sign in now.');
    await expect(page).toHaveURL(/\/sign-in/);
    for (const url of urls) for (const secret of ['Password123', 'iloveyou2026', 'noel-picks-quiet-lanterns']) expect(url).not.toContain(secret);
    await context.close();
  });
});
