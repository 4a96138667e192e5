import { expect, test } from '@playwright/test';
import pg from 'pg';
import { scan } from '../support/a11y';
import { pageAs, ROLE_USERS, type RoleName } from '../support/auth';

// A visitor's access request handled to completion on the production build:
// the privacy officer opens the public form, a visitor with no session files
// a request and is mailed its reference (read from the outbox row, as the
// trust centre's spec reads its link), the officer verifies the identity,
// downloads the access package and completes the request in the same page,
// and the audit trail holds every step.

const SLUG = 'acme-health-ai';
const run = Date.now().toString(36);
const EMAIL = `subject-${run}@example.org`;
const NAME = `Robin Subject ${run}`;

let client: pg.Client;
test.beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
test.afterAll(async () => {
  await client.end();
});

test('a visitor’s access request: public form, confirmation mail, verification, package, completion, audit trail', async ({ browser }) => {
  test.setTimeout(150_000);
  const officer = await pageAs(browser, 'PRIVACY_OFFICER');
  await officer.page.goto('/privacy');
  const settings = officer.page.getByRole('form', { name: 'Public request form' });
  await settings.getByLabel('Open the public request form').check();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(officer.page.getByRole('link', { name: `/privacy-request/${SLUG}` })).toBeVisible();

  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  const response = await page.goto(`/privacy-request/${SLUG}`);
  expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
  await expect(page.getByRole('heading', { level: 2, name: 'Make a request about your personal data' })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await page.getByLabel('What you ask for').selectOption({ label: 'Access (Art. 15)' });
  await page.getByLabel('Your name').fill(NAME);
  await page.getByLabel('Your e-mail address').fill(EMAIL);
  await page.getByLabel('Details (optional)').fill('A copy of what you hold about me, please.');
  await page.getByRole('button', { name: 'Send the request' }).click();
  await expect(page.getByRole('heading', { name: 'Request received' })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  const reference = (await page.getByRole('status').locator('strong').textContent())?.trim() ?? '';
  expect(reference).toMatch(/^DSR-/);
  await visitor.close();

  const { rows } = await client.query<{ subject: string; text: string }>('SELECT subject, text FROM "OutboxMail" WHERE "to" = $1 ORDER BY "createdAt" DESC', [EMAIL]);
  expect(rows).toHaveLength(1);
  expect(rows[0].text).toContain(reference);

  await officer.page.goto('/privacy/requests?status=RECEIVED');
  await officer.page.getByRole('link', { name: reference, exact: true }).click();
  await expect(officer.page.getByRole('heading', { level: 1, name: new RegExp(`^${reference}: `) })).toBeVisible();
  await expect(officer.page.getByText('Filed on the public form')).toBeVisible();
  const id = new URL(officer.page.url()).pathname.split('/').pop() as string;
  expect((await scan(officer.page)).violations).toEqual([]);

  await officer.page.getByRole('button', { name: 'Start identity verification' }).click();
  await expect(officer.page.getByText('Verifying identity', { exact: true })).toBeVisible();
  await officer.page.getByRole('button', { name: 'Identity verified' }).click();
  const confirm = officer.page.getByRole('dialog', { name: 'Mark the identity verified?' });
  await confirm.getByRole('button', { name: 'Identity verified' }).click();
  await expect(confirm).toBeHidden();
  await expect(officer.page.getByText('In progress', { exact: true })).toBeVisible();

  // The package is a plain download: the page stays where it is and its next action still runs.
  const [download] = await Promise.all([officer.page.waitForEvent('download'), officer.page.getByRole('link', { name: /Download the access package/ }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`${reference}.*\\.zip$`));
  expect(await download.failure()).toBeNull();

  await officer.page.getByText('Complete the request…').click();
  const complete = officer.page.getByRole('form', { name: 'Complete the request' });
  await complete.getByLabel('Note').fill('Package sent to the subject by secure mail.');
  await complete.getByRole('button', { name: 'Complete', exact: true }).click();
  await expect(officer.page.getByText('Completed', { exact: true })).toBeVisible();
  await expect(officer.page.getByRole('button', { name: 'Working…' })).toHaveCount(0);
  const respond = officer.page.locator('li').filter({ has: officer.page.getByText('Respond', { exact: true }) });
  await expect(respond).toContainText(/Met, .* early/);
  await expect(officer.page.getByText(/Package sent to the subject by secure mail\./)).toBeVisible();
  expect((await scan(officer.page)).violations).toEqual([]);
  await officer.context.close();

  // The audit trail, read by the admin: each step once, in order.
  const admin = await pageAs(browser, 'ADMIN');
  const trailActions = async () => {
    const trail = await admin.context.request.get(`/api/v1/audit-events?${new URLSearchParams({ entityType: 'subject-request', entityId: id })}`);
    expect(trail.status()).toBe(200);
    return ((await trail.json()).items as { action: string }[]).map((e) => e.action).reverse();
  };
  // One export event: a router link would have fetched the package twice (as a page, then as the download).
  await expect.poll(trailActions).toEqual(['privacy.request_received', 'privacy.request_verifying', 'privacy.request_verified', 'privacy.request_exported', 'privacy.request_completed']);
  await admin.page.goto(`/audit-trail?${new URLSearchParams({ entityType: 'subject-request', entityId: id })}`);
  await expect(admin.page.getByText('privacy.request_completed')).toBeVisible();
  await admin.context.close();
});

test('a contested decision: the system’s owner records the review from their home page, and the decision shows it', async ({ browser }) => {
  test.setTimeout(120_000);
  // The credit model's decisions are in the demo log; the task goes to the system's business owner.
  const { rows: systems } = await client.query<{ id: string; role: RoleName }>(
    `SELECT s.id, u.role FROM "AISystem" s JOIN "User" u ON u.id = COALESCE(s."businessOwnerId", s."technicalOwnerId") WHERE s.name = 'Credit scoring model'`,
  );
  const subjectRef = 'applicant-00007';
  const { rows: logged } = await client.query<{ id: string; ref: string; outcome: string }>(
    `SELECT id, ref, outcome FROM "Decision" WHERE "subjectRef" = $1 AND "systemId" = $2 ORDER BY "decidedAt" DESC, id ASC LIMIT 1`,
    [subjectRef, systems[0].id],
  );
  const decision = logged[0];
  const newOutcome = decision.outcome === 'approve' ? 'refer' : 'approve';
  const officer = await pageAs(browser, 'PRIVACY_OFFICER');
  const created = await officer.context.request.post('/api/v1/privacy/requests', { data: { type: 'CONTEST_DECISION', subjectName: `Contest ${run}`, subjectRef, systemId: systems[0].id, receivedAt: new Date(Date.now() - 3_600_000).toISOString() } });
  expect(created.status()).toBe(201);
  const request = (await created.json()) as { id: string; reference: string };
  expect((await officer.context.request.post(`/api/v1/privacy/requests/${request.id}/verify`)).status()).toBe(200);
  await officer.context.close();

  const owner = await pageAs(browser, systems[0].role);
  await owner.page.goto('/');
  await owner.page.getByTestId('my-privacy-tasks').getByRole('link', { name: new RegExp(request.reference) }).click();
  await expect(owner.page.getByRole('heading', { level: 1, name: new RegExp(`^${request.reference}: `) })).toBeVisible();
  expect((await scan(owner.page)).violations).toEqual([]);
  const form = owner.page.getByRole('form', { name: /^Record the review: / });
  // Changed without the new outcome: refused, the field named.
  await form.getByLabel('Decision reviewed').selectOption(decision.id);
  await form.getByLabel('Changed').check();
  await form.getByLabel('Reason').fill('The applicant’s payslips show the income was under-reported.');
  await form.getByRole('button', { name: 'Record the review' }).click();
  await expect(form.getByText('A changed decision needs its new outcome')).toBeVisible();
  await form.getByLabel('New outcome').fill(newOutcome);
  await form.getByRole('button', { name: 'Record the review' }).click();
  await expect(owner.page.getByText(`Changed to “${newOutcome}”: The applicant’s payslips show the income was under-reported.`)).toBeVisible();

  await owner.page.getByRole('link', { name: 'The reviewed decision and its review' }).click();
  await expect(owner.page.getByRole('heading', { level: 1, name: `Decision ${decision.ref}` })).toBeVisible();
  await expect(owner.page.getByTestId('current-outcome')).toHaveText(newOutcome);
  await expect(owner.page.getByTestId('decision-review')).toContainText(`from “${decision.outcome}” to “${newOutcome}”`);
  await expect(owner.page.getByTestId('decision-review')).toContainText(request.reference);
  expect((await scan(owner.page)).violations).toEqual([]);
  const api = await (await owner.context.request.get(`/api/v1/decisions/reviews?id=${encodeURIComponent(decision.id)}`)).json();
  expect(api).toMatchObject({ loggedOutcome: decision.outcome, currentOutcome: newOutcome, reviews: [{ result: 'CHANGED', requestReference: request.reference }] });
  await owner.context.close();
  // The trail, read by the admin (compliance officers do not read the audit trail).
  const admin = await pageAs(browser, 'ADMIN');
  const trail = await admin.context.request.get(`/api/v1/audit-events?${new URLSearchParams({ entityType: 'decision', entityId: decision.id })}`);
  expect(trail.status()).toBe(200);
  expect(((await trail.json()).items as { action: string }[]).map((e) => e.action)).toContain('decision.reviewed');
  await admin.context.close();
});

test('a dataset past its retention period: its owner records the deletion from their home page, evidence required', async ({ browser }) => {
  // The demo's retention job opened a deletion task for the owner of each dataset past its period.
  const { rows } = await client.query<{ id: string; role: RoleName; dataset: string }>(
    `SELECT t.id, u.role, d.name AS dataset FROM "PrivacyTask" t JOIN "User" u ON u.id = t."assigneeId" JOIN "Dataset" d ON d.id = t."datasetId"
      WHERE t.kind = 'DELETION' AND t."requestId" IS NULL AND t.status = 'OPEN' AND u.email = ANY($1) ORDER BY t."createdAt" LIMIT 1`,
    [Object.values(ROLE_USERS).map((u) => u.email)],
  );
  expect(rows.length).toBe(1);
  const task = rows[0];
  const owner = await pageAs(browser, task.role);
  await owner.page.goto('/');
  const form = owner.page.getByTestId('my-privacy-tasks').getByRole('form', { name: `Record the deletion: ${task.dataset}` });
  await expect(form).toBeVisible();
  expect((await scan(owner.page)).violations).toEqual([]);
  await form.getByLabel('Outcome').fill(`Deleted the records past retention ${run}`);
  // Without evidence: refused in the browser, the field named, what was typed kept.
  await form.getByRole('button', { name: 'Record deletion' }).click();
  await expect(form.getByLabel('Evidence')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Outcome')).toHaveValue(`Deleted the records past retention ${run}`);
  await form.getByLabel('Evidence').fill(`JOB-${run}`);
  await form.getByRole('button', { name: 'Record deletion' }).click();
  await expect(owner.page.getByRole('form', { name: `Record the deletion: ${task.dataset}` })).toHaveCount(0);
  const { rows: done } = await client.query<{ status: string; evidence: string }>(`SELECT status, evidence FROM "PrivacyTask" WHERE id = $1`, [task.id]);
  expect(done[0]).toEqual({ status: 'DONE', evidence: `JOB-${run}` });
  await owner.context.close();
});
