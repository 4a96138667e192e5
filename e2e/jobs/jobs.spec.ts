import { expect, test } from '@playwright/test';
import { PgBoss } from 'pg-boss';
import { scan } from '../support/a11y';
import { pageAs } from '../support/auth';

// Admin → Jobs against the app's real queue. The failed job is made the way
// pg-boss makes one: sent, fetched by a worker, failed with an error.
const QUEUE = 'e2e.probe';
let boss: PgBoss;
let jobId: string;

test.beforeAll(async () => {
  boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: 'pgboss', supervise: false, schedule: false, migrate: false, registerInstance: false, max: 2 });
  await boss.start();
  await boss.createQueue(QUEUE, { retryLimit: 0 });
  jobId = (await boss.send(QUEUE, { probe: true }))!;
  const [fetched] = await boss.fetch(QUEUE);
  expect(fetched.id).toBe(jobId);
  await boss.fail(QUEUE, fetched, new Error('the probe endpoint answered 503'));
});

test.afterAll(async () => {
  await boss?.stop({ graceful: false });
});

test('an admin sees a failed job with its error, retries it and cancels the retry, all audited', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ADMIN');
  await page.goto(`/admin/jobs?queue=${QUEUE}&state=failed`);
  await expect(page.locator('main h1')).toHaveText('Jobs');
  // The registered schedules are listed with their cron and retry policy.
  await expect(page.getByRole('table', { name: /Registered queues/ })).toContainText('findings.reopen-expired-risk-acceptances');
  const row = page.getByTestId(`job-row-${jobId}`);
  await expect(row).toContainText('Failed');
  await expect(row).toContainText('the probe endpoint answered 503');
  expect((await scan(page)).violations).toEqual([]);

  await row.getByRole('button', { name: 'Retry' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Retry this ${QUEUE} job?`);
  await dialog.getByRole('button', { name: 'Retry' }).click();
  await expect(dialog).toBeHidden();

  // No worker serves this queue, so the retried job waits: the API says so.
  const listed = await context.request.get(`/api/v1/jobs?queue=${QUEUE}`);
  expect(listed.status()).toBe(200);
  const body = await listed.json();
  const job = body.items.find((j: { id: string }) => j.id === jobId);
  expect(job).toMatchObject({ queue: QUEUE, state: 'retry', capabilities: { retry: false, cancel: true } });
  expect(body.counts.retry).toBe(1);

  await page.goto(`/admin/jobs?queue=${QUEUE}`);
  await expect(row).toContainText('Waiting to retry');
  await row.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel the job' }).click();
  await expect(row).toContainText('Cancelled');

  const trail = await context.request.get(`/api/v1/audit-events?entityId=${jobId}`);
  const events = (await trail.json()) as { items: { action: string; actorLabel: string }[] };
  expect(events.items.map((e) => e.action).sort()).toEqual(['job.cancelled', 'job.retried']);
  await context.close();
});

test('a non-admin gets the 403 page and a 403 from the API', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  const response = await page.goto('/admin/jobs');
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('forbidden')).toBeVisible();
  const api = await context.request.get('/api/v1/jobs');
  expect(api.status()).toBe(403);
  expect((await api.json()).error).toMatchObject({ code: 'FORBIDDEN' });
  await context.close();
});
