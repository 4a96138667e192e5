import { expect, test } from '@playwright/test';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';

test('a questionnaire link works without an account: drafts are kept, it is submitted once, a second submission is refused', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto('/vendors');
  await page.getByRole('link', { name: 'Vectorly' }).click();
  const send = page.getByRole('form', { name: 'Send a questionnaire' });
  await send.getByLabel('Questionnaire').selectOption('ai-specific');
  await send.getByRole('button', { name: 'Send questionnaire' }).click();
  const shown = page.getByTestId('questionnaire-link');
  await expect(shown).toBeVisible();
  const link = new URL((await shown.locator('code').textContent())!.trim());
  expect((await scan(page)).violations).toEqual([]);
  await context.close();

  // The vendor: no session at all.
  const vendor = await browser.newContext();
  const first = await vendor.newPage();
  await first.goto(link.pathname);
  await expect(first.getByRole('heading', { level: 1, name: 'AI-specific due diligence' })).toBeVisible();
  expect((await scan(first)).violations).toEqual([]);
  const answers = first.locator('textarea');
  const count = await answers.count();
  expect(count).toBeGreaterThan(5);
  await answers.nth(0).fill('Licensed corpora and our own support logs, under contract.');
  await first.getByRole('button', { name: 'Save draft' }).click();
  await expect(first.getByText('Draft saved.')).toBeVisible();
  await first.reload();
  await expect(first.locator('textarea').nth(0)).toHaveValue('Licensed corpora and our own support logs, under contract.');

  // A document attached to an answer is kept with the draft. A file that is not what its
  // name says is refused with the field named, and nothing is attached.
  const attach = first.getByRole('form', { name: 'Attach a document' });
  await attach.getByLabel('Question').selectOption({ index: 1 });
  await attach.getByLabel('Document').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('plain text, not a PDF') });
  await attach.getByRole('button', { name: 'Attach document' }).click();
  await expect(attach.getByTestId('form-errors')).toContainText('Document');
  await expect(first.getByRole('table', { name: 'Attached documents' })).toHaveCount(0);
  await attach.getByLabel('Question').selectOption({ index: 1 });
  await attach.getByLabel('Document').setInputFiles({ name: 'model-card.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n') });
  await attach.getByRole('button', { name: 'Attach document' }).click();
  await expect(attach.getByText('model-card.pdf attached.')).toBeVisible();
  await expect(first.getByRole('table', { name: 'Attached documents' })).toContainText('model-card.pdf');
  expect((await scan(first)).violations).toEqual([]);
  await first.reload();
  await expect(first.getByText('Attached: model-card.pdf')).toBeVisible();

  // Submitting with questions left is refused, keeps what was typed and marks the unanswered questions.
  await first.locator('textarea').nth(1).fill('We honour TDM opt-outs.');
  await first.getByRole('button', { name: 'Submit answers' }).click();
  await expect(first.getByText(/Answer every question before submitting/)).toBeVisible();
  await expect(first.locator('textarea').nth(1)).toHaveValue('We honour TDM opt-outs.');
  await expect(first.locator('textarea[aria-invalid="true"]').first()).toBeVisible();

  // A second tab with the form open, to try a second submission after the first.
  const second = await vendor.newPage();
  await second.goto(link.pathname);
  for (let i = 0; i < count; i += 1) await first.locator('textarea').nth(i).fill(`Answer ${i + 1}: documented in our trust portal.`);
  await first.getByRole('button', { name: 'Submit answers' }).click();
  await expect(first.getByText('Thank you: your answers were submitted.')).toBeVisible();

  for (let i = 0; i < count; i += 1) await second.locator('textarea').nth(i).fill(`Changed answer ${i + 1}.`);
  await second.getByRole('button', { name: 'Submit answers' }).click();
  await expect(second.getByTestId('form-errors')).toContainText(/already been used|already been submitted/);
  await second.goto(link.pathname);
  await expect(second.getByText('This link has already been used and cannot be used again.')).toBeVisible();
  // The link grants its questionnaire and nothing else.
  expect((await vendor.request.get('/api/v1/vendors', { maxRedirects: 0 })).status()).toBe(401);
  await vendor.close();

  // Compliance sees the submitted answers, not the second tab's.
  const review = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await review.page.goto('/vendors');
  await review.page.getByRole('link', { name: 'Vectorly' }).click();
  await review.page.getByRole('link', { name: /AI-specific due diligence/ }).first().click();
  await expect(review.page.getByText('Answer 1: documented in our trust portal.')).toBeVisible();
  await expect(review.page.getByText('Changed answer 1.')).toHaveCount(0);
  // The attached document is there to read before the review makes it evidence.
  const doc = review.page.getByTestId('vendor-document').filter({ hasText: 'model-card.pdf' });
  await expect(doc).toBeVisible();
  const download = await review.context.request.get((await doc.getByRole('link', { name: 'model-card.pdf' }).getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
  // After submission the link takes no more documents.
  expect((await browser.newContext().then((c) => c.request.post(`${link.pathname}/documents`, { multipart: { question: 'ai.provenance', file: { name: 'late.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n') } }, headers: { accept: 'application/json' } }))).status()).toBe(409);
  expect((await scan(review.page)).violations).toEqual([]);
  await review.context.close();
});

test('an engineer reads vendors but has no forms, and the API refuses a vendor write', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/vendors');
  await page.getByRole('link', { name: 'Northwind Health Cloud' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Northwind Health Cloud' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send questionnaire' })).toHaveCount(0);
  expect((await scan(page)).violations).toEqual([]);
  const refused = await context.request.post('/api/v1/vendors', { data: { name: 'Engineer vendor', category: 'API_PROVIDER' } });
  expect(refused.status()).toBe(403);
  await context.close();
});

testPagesAccessible([
  ['COMPLIANCE_OFFICER', '/vendors'],
  ['AUDITOR', '/vendors'],
] as const);
