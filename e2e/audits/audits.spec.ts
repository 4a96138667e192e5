import { scan, testPagesAccessible } from '../support/a11y';
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { verifyPack } from '../../lib/audits/evidence/pack-verify';
import { pageAs } from '../support/auth';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test.describe('audit workspace', () => {
  test('the owner cannot close their own finding; an auditor verifies and closes it', async ({ browser }) => {
    const eng = await pageAs(browser, 'ENGINEER');
    await eng.page.goto('/audits/findings?status=READY_FOR_VERIFICATION');
    await eng.page.getByRole('link', { name: 'Change approvals missing for two model releases' }).click();
    await expect(eng.page.getByText('You own this finding: an auditor or a compliance officer must verify and close it.')).toBeVisible();
    await expect(eng.page.getByRole('button', { name: 'Verify and close' })).toHaveCount(0);
    const id = eng.page.url().split('/').pop()!;
    const denied = await eng.context.request.post(`/api/v1/findings/${id}/transitions`, { data: { transition: 'close' } });
    expect(denied.status()).toBe(403);
    expect((await denied.json()).error.message).toContain('verify');
    await eng.context.close();

    const aud = await pageAs(browser, 'AUDITOR');
    await aud.page.goto(`/audits/findings/${id}`);
    await aud.page.getByLabel('Verification note').fill('Checked the CI gate configuration and two releases.');
    await aud.page.getByRole('button', { name: 'Verify and close' }).click();
    // The page re-renders in its new state: closed, with the verifier named.
    await expect(aud.page.getByText('Verified and closed by')).toBeVisible();
    await expect(aud.page.getByText('Aude Auditor, ', { exact: false })).toBeVisible();
    await expect(aud.page.getByRole('button', { name: 'Verify and close' })).toHaveCount(0);
    await aud.context.close();
  });

  test('auditors are read-only beyond findings, comments, requests and verification', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'AUDITOR');
    await page.goto('/audits');
    await expect(page.getByRole('heading', { name: 'Audits & findings' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Plan an audit' })).toHaveCount(0);
    await page.goto('/audits/evidence');
    await expect(page.getByRole('form', { name: 'Add evidence' })).toHaveCount(0);
    await page.goto('/audits/certifications');
    await expect(page.getByRole('form', { name: 'Record a certification' })).toHaveCount(0);
    for (const [path, body] of [
      ['/api/v1/audits', { title: 'Nope', kind: 'INTERNAL', standard: 'OTHER', periodStart: '2026-01-01', periodEnd: '2026-02-01' }],
      ['/api/v1/certifications', { name: 'HIPAA attestation', standard: 'HIPAA', issuer: 'Example CPA', scope: 'Clinical platform', issuedAt: '2026-01-01', expiresAt: '2027-01-01' }],
    ] as const) {
      const res = await context.request.post(path, { data: body });
      expect(res.status(), path).toBe(403);
    }
    const upload = await context.request.post('/api/v1/evidence', { multipart: { title: 'Auditor upload', file: { name: 'a.pdf', mimeType: 'application/pdf', buffer: PDF } } });
    expect(upload.status()).toBe(403);
    await context.close();
  });

  test('an auditor raises a finding with a default due date; an engineer cannot', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'AUDITOR');
    await page.goto('/audits/findings');
    const form = page.getByRole('form', { name: 'Raise a finding' });
    await form.getByLabel('Title').fill('Model card missing intended-use section');
    await form.getByLabel('Description').fill('The triage model card has no intended-use section.');
    await form.getByLabel('Severity').selectOption('HIGH');
    await form.getByLabel('Audit', { exact: true }).selectOption({ label: 'ISO/IEC 42001 readiness (internal)' });
    await form.getByRole('button', { name: 'Raise finding' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'raised' })).toBeVisible();
    await form.getByLabel('Title').fill('Backdated');
    await form.getByLabel('Description').fill('x');
    await form.getByLabel('Audit', { exact: true }).selectOption({ label: 'ISO/IEC 42001 readiness (internal)' });
    await form.getByLabel('Due date').fill('2020-01-01');
    await form.getByRole('button', { name: 'Raise finding' }).click();
    await expect(form.getByRole('alert').filter({ hasText: 'The due date cannot be in the past' })).toBeVisible();
    await context.close();

    const eng = await pageAs(browser, 'ENGINEER');
    await eng.page.goto('/audits/findings');
    await expect(eng.page.getByRole('form', { name: 'Raise a finding' })).toHaveCount(0);
    const res = await eng.context.request.post('/api/v1/findings', { data: { title: 'Engineer finding', description: 'x', severity: 'LOW' } });
    expect(res.status()).toBe(403);
    await eng.context.close();
  });

  test('evidence uploads are checked by content; downloads are verified and recorded', async ({ browser }) => {
    const { context } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 7)]);
    const disguised = await context.request.post('/api/v1/evidence', { multipart: { title: 'Invoice', file: { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: exe } } });
    expect(disguised.status()).toBe(422);
    expect((await disguised.json()).error.message).toContain('application/x-msdownload');
    const empty = await context.request.post('/api/v1/evidence', { multipart: { title: 'Empty', file: { name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) } } });
    expect(empty.status()).toBe(422);
    expect((await empty.json()).error.message).toBe('The file is empty.');

    const ok = await context.request.post('/api/v1/evidence', { multipart: { title: 'E2E policy', validUntil: '2030-01-01', file: { name: 'policy.pdf', mimeType: 'application/octet-stream', buffer: PDF } } });
    expect(ok.status()).toBe(201);
    const created = await ok.json();
    expect(created.contentType).toBe('application/pdf');
    const download = await context.request.get(`/api/v1/evidence/${created.id}/download`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    expect(download.headers()['x-content-sha256']).toBe(created.sha256);
    const admin = await pageAs(browser, 'ADMIN');
    const trail = await admin.context.request.get(`/api/v1/audit-events?entityType=evidence&entityId=${created.id}&action=evidence.downloaded`);
    expect((await trail.json()).items[0]).toMatchObject({ actorLabel: 'compliance@acme.example', action: 'evidence.downloaded' });
    await admin.context.close();
    await context.close();
  });

  test('the evidence pack downloads with progress and verifies offline', async ({ browser, request }) => {
    const { context, page } = await pageAs(browser, 'AUDITOR');
    await page.goto('/audits');
    await page.getByRole('link', { name: 'SOC 2 Type II 2025 (external)' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export evidence pack' }).click();
    const download = await downloading;
    await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
    const zip = await readFile((await download.path())!);
    const key = await (await request.get('/api/v1/signing-key')).text();
    const verdict = verifyPack(zip, key);
    expect(verdict.problems).toEqual([]);
    expect(verdict.manifest?.audit.title).toBe('SOC 2 Type II 2025 (external)');
    expect(verdict.manifest?.files.some((f) => f.path.startsWith('evidence/'))).toBe(true);
    await context.close();
  });

  test('an owner fulfils an evidence request by upload; the auditor rejects, then accepts', async ({ browser }) => {
    const eng = await pageAs(browser, 'ENGINEER');
    await eng.page.goto('/audits/requests?mine=true');
    const card = eng.page.getByTestId('request-item').filter({ hasText: 'Model monitoring runbook' });
    await card.getByText('Attach evidence…').click();
    await card.getByLabel('File').setInputFiles({ name: 'runbook.txt', mimeType: 'text/plain', buffer: Buffer.from('Monitoring runbook\nAlerts Q3: 4, all triaged\n') });
    await card.getByRole('button', { name: 'Attach evidence' }).click();
    // The page re-renders with the request submitted and the evidence linked (the form and its
    // message may already be gone by then, so assert on the result).
    await expect(card.getByText('Submitted')).toBeVisible();
    await expect(card.getByRole('link', { name: /Model monitoring runbook/ })).toHaveAttribute('href', /\/api\/v1\/evidence\/.+\/download$/);
    await eng.context.close();

    const aud = await pageAs(browser, 'AUDITOR');
    await aud.page.goto('/audits/requests?status=SUBMITTED');
    const review = aud.page.getByTestId('request-item').filter({ hasText: 'Model monitoring runbook' });
    await review.getByLabel('Decision').selectOption('reject');
    await review.getByRole('button', { name: 'Record decision' }).click();
    await expect(review.getByRole('alert').filter({ hasText: 'Say why the evidence is rejected' })).toBeVisible();
    await review.getByLabel('Decision').selectOption('accept');
    await review.getByLabel('Comment (required to reject)').fill('Runbook and alert log cover the period.');
    await review.getByRole('button', { name: 'Record decision' }).click();
    // Accepted, it leaves the list of submitted requests.
    await expect(review).toHaveCount(0);
    await aud.page.goto('/audits/requests?status=ACCEPTED');
    await expect(aud.page.getByTestId('request-item').filter({ hasText: 'Model monitoring runbook' })).toBeVisible();
    await aud.context.close();
  });

  test('the audit tracking table exports as CSV and XLSX', async ({ browser }) => {
    const { context } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    const csv = await context.request.get('/api/v1/findings/export?format=csv');
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('Finding ID,Title,Audit,Source,Severity,Status,Owner');
    expect(text).toContain('Legacy TLS 1.1 endpoint');
    const xlsx = await context.request.get('/api/v1/findings/export?format=xlsx&status=ACTIVE');
    expect(Buffer.from(await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    await context.close();
  });

  testPagesAccessible([
    ['COMPLIANCE_OFFICER', '/audits'],
    ['AUDITOR', '/audits/findings'],
    ['ENGINEER', '/audits/evidence?stale=true'],
    ['AUDITOR', '/audits/requests'],
    ['COMPLIANCE_OFFICER', '/audits/certifications'],
    ['ADMIN', '/audits/settings'],
  ] as const);

  test('a finding page has no WCAG 2.2 AA violations', async ({ browser }) => {
    const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
    await page.goto('/audits/findings');
    await page.getByTestId('finding-row').first().getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
    expect((await scan(page)).violations).toEqual([]);
    await context.close();
  });
});
