import { scan } from '../support/a11y';
import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';
import { pick } from '../support/pick';

const currentQuarter = () => {
  const d = new Date();
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

test.describe.configure({ mode: 'serial' });

test('earlier closed reviews are browsable, frozen and verified against the audit trail', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/reviews');
  const rows = page.getByRole('table', { name: 'Quarterly reviews' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('link').click();
  await expect(page.getByTestId('review-status')).toContainText('Closed');
  await expect(page.getByText('matches the audit trail')).toBeVisible();
  await expect(page.getByTestId('decisions')).toContainText('disparate impact');
  // Engineers read closed reviews only, and cannot run one.
  await expect(page.getByRole('button', { name: 'Start the review' })).toHaveCount(0);
  const open = await page.goto(`/reviews/${currentQuarter()}`);
  expect(open?.status()).toBe(404);
  expect((await context.request.get(`/api/v1/reviews/${currentQuarter()}`)).status()).toBe(404);
  await context.close();
});

test('a compliance officer runs the quarter\'s review, the owner sees the action item at home, and closing freezes it', async ({ browser }) => {
  const quarter = currentQuarter();
  const co = await pageAs(browser, 'COMPLIANCE_OFFICER');
  const page = co.page;
  await page.goto(`/reviews/${quarter}`);
  await expect(page.getByRole('heading', { name: `Quarterly review ${quarter}` })).toBeVisible();
  await page.getByRole('button', { name: 'Start the review' }).click();
  await expect(page.getByTestId('review-status')).toContainText('In progress');

  // What is overdue shows up with its owner (seeded action items are overdue).
  await expect(page.getByRole('table', { name: 'Overdue work' })).toContainText('Schedule the first incident response tabletop exercise');

  const attendee = page.getByRole('form', { name: 'Add an attendee' });
  await pick(attendee, 'Portal user', 'Elliot Engineer');
  await attendee.getByRole('button', { name: 'Add attendee' }).click();
  await expect(page.getByTestId('attendees')).toContainText('Elliot Engineer');

  await page.getByLabel('Minutes').fill('Walked through the matrix and the open findings.');
  await page.getByRole('button', { name: 'Save minutes' }).click();
  await expect(page.getByText('Minutes saved.')).toBeVisible();

  const decision = page.getByRole('form', { name: 'Record a decision' });
  await decision.getByLabel('Decision').fill('Retire the legacy recommender by the end of next quarter.');
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByTestId('decisions')).toContainText('Retire the legacy recommender');

  const action = page.getByRole('form', { name: 'Add an action item' });
  await action.getByLabel('Action').fill('Document the retirement plan');
  await pick(action, 'Owner', 'Elliot Engineer');
  await action.getByLabel('Due date').fill('2020-01-01');
  await action.getByRole('button', { name: 'Add action item' }).click();
  await expect(action.getByText('The due date is in the past')).toBeVisible();
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await action.getByLabel('Due date').fill(due);
  await action.getByRole('button', { name: 'Add action item' }).click();
  await expect(page.getByRole('table', { name: 'Action items' })).toContainText('Document the retirement plan');

  expect((await scan(page)).violations).toEqual([]);

  const engineer = await pageAs(browser, 'ENGINEER');
  await engineer.page.goto('/');
  await expect(engineer.page.getByTestId('my-action-items')).toContainText('Document the retirement plan');

  await page.getByRole('button', { name: 'Close the review' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Close and freeze' }).click();
  await expect(page.getByTestId('review-status')).toContainText('Closed');
  await expect(page.getByText('matches the audit trail')).toBeVisible();
  const hash = (await page.getByTestId('snapshot-hash').textContent())!;
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByRole('button', { name: 'Save minutes' })).toHaveCount(0);

  // The owner still tracks the item after closing.
  await engineer.page.reload();
  await engineer.page.getByTestId('my-action-items').getByRole('button', { name: /Document the retirement plan: Mark done/ }).click();
  await expect(engineer.page.getByTestId('my-action-items')).not.toContainText('Document the retirement plan');
  await expect(engineer.page.getByTestId('my-action-items')).toContainText('Re-run the bias review');

  const csv = await co.context.request.get(`/api/v1/reviews/${quarter}/action-items.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('Document the retirement plan,Elliot Engineer');
  const pdf = await co.context.request.get(`/api/v1/reviews/${quarter}/pdf`);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const audit = await pageAs(browser, 'AUDITOR');
  const trail = await audit.context.request.get('/api/v1/audit-events?action=review.closed');
  expect((await trail.json()).items.some((e: { changes: { snapshotHash?: string } }) => e.changes.snapshotHash === hash)).toBe(true);
  await Promise.all([co.context.close(), engineer.context.close(), audit.context.close()]);
});
