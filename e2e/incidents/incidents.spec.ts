import { scan, testPagesAccessible } from '../support/a11y';
import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';
import { pick } from '../support/pick';

const BREACH = 'Triage notes exposed through the explanation endpoint';
const FAIRNESS = 'Credit approvals skewed against women applicants';

test('an engineer reports an incident through the decision tree and acknowledges it', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/incidents/new');
  const title = `Scores drift after feature change ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Type').selectOption('WRONG_DECISIONS');
  await page.getByLabel('What happened').fill('Recommendations for new customers collapsed after a catalogue field changed.');
  // A system the engineer owns: owners update their systems' incidents.
  await pick(page, 'AI systems', 'Product recommender');
  await expect(page.getByTestId('tree-outcome')).toContainText('SEV4');
  await page.getByLabel(/protected group treated unfairly/).check();
  await expect(page.getByTestId('tree-outcome')).toContainText('Severity from the tree: SEV2');
  await page.getByRole('button', { name: 'Report incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('From the decision tree:')).toBeVisible();
  await expect(page.getByTestId('clock-acknowledge')).toContainText('running');
  await page.getByRole('button', { name: 'Mark acknowledged' }).click();
  await expect(page.getByTestId('clock-acknowledge')).toContainText('met');
  // Engineers neither override severity nor roll back.
  await expect(page.getByText('Override severity')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Roll back/ })).toHaveCount(0);
  await context.close();
});

test('a future detection time is refused with a clear message and nothing is created', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  const before = (await (await context.request.get('/api/v1/incidents?pageSize=1')).json()).total;
  await page.goto('/incidents/new');
  await page.getByLabel('Title').fill('From the future');
  await page.getByLabel('Type').selectOption('OTHER');
  await page.getByLabel('What happened').fill('x');
  await page.getByLabel('Detected at (your local time)').fill('2099-01-01T10:00');
  await page.getByRole('button', { name: 'Report incident' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'is in the future' }).first()).toBeVisible();
  expect((await (await context.request.get('/api/v1/incidents?pageSize=1')).json()).total).toBe(before);
  await context.close();
});

test('the open SEV1 breach shows a ticking GDPR countdown, and compliance records the notification', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/incidents?severity=SEV1');
  await page.getByRole('link', { name: BREACH }).click();
  const gdpr = page.getByTestId('deadline-gdpr-art-33');
  await expect(gdpr).toContainText('GDPR Art. 33');
  await expect(page.getByTestId('deadline-hipaa-164-404')).toBeVisible();
  const countdown = gdpr.getByTestId('countdown');
  if (await countdown.count()) {
    const first = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(first);
    await expect(countdown).toHaveAttribute('role', 'timer');
    await gdpr.getByText('Record the notification').click();
    await gdpr.getByLabel('Reference').fill('DPA-2026-0042');
    await gdpr.getByRole('button', { name: 'Record notification' }).click();
    await expect(gdpr).toContainText('reference DPA-2026-0042');
  } else {
    // A second run finds the notification already recorded.
    await expect(gdpr).toContainText('reference DPA-2026-0042');
  }
  await context.close();
});

test('each obligation of the breach names recipient, due time in UTC, the linked citation, its start and why; its draft downloads', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/incidents?severity=SEV1');
  await page.getByRole('link', { name: BREACH }).click();
  const media = page.getByTestId('deadline-hipaa-164-406');
  await expect(media).toContainText('Prominent media outlets serving the State or jurisdiction');
  await expect(media.getByTestId('due')).toContainText('UTC');
  await expect(media.getByRole('link', { name: 'HIPAA 45 CFR 164.406' })).toHaveAttribute('href', 'https://www.ecfr.gov/current/title-45/section-164.406');
  await expect(media.getByTestId('why')).toContainText('US-CA 950');
  await expect(media).toContainText('Clock started by');
  // The California regulator hears 15 days after the residents were told: not yet.
  await expect(page.getByTestId('deadline-us-ca-breach-regulator')).toContainText('Waiting for: submission of the notification under');
  const href = await page.getByTestId('deadline-gdpr-art-33').getByRole('link', { name: 'Markdown' }).getAttribute('href');
  const draft = await context.request.get(href!);
  expect(draft.status()).toBe(200);
  expect(draft.headers()['content-type']).toContain('text/markdown');
  const text = await draft.text();
  expect(text).toContain('# Notification draft: GDPR Art. 33(1)');
  expect(text).toContain('The explanation API returned free-text triage notes');
  await context.close();
});

test('recording the materiality determination starts the Form 8-K clock that was waiting for it', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  const created = await context.request.post('/api/v1/incidents', {
    data: { title: `Ransomware on the billing servers ${Date.now()}`, description: 'Encrypted file shares', type: 'ADVERSARIAL_ATTACK', detectedAt: new Date(Date.now() - 3_600_000).toISOString(), entityRoles: ['SEC_REGISTRANT'], notificationFlags: ['cybersecurityIncident'] },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  await page.goto(`/incidents/${id}`);
  const sec = page.getByTestId('deadline-sec-8k-item-1-05');
  await expect(sec).toContainText('Waiting for: materiality determination');
  await page.getByText('Edit notification facts').click();
  await page.getByLabel('Materiality (SEC Item 1.05)').selectOption('MATERIAL');
  await page.getByRole('button', { name: 'Save facts' }).click();
  await expect(page.getByText('Notification facts saved; the obligations follow.')).toBeVisible();
  await expect(sec.getByTestId('due')).toContainText('UTC');
  await expect(sec).toContainText('Clock started by');
  const api = await (await context.request.get(`/api/v1/incidents/${id}`)).json();
  const ob = api.obligations.find((o: { ruleKey: string }) => o.ruleKey === 'sec-8k-item-1-05');
  expect(ob).toMatchObject({ state: 'running', startedBy: { event: 'materiality determination' } });
  await context.close();
});

test('an administrator previews a rule against the sample incident; errors are named by their path', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ADMIN');
  await page.goto('/incidents/settings');
  await page.getByText('Add or change a rule').click();
  await page.getByLabel('Key').fill('us-nj-breach-residents');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('rule-preview')).toContainText('Does not apply');
  await page.getByLabel('Start from').selectOption('gdpr-art-33');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('rule-preview')).toContainText('Applies to the built-in sample incident');
  const json = page.getByLabel('Rule (JSON)');
  await json.fill((await json.inputValue()).replace('"CONTROLLER"', '"OVERLORD"'));
  await page.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByTestId('form-errors').filter({ hasText: /Rule \(JSON\) \(applies when, of, row 2, any, row 1\)/ })).toBeVisible();
  await context.close();
});

test('the resolved SEV2 fairness incident shows its rollback, finding and postmortem', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/incidents?type=FAIRNESS_VIOLATION');
  await page.getByRole('link', { name: FAIRNESS }).click();
  await expect(page.getByTestId('time-to-rollback')).toHaveText('2 h 10 min');
  await expect(page.getByText(/rollback of credit-risk-gbm from 1.1.0 to 1.0.0/)).toBeVisible();
  await expect(page.getByTestId('findings')).toContainText('No fairness gate before promotion');
  await expect(page.getByTestId('postmortem')).toContainText('no fairness gate');
  await context.close();
});

test.describe('denials', () => {
  test('auditors read everything but cannot report, change or manage', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'AUDITOR');
    await page.goto('/incidents');
    await expect(page.getByRole('link', { name: 'Report an incident' })).toHaveCount(0);
    await expect(page.getByTestId('incident-row').first()).toBeVisible();
    expect((await page.goto('/incidents/new'))?.status()).toBe(403);
    const post = await context.request.post('/api/v1/incidents', { data: { title: 't', description: 'd', type: 'OTHER', detectedAt: new Date().toISOString() } });
    expect(post.status()).toBe(403);
    const list = await (await context.request.get('/api/v1/incidents?severity=SEV1')).json();
    const patch = await context.request.patch(`/api/v1/incidents/${list.items[0].id}`, { data: { milestone: 'contained' } });
    expect(patch.status()).toBe(403);
    await page.goto(`/incidents/${list.items[0].id}`);
    await expect(page.getByRole('button', { name: /^Mark / })).toHaveCount(0);
    await expect(page.getByText('Record the notification')).toHaveCount(0);
    await context.close();
  });

  test('only administrators change targets and rules; engineers cannot close or override', async ({ browser }) => {
    for (const role of ['ENGINEER', 'COMPLIANCE_OFFICER', 'AUDITOR'] as const) {
      const { context, page } = await pageAs(browser, role);
      await page.goto('/incidents/settings');
      await expect(page.getByRole('rowgroup').getByTestId('rule-gdpr-art-33')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Save rule' })).toHaveCount(0);
      await context.close();
    }
    const { context } = await pageAs(browser, 'ENGINEER');
    const list = await (await context.request.get('/api/v1/incidents?severity=SEV1')).json();
    const override = await context.request.patch(`/api/v1/incidents/${list.items[0].id}`, { data: { severity: 'SEV3', severityReason: 'no' } });
    expect(override.status()).toBe(403);
    await context.close();
  });
});

test('the API takes a monitoring alert with a token, refuses bad input, and enforces the postmortem before closing', async ({ browser, playwright }) => {
  const { context } = await pageAs(browser, 'ADMIN');
  const token = await context.request.post('/api/v1/tokens', { data: { name: `monitor-${Date.now()}`, scopes: ['incidents:report', 'incidents:read'], expiresInDays: 1 } });
  expect(token.status()).toBe(201);
  const { secret } = await token.json();
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  const base = { title: 'Approval-rate alert', description: 'Monitor: approval ratio 0.7', type: 'FAIRNESS_VIOLATION', detectedAt: new Date(Date.now() - 3_600_000).toISOString(), modelKeys: ['credit-risk-gbm'], protectedGroup: true };
  const before = (await (await api.get('/api/v1/incidents?pageSize=1')).json()).total;

  const unknown = await api.post('/api/v1/incidents', { data: { ...base, modelKeys: ['no-such-model'] } });
  expect(unknown.status()).toBe(422);
  expect((await unknown.json()).error.message).toBe('Unknown model: no-such-model.');
  const future = await api.post('/api/v1/incidents', { data: { ...base, detectedAt: '2099-01-01T00:00:00Z' } });
  expect(future.status()).toBe(422);
  expect((await future.json()).error.fieldErrors.detectedAt[0]).toMatch(/future/);
  expect((await (await api.get('/api/v1/incidents?pageSize=1')).json()).total).toBe(before);

  const created = await api.post('/api/v1/incidents', { data: base });
  expect(created.status()).toBe(201);
  const incident = await created.json();
  expect(incident).toMatchObject({ severity: 'SEV2', status: 'OPEN' });
  const detail = await (await api.get(`/api/v1/incidents/${incident.id}`)).json();
  expect(detail.systems.map((s: { name: string }) => s.name)).toEqual(['Credit scoring model']);
  // The token may report but not update.
  expect((await api.patch(`/api/v1/incidents/${incident.id}`, { data: { milestone: 'acknowledged' } })).status()).toBe(403);

  const early = await context.request.patch(`/api/v1/incidents/${incident.id}`, { data: { milestone: 'contained', milestoneAt: new Date(Date.now() - 2 * 3_600_000).toISOString() } });
  expect(early.status()).toBe(422);
  expect((await early.json()).error.message).toMatch(/cannot be before the incident was detected/);
  expect((await context.request.patch(`/api/v1/incidents/${incident.id}`, { data: { milestone: 'resolved' } })).status()).toBe(200);
  const close = await context.request.patch(`/api/v1/incidents/${incident.id}`, { data: { milestone: 'closed' } });
  expect(close.status()).toBe(422);
  expect((await close.json()).error.message).toBe('A postmortem is required before closing a SEV2 incident. Write it first.');
  expect((await (await context.request.get(`/api/v1/incidents/${incident.id}`)).json()).status).toBe('RESOLVED');
  await api.dispose();
  await context.close();
});

testPagesAccessible([
  ['ENGINEER', '/incidents'],
  ['ENGINEER', '/incidents/new'],
  ['COMPLIANCE_OFFICER', '/incidents/plans'],
  ['ADMIN', '/incidents/settings'],
] as const);

test('an incident page as COMPLIANCE_OFFICER has no WCAG 2.2 AA violations', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/incidents?severity=SEV1');
  await page.getByRole('link', { name: BREACH }).click();
  await expect(page.locator('main h1')).toHaveText(BREACH);
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});
