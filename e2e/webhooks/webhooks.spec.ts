import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { scan } from '../support/a11y';
import { pageAs } from '../support/auth';

// Admin → Webhooks against the app's real job queue and a loopback receiver
// in this process, which the admin allow-lists through the page.
type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let receiver: http.Server;
let port = 0;

test.beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

async function waitFor<T>(check: () => T | undefined, what: string, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('an admin registers an endpoint, sees the secret once, and a signed test message and its replay in the log', async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await pageAs(browser, 'ADMIN');
  await page.goto('/admin/webhooks');
  await expect(page.locator('main h1')).toHaveText('Webhooks');
  expect((await scan(page)).violations).toEqual([]);

  const allow = page.getByRole('form', { name: 'Allow an internal host' });
  await allow.getByLabel('Host').fill('127.0.0.1');
  await allow.getByLabel('Reason').fill('The e2e receiver');
  await allow.getByRole('button', { name: 'Allow host' }).click();
  await expect(page.getByRole('table', { name: 'Allowed internal hosts' })).toContainText('127.0.0.1');

  const form = page.getByRole('form', { name: 'Register a webhook endpoint' });
  const description = `E2E receiver ${Date.now()}`;
  await form.getByLabel('URL').fill(`http://127.0.0.1:${port}/hook`);
  await form.getByLabel('Description').fill(description);
  await form.getByLabel('finding.created').check();
  await form.getByRole('button', { name: 'Register endpoint' }).click();
  const secret = (await page.getByTestId('new-webhook-secret').textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  expect((await scan(page)).violations).toEqual([]);

  // Shown once: not on the page after a reload.
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  await page.getByRole('link', { name: description }).click();
  await expect(page.locator('main h1')).toHaveText(description);
  await expect(page.getByText('No deliveries yet')).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);

  const before = received.length;
  await page.getByRole('button', { name: 'Send test message' }).click();
  const first = await waitFor(() => received[before], 'the test message');
  const payload = new Webhook(secret).verify(first.body, first.headers as Record<string, string>) as { type: string };
  expect(payload.type).toBe('webhook.test');

  const rows = page.getByTestId('delivery-row');
  await expect(async () => {
    await page.reload();
    await expect(rows.first()).toContainText('Delivered', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(rows.first()).toContainText('200');
  expect((await scan(page)).violations).toEqual([]);

  await rows.first().getByRole('button', { name: 'Replay' }).click();
  const replay = await waitFor(() => received[before + 1], 'the replay');
  expect(replay.headers['webhook-id']).toBe(first.headers['webhook-id']);
  expect(new Webhook(secret).verify(replay.body, replay.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(2, { timeout: 1000 });
    await expect(rows.first()).toContainText('Replay', { timeout: 1000 });
    await expect(rows.first()).toContainText('Delivered', { timeout: 1000 });
  }).toPass({ timeout: 30_000 });

  const endpointId = new URL(page.url()).pathname.split('/').pop()!;
  const trail = await context.request.get(`/api/v1/audit-events?entityId=${endpointId}`);
  const actions = ((await trail.json()) as { items: { action: string }[] }).items.map((e) => e.action).sort();
  expect(actions).toEqual(['webhook.delivery_replayed', 'webhook.endpoint_created', 'webhook.test_sent']);
  await context.close();
});

test('other roles get the 403 page', async ({ browser }) => {
  for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
    const { context, page } = await pageAs(browser, role);
    const response = await page.goto('/admin/webhooks');
    expect(response?.status(), role).toBe(403);
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await context.close();
  }
});

test('a person creates their calendar feed URL and a calendar app reads it', async ({ browser, playwright }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/calendar');
  await expect(page.locator('main h1')).toHaveText('Calendar feed');
  expect((await scan(page)).violations).toEqual([]);
  await page.getByRole('button', { name: /Create (my feed URL|a new URL)/ }).click();
  const url = (await page.getByTestId('new-feed-url').textContent())!.trim();
  expect(url).toMatch(/\/api\/calendar\/agc_[A-Za-z0-9_-]{43}\.ics$/);
  expect((await scan(page)).violations).toEqual([]);
  // A calendar app has no session: the URL is its credential.
  const anonymous = await playwright.request.newContext();
  const feed = await anonymous.get(new URL(new URL(url).pathname, page.url()).toString());
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toContain('BEGIN:VCALENDAR\r\n');
  await anonymous.dispose();
  await context.close();
});

test('the review page offers the meeting invitation as an .ics download', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/reviews');
  await page.locator('main a[href^="/reviews/20"]').first().click();
  const link = page.getByRole('link', { name: 'Meeting invitation (.ics)' });
  await expect(link).toBeVisible();
  const response = await context.request.get((await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/calendar');
  expect(response.headers()['content-disposition']).toMatch(/quarterly-review-\d{4}-Q[1-4]\.ics/);
  const ics = await response.text();
  expect(ics).toContain('METHOD:REQUEST\r\n');
  expect(ics).toContain('ORGANIZER;CN=');
  await context.close();
});
