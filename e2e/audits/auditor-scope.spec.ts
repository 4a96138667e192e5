import { expect, test } from '@playwright/test';
import { scan } from '../support/a11y';
import { pageAs, signIn } from '../support/auth';

// The seeded external auditor is assigned to the SOC 2 audit only: the
// ISO/IEC 42001 audit's finding and evidence requests never reach them, not
// through the quarterly review nor through the audit trail. The demo auditor
// (assigned to both) still sees them.
const EXTERNAL = 'external.auditor@acme.example';
const ISO_FINDING = 'AI impact assessments not performed for two systems';
const ISO_REQUEST = 'AI policy approved by top management';
const SOC2_FINDING = 'Quarterly access reviews not evidenced for the model-serving cluster';

const currentQuarter = () => {
  const d = new Date();
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

type Page = { items: { id: string; title: string }[] };

test('an auditor assigned to one audit sees its findings, and none of another audit\'s, in the review and the audit trail', async ({ browser }) => {
  const quarter = currentQuarter();
  // The demo auditor, assigned to both audits, sees both findings and their events.
  const demo = await pageAs(browser, 'AUDITOR');
  const idOf = async (title: string) => {
    const res = await demo.context.request.get(`/api/v1/findings?${new URLSearchParams({ q: title })}`);
    return ((await res.json()) as Page).items.find((f) => f.title === title)!.id;
  };
  const isoId = await idOf(ISO_FINDING);
  const soc2Id = await idOf(SOC2_FINDING);
  const trailOf = (id: string) => `/audit-trail?${new URLSearchParams({ entityType: 'finding', entityId: id })}`;
  await demo.page.goto(trailOf(isoId));
  await expect(demo.page.getByRole('table', { name: 'Audit events, newest first' })).toContainText('finding.created');
  expect(await (await demo.context.request.get(`/api/v1/reviews/${quarter}`)).text()).toContain(ISO_FINDING);
  await demo.context.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, EXTERNAL);

  await page.goto(`/reviews/${quarter}`);
  await expect(page.getByRole('heading', { name: `Quarterly review ${quarter}` })).toBeVisible();
  // Their own audit's overdue finding is there; the other audit's finding is nowhere on the page.
  await expect(page.getByRole('table', { name: 'Overdue work' })).toContainText(SOC2_FINDING);
  await expect(page.locator('main')).not.toContainText(ISO_FINDING);
  expect((await scan(page)).violations).toEqual([]);
  const api = await context.request.get(`/api/v1/reviews/${quarter}`);
  expect(api.status()).toBe(200);
  expect(await api.text()).not.toContain(ISO_FINDING);

  // The other audit's finding has no events for them; their own audit's finding has.
  await page.goto(trailOf(isoId));
  await expect(page.getByText('No events match')).toBeVisible();
  await page.goto(trailOf(soc2Id));
  await expect(page.getByRole('table', { name: 'Audit events, newest first' })).toContainText('finding.created');
  expect((await scan(page)).violations).toEqual([]);
  await page.goto('/audit-trail?action=evidence_request.');
  await expect(page.locator('main')).not.toContainText(ISO_REQUEST);
  const csv = await context.request.get('/api/v1/audit-events/export?action=finding.created');
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(SOC2_FINDING);
  expect(text).not.toContain(ISO_FINDING);
  expect(text).not.toContain(isoId);
  // The chain is still verified whole.
  await page.goto('/audit-trail');
  await expect(page.getByTestId('verify-panel').getByText('Intact')).toBeVisible();
  await context.close();
});
