import { expect, test } from '@playwright/test';
import pg from 'pg';
import { scan } from '../support/a11y';
import { pageAs } from '../support/auth';

// The public trust centre on the production build: the admin offers a
// document and publishes; a visitor with no session sees the page, has the
// attestations verified by the browser itself (WebCrypto), requests the
// document under the NDA; compliance approves; the mailed link downloads
// once. The link is read from the outbox row the approval wrote (the mail
// the notifications job sends), as the integration tests read it.

const SLUG = 'acme-health-ai';
const run = Date.now().toString(36);
const DOC = `Penetration test summary ${run}`;
const EMAIL = `buyer-${run}@globex.example`;
const PDF = Buffer.from(`%PDF-1.4\n% e2e ${run}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

let client: pg.Client;
test.beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
test.afterAll(async () => {
  await client.end();
});

async function linkFromOutbox(to: string): Promise<string> {
  const { rows } = await client.query<{ text: string }>('SELECT text FROM "OutboxMail" WHERE "to" = $1 ORDER BY "createdAt" DESC LIMIT 1', [to]);
  const m = /\/l\/trust\/[A-Za-z0-9_-]{43}/.exec(rows[0]?.text ?? '');
  if (!m) throw new Error(`no trust link mailed to ${to}`);
  return m[0];
}

test('admin publishes, a visitor verifies and requests, compliance approves, the link downloads once', async ({ browser }) => {
  // Four people, two uploads and a download on a shared machine.
  test.setTimeout(150_000);
  const admin = await pageAs(browser, 'ADMIN');
  await admin.page.goto('/admin/trust');
  await expect(admin.page.locator('main h1')).toHaveText('Trust centre');
  expect((await scan(admin.page)).violations).toEqual([]);
  const offer = admin.page.getByRole('form', { name: 'Offer a document' });
  await offer.getByLabel('Title', { exact: true }).fill(DOC);
  await offer.getByLabel('File', { exact: true }).setInputFiles({ name: 'pentest.pdf', mimeType: 'application/pdf', buffer: PDF });
  await offer.getByRole('button', { name: 'Offer the document' }).click();
  await expect(admin.page.getByText(`“${DOC}” is offered on request.`)).toBeVisible();
  await admin.page.getByRole('form', { name: 'Trust centre settings' }).getByRole('button', { name: 'Save and publish' }).click();
  await expect(admin.page.getByText(`Trust centre published at /trust/${SLUG}.`)).toBeVisible();
  await admin.context.close();

  // A visitor: no session, no cookies.
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const response = await page.goto(`/trust/${SLUG}`);
  expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Health AI' })).toBeVisible();
  const verdicts = page.locator('[data-attestation] [data-verdict]');
  expect(await verdicts.count()).toBeGreaterThan(0);
  for (const v of await verdicts.all()) await expect(v).toHaveText('Verified');
  await expect(page.getByRole('status').filter({ hasText: 'Checked in your browser' })).toContainText('signature(s) verified');
  await expect(page.getByRole('heading', { name: 'Policies' })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  // Printed, the folded manifests and policies are open and the request form is left out.
  await expect(page.locator('[data-manifest]').first()).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('[data-manifest]').first()).toBeVisible();
  await expect(page.getByRole('form', { name: 'Request a document' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  const form = page.getByRole('form', { name: 'Request a document' });
  await form.getByLabel('Document').selectOption({ label: DOC });
  await form.getByLabel('Your name').fill('Morgan Buyer');
  await form.getByLabel('Company').fill('Globex Insurance');
  await form.getByLabel('Work e-mail address').fill(EMAIL);
  // Without the NDA the browser refuses the form; the server would too.
  await form.getByLabel(/I have read and accept the non-disclosure agreement/).check();
  await form.getByRole('button', { name: 'Request the document' }).click();
  await expect(page.getByRole('heading', { name: 'Request received' })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);

  // Compliance approves in the queue.
  const officer = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await officer.page.goto('/admin/trust?status=PENDING#requests');
  const row = officer.page.getByTestId('trust-request').filter({ hasText: EMAIL });
  await expect(row).toContainText('Version 1 accepted');
  await row.getByRole('button', { name: 'Approve and send the link' }).click();
  await expect(officer.page.getByText('Approved: the download link is on its way by e-mail.')).toBeVisible();
  await officer.context.close();

  const link = await linkFromOutbox(EMAIL);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: DOC })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the document' }).click()]);
  expect(download.suggestedFilename()).toBe('pentest.pdf');
  // The link is used up: a second download is refused, and the landing says so.
  const again = await visitor.request.post(`${link}/download`);
  expect(again.status()).toBe(410);
  await page.goto(link);
  await expect(page.locator('main').getByRole('alert')).toContainText('already been used');
  await visitor.close();

  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "TrustDocumentDownload" WHERE email = $1', [EMAIL]);
  expect(Number(rows[0].n)).toBe(1);
});

test('only admins and compliance reach the trust centre settings', async ({ browser }) => {
  for (const role of ['ENGINEER', 'AUDITOR', 'PRIVACY_OFFICER'] as const) {
    const { context, page } = await pageAs(browser, role);
    const response = await page.goto('/admin/trust');
    expect(response?.status(), role).toBe(403);
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await context.close();
  }
});
