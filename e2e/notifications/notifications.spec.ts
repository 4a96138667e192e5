import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { scan } from '../support/a11y';
import { pageAs, ROLE_USERS, type RoleName } from '../support/auth';

// The bell, the inbox, preferences, Admin → Notification rules and Admin →
// Outbox on the production build with its in-process job queue and the
// in-process SMTP server (no SMTP_URL in e2e). Notifications are written to
// the database the way notify() writes them, with titles unique to this run.

let client: pg.Client;
const run = Date.now().toString(36);

async function userId(role: RoleName): Promise<{ id: string; orgId: string }> {
  const { rows } = await client.query<{ id: string; orgId: string }>('SELECT id, "orgId" FROM "User" WHERE email = $1', [ROLE_USERS[role].email]);
  return rows[0];
}

async function addNotification(role: RoleName, kind: string, title: string, link: string): Promise<string> {
  const u = await userId(role);
  const id = randomUUID();
  await client.query(
    'INSERT INTO "Notification" (id, "orgId", "userId", kind, title, body, link, "dedupeKey", "mailWanted") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)',
    [id, u.orgId, u.id, kind, title, 'Written by the e2e test.', link, `e2e:${title}`],
  );
  return id;
}

async function unread(role: RoleName): Promise<number> {
  const u = await userId(role);
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Notification" WHERE "userId" = $1 AND "inInbox" AND "readAt" IS NULL', [u.id]);
  return Number(rows[0].n);
}

test.beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
test.afterAll(async () => {
  await client?.end();
});

test('the bell counts unread notifications; the inbox filters, links to the record and marks read', async ({ browser }) => {
  await addNotification('ENGINEER', 'finding.due', `Finding "E2E ${run}" is due in 7 days`, '/audits/findings');
  await addNotification('ENGINEER', 'evidence.expiring', `Evidence "E2E ${run}" expires in 30 days`, '/audits/evidence');
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/');
  const count = await unread('ENGINEER');
  expect(count).toBeGreaterThanOrEqual(2);
  await page.getByRole('link', { name: `Notifications, ${count} unread` }).click();
  await expect(page.locator('main h1')).toHaveText('Notifications');
  await expect(page.getByTestId('notification').filter({ hasText: `Finding "E2E ${run}"` })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);

  // Filters are a plain GET form, kept in the address.
  await page.getByLabel('Kind').selectOption('evidence.expiring');
  await page.getByLabel('Show').selectOption('true');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/kind=evidence.expiring/);
  await expect(page.getByTestId('notification').filter({ hasText: `Evidence "E2E ${run}"` })).toBeVisible();
  await expect(page.getByTestId('notification').filter({ hasText: `Finding "E2E ${run}"` })).toHaveCount(0);

  await page.getByRole('form', { name: `Mark "Evidence "E2E ${run}" expires in 30 days" read` }).getByRole('button', { name: 'Mark read' }).click();
  await expect(page.getByRole('link', { name: `Notifications, ${count - 1} unread` })).toBeVisible();

  await page.goto('/notifications');
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByRole('link', { name: 'Notifications, 0 unread' })).toBeVisible();
  expect(await unread('ENGINEER')).toBe(0);

  await page.getByRole('link', { name: `Finding "E2E ${run}" is due in 7 days` }).click();
  await expect(page).toHaveURL(/\/audits\/findings$/);
  await context.close();
});

test('marking read works without JavaScript', async ({ browser }) => {
  await addNotification('AUDITOR', 'finding.due', `No-JS ${run}`, '/audits');
  const context = await browser.newContext({ storageState: '.data/e2e-auth/AUDITOR.json', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/notifications?unread=true');
  await page.getByRole('form', { name: `Mark "No-JS ${run}" read` }).getByRole('button', { name: 'Mark read' }).click();
  await page.goto('/notifications?unread=true');
  await expect(page.getByTestId('notification').filter({ hasText: `No-JS ${run}` })).toHaveCount(0);
  await context.close();
});

test('preferences: channels per kind and the digest are saved; required notifications cannot be muted', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/notifications/preferences');
  await expect(page.locator('main h1')).toHaveText('Notification preferences');
  expect((await scan(page)).violations).toEqual([]);
  const urgent = page.getByTestId('pref-incident.clock_urgent');
  await expect(urgent).toContainText('cannot be muted');
  await expect(urgent.getByRole('checkbox')).toHaveCount(0);

  const findings = page.getByRole('group', { name: 'Findings due or overdue' });
  await findings.getByLabel('By e-mail').uncheck();
  await page.getByLabel('One digest a day (07:00 UTC)').check();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByText('Preferences saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('group', { name: 'Findings due or overdue' }).getByLabel('By e-mail')).not.toBeChecked();
  await expect(page.getByRole('group', { name: 'Findings due or overdue' }).getByLabel('In my inbox')).toBeChecked();
  await expect(page.getByLabel('One digest a day (07:00 UTC)')).toBeChecked();

  // The API refuses to mute a required kind.
  const refused = await context.request.put('/api/v1/notifications/preferences', { data: { digest: 'DAILY', preferences: [{ kind: 'incident.clock_urgent', inbox: false, email: false }] } });
  expect(refused.status()).toBe(422);
  // Back to the defaults for other specs.
  const reset = await context.request.put('/api/v1/notifications/preferences', { data: { digest: 'IMMEDIATE', preferences: [{ kind: 'finding.due', inbox: true, email: true }] } });
  expect(reset.status()).toBe(200);
  await context.close();
});

test('an admin sets a rule (and is told what is wrong), and sees every mail sent in the Outbox', async ({ browser }) => {
  test.setTimeout(150_000);
  const { context, page } = await pageAs(browser, 'ADMIN');
  await page.goto('/admin/notification-rules');
  await expect(page.locator('main h1')).toHaveText('Notification rules');
  expect((await scan(page)).violations).toEqual([]);
  const rule = page.getByRole('form', { name: 'Findings rule' });
  await rule.getByLabel('Days before the due date').fill('0, 10');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule.getByText(/whole numbers of days from 1/)).toBeVisible();
  await expect(rule.getByLabel('Days before the due date')).toHaveValue('0, 10');
  await rule.getByLabel('Days before the due date').fill('10, 3');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByText('Rule saved.')).toBeVisible();
  const saved = await context.request.get('/api/v1/notification-rules');
  expect((await saved.json()).items.find((r: { key: string }) => r.key === 'findings')).toMatchObject({ leadDays: [10, 3], enabled: true });
  // The mandatory rule has no form, only its explanation.
  await expect(page.getByText('Required for regulatory deadlines: it cannot be turned off, and people cannot mute it.')).toBeVisible();
  const back = await context.request.patch('/api/v1/notification-rules/findings', { data: { enabled: true, leadDays: [7] } });
  expect(back.status()).toBe(200);

  // A notification for the admin (immediate e-mail by default) is mailed by the queue-mail job within a minute.
  const title = `Outbox probe ${run}`;
  await addNotification('ADMIN', 'certification.expiring', title, '/audits/certifications');
  const deadline = Date.now() + 120_000;
  for (;;) {
    await page.goto('/admin/outbox?status=SENT');
    if ((await page.getByTestId('outbox-mail').filter({ hasText: title }).count()) > 0) break;
    if (Date.now() > deadline) throw new Error('the probe mail did not reach the outbox as sent');
    await page.waitForTimeout(3000);
  }
  await expect(page.locator('main h1')).toHaveText('Outbox');
  await expect(page.getByText(/SMTP server started inside the portal/)).toBeVisible();
  const row = page.getByTestId('outbox-mail').filter({ hasText: title });
  await expect(row).toContainText(ROLE_USERS.ADMIN.email);
  await expect(row).toContainText('Sent');
  await row.getByText(`[AI Governance Portal] ${title}`).click();
  await expect(row).toContainText('/audits/certifications');
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});

test('only admins reach the rules and the Outbox (page and API)', async ({ browser }) => {
  for (const role of ['COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] as const) {
    const { context, page } = await pageAs(browser, role);
    for (const path of ['/admin/outbox', '/admin/notification-rules']) {
      const response = await page.goto(path);
      expect(response?.status(), `${role} ${path}`).toBe(403);
      await expect(page.getByTestId('forbidden')).toBeVisible();
    }
    expect((await context.request.get('/api/v1/outbox')).status()).toBe(403);
    expect((await context.request.get('/api/v1/notification-rules')).status()).toBe(403);
    await context.close();
  }
});
