import { createPublicKey, verify } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startS3Server } from '../../lib/audits/evidence/testdata/s3-server';
import { verifyConsistency } from '../../lib/decisions/merkle';
import { verifyDecisionProof } from '../../lib/decisions/verify-proof';
import { scan, testPagesAccessible } from '../support/a11y';
import { pageAs } from '../support/auth';
import { pick } from '../support/pick';

// The demo's 200,000 credit decisions over 90 days: about 2 % overridden by an
// underwriter (app-100017 among them); annual_income is a restricted input;
// applicant-00042 was erased; a signed checkpoint after every second batch.
const OVERRIDDEN = 'app-100017';
const ERASED = 'applicant-00042';

let client: pg.Client;
test.beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
test.afterAll(async () => {
  await client.end();
});

test('an engineer finds the overridden decision, sees restricted inputs masked, verifies its proof and opens the letter', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/decisions');
  await expect(page.getByTestId('decision-row').first()).toBeVisible();
  await page.getByLabel('Overridden by a person').check();
  await page.getByRole('button', { name: 'Search' }).click();
  // A full page of overridden decisions (about 4,000 in the demo), each marked.
  const rows = page.getByTestId('decision-row');
  await expect(rows).toHaveCount(50);
  await expect(rows.filter({ hasNotText: 'Overridden' })).toHaveCount(0);
  await page.getByLabel('Decision id').fill(OVERRIDDEN);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(1);
  await page.getByRole('link', { name: OVERRIDDEN }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Decision ${OVERRIDDEN}` })).toBeVisible();
  await expect(page.getByText(/Verified income documents show a recent salary increase/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Input features' }).getByText('Restricted: hidden for your role')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Attributions per feature' })).toBeVisible();
  await page.getByRole('button', { name: 'Verify proof' }).click();
  await expect(page.getByText(/The proof holds/)).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});

test('the explanation letter prints the principal reasons and downloads as PDF; an engineer records nothing', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto(`/decisions?ref=${OVERRIDDEN}`);
  await page.getByRole('link', { name: OVERRIDDEN }).click();
  await page.getByRole('link', { name: 'Explanation letter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Explanation of decision ${OVERRIDDEN}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The principal reasons' })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  const id = page.url().split('/').at(-2)!;
  const pdf = await context.request.get(`/api/v1/decisions/letter?id=${id}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');

  // An engineer records no development decisions and sends no decisions with a session.
  await page.goto('/decisions/development');
  await expect(page.getByRole('button', { name: 'Record decision' })).toHaveCount(0);
  expect((await context.request.post('/api/v1/development-decisions', { data: { modelId: 'x', title: 'x', context: 'x', decision: 'x', approverId: 'x', decidedAt: '2026-01-01' } })).status()).toBe(403);
  await context.close();
});

test('a compliance officer sees restricted inputs and records a development decision; a refusal keeps the input', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'COMPLIANCE_OFFICER');
  await page.goto(`/decisions?ref=${OVERRIDDEN}`);
  await page.getByRole('link', { name: OVERRIDDEN }).click();
  await expect(page.getByRole('table', { name: 'Input features' }).getByText('annual_income')).toBeVisible();
  await expect(page.getByText('Restricted: hidden for your role')).toHaveCount(0);

  const title = `Gradient boosting over logistic regression ${Date.now()}`;
  await page.goto('/decisions/development');
  const form = page.getByRole('form', { name: 'Record a development decision' });
  await pick(form, /^Model/, 'credit', /Consumer credit/);
  await form.getByLabel('Title', { exact: true }).fill(title);
  await form.getByLabel('Context', { exact: true }).fill('The boosted model is 4 AUC points better on the holdout.');
  await form.getByRole('button', { name: 'Record decision' }).click();
  // Decision and approver missing: refused, the title kept.
  await expect(form.getByLabel('Decision', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Title', { exact: true })).toHaveValue(title);
  await form.getByLabel('Decision', { exact: true }).fill('Use boosting with monotone constraints; the 1.5-point equal-opportunity gap is accepted.');
  await pick(form, 'Approver', 'Compliance');
  await form.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByText('Development decision recorded.')).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  expect((await scan(page)).violations).toEqual([]);
  await context.close();
});

test('the demo log holds 200,000 decisions over 90 days, about 2 % overridden; an auditor checks the checkpoint chain and an erased subject\'s proof', async ({ browser }) => {
  const { rows: [log] } = await client.query<{ total: number; overridden: number; days: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE overridden)::int AS overridden, count(DISTINCT date_trunc('day', "decidedAt" AT TIME ZONE 'UTC'))::int AS days FROM "Decision"`,
  );
  expect(log.total).toBe(200_000);
  expect(log.days).toBe(90);
  expect(log.overridden / log.total).toBeGreaterThan(0.015);
  expect(log.overridden / log.total).toBeLessThan(0.025);
  const { rows: checkpoints } = await client.query<{ treeSize: number; decisionCount: number }>('SELECT "treeSize", "decisionCount" FROM "DecisionCheckpoint" ORDER BY "treeSize"');
  expect(checkpoints.length).toBeGreaterThanOrEqual(2);
  expect(checkpoints.at(-1)!.decisionCount).toBe(200_000);

  const { context } = await pageAs(browser, 'AUDITOR');
  const first = checkpoints[0].treeSize;
  const last = checkpoints.at(-1)!.treeSize;
  const res = await context.request.get(`/api/v1/decisions/checkpoints/consistency?from=${first}&to=${last}`);
  expect(res.status()).toBe(200);
  const c = (await res.json()) as { from: { treeSize: number; rootHash: string }; to: { treeSize: number; rootHash: string }; proof: string[] };
  const hex = (h: string) => Buffer.from(h, 'hex');
  expect(verifyConsistency(c.from.treeSize, c.to.treeSize, hex(c.from.rootHash), hex(c.to.rootHash), c.proof.map(hex))).toBe(true);
  // A rewritten older root does not pass.
  expect(verifyConsistency(c.from.treeSize, c.to.treeSize, hex(c.to.rootHash), hex(c.to.rootHash), c.proof.map(hex))).toBe(false);

  const { rows: [erased] } = await client.query<{ id: string }>('SELECT id FROM "Decision" WHERE "subjectRef" = $1 ORDER BY "decidedAt" LIMIT 1', [ERASED]);
  const proof = await (await context.request.get(`/api/v1/decisions/proof?id=${encodeURIComponent(erased.id)}`)).json();
  // Verified offline against the deployment's published key, as `npm run verify-decision` does.
  const key = await (await context.request.get('/api/v1/signing-key')).text();
  expect(verifyDecisionProof(proof, key)).toEqual({ ok: true, problems: [] });
  await context.close();
});

test('an auditor cannot record, issue, erase or send decisions', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/decisions/development');
  await expect(page.getByRole('button', { name: 'Record decision' })).toHaveCount(0);
  expect((await context.request.post('/api/v1/decisions/checkpoints')).status()).toBe(403);
  // Decisions come only with a decisions:write token, never with a session.
  expect((await context.request.post('/api/v1/decisions?system=x', { data: [] })).status()).toBe(403);
  expect((await context.request.post('/api/v1/decisions/subjects/erase', { data: { subjectRef: 'applicant-00001', reason: 'not mine' } })).status()).toBe(403);
  await context.close();
});

testPagesAccessible([
  ['ENGINEER', '/decisions'],
  ['COMPLIANCE_OFFICER', '/decisions/stats'],
  ['COMPLIANCE_OFFICER', '/decisions/development'],
  ['AUDITOR', '/decisions/checkpoints'],
] as const);

test('an admin sends the signed checkpoints to an S3-compatible bucket; a refusal keeps the input but not the secret; others are refused', async ({ browser }) => {
  test.setTimeout(120_000);
  // A loopback S3 in this process that checks every SigV4 signature; its own address, allowed as an internal host.
  const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: `e2e-secret-${Date.now()}`, region: 'eu-west-1' };
  const s3 = await startS3Server({ creds, bucket: 'decision-proofs', host: '127.0.0.2' });
  try {
    const { context, page } = await pageAs(browser, 'ADMIN');
    await page.goto('/admin/webhooks');
    if (!(await page.getByRole('table', { name: 'Allowed internal hosts' }).getByText('127.0.0.2').count())) {
      const allow = page.getByRole('form', { name: 'Allow an internal host' });
      await allow.getByLabel('Host').fill('127.0.0.2');
      await allow.getByLabel('Reason').fill('The e2e S3 bucket');
      await allow.getByRole('button', { name: 'Allow host' }).click();
      await expect(page.getByRole('table', { name: 'Allowed internal hosts' })).toContainText('127.0.0.2');
    }

    await page.goto('/decisions/checkpoints');
    await expect(page.getByRole('heading', { level: 1, name: 'Signed checkpoints' })).toBeVisible();
    const form = page.getByRole('form', { name: 'Checkpoint bucket' });
    await form.getByLabel('Endpoint URL', { exact: true }).fill(s3.endpoint);
    await form.getByLabel('Region', { exact: true }).fill(creds.region);
    await form.getByLabel('Bucket', { exact: true }).fill('Not_A_Bucket');
    await form.getByLabel('Key prefix', { exact: true }).fill('e2e');
    await form.getByLabel('Access key id', { exact: true }).fill(creds.accessKeyId);
    await form.getByLabel('Secret access key', { exact: true }).fill(creds.secretAccessKey);
    await form.getByLabel(/Path-style addressing/).check();
    await form.getByRole('button', { name: 'Save bucket' }).click();
    await expect(form.getByLabel('Bucket', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Endpoint URL', { exact: true })).toHaveValue(s3.endpoint);
    await expect(form.getByLabel('Access key id', { exact: true })).toHaveValue(creds.accessKeyId);
    await expect(form.getByLabel('Secret access key', { exact: true })).toHaveValue('');

    await form.getByLabel('Bucket', { exact: true }).fill('decision-proofs');
    await form.getByLabel('Secret access key', { exact: true }).fill(creds.secretAccessKey);
    await form.getByRole('button', { name: 'Save bucket' }).click();
    await expect(page.getByText(/Bucket saved\. \d+ checkpoint\(s\) queued/)).toBeVisible();
    await expect(form.getByLabel('Secret access key', { exact: true })).toHaveValue('');

    // The app's job queue pushes them; the screen shows the outcome.
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId('checkpoint-row').first().textContent();
      }, { timeout: 60_000, intervals: [1000] })
      .toContain('Pushed');
    const put = s3.seen.find((r) => r.method === 'PUT')!;
    expect(put).toMatchObject({ signatureOk: true, hashOk: true });
    const object = JSON.parse(put.body.toString('utf8'));
    expect(verify(null, Buffer.from(object.statement), createPublicKey(object.publicKey), Buffer.from(object.signature, 'base64'))).toBe(true);
    expect(await page.content()).not.toContain(creds.secretAccessKey);
    expect((await scan(page)).violations).toEqual([]);
    await context.close();

    for (const role of ['COMPLIANCE_OFFICER', 'AUDITOR'] as const) {
      const other = await pageAs(browser, role);
      await other.page.goto('/decisions/checkpoints');
      await expect(other.page.getByTestId('checkpoint-row').first()).toContainText('Pushed');
      await expect(other.page.getByRole('form', { name: 'Checkpoint bucket' })).toHaveCount(0);
      expect((await other.context.request.get('/api/v1/decisions/push-target')).status()).toBe(403);
      expect((await other.context.request.put('/api/v1/decisions/push-target', { data: { endpoint: 'https://attacker.example', region: 'us-east-1', bucket: 'stolen', accessKeyId: 'AKIA0000', secretAccessKey: 'x' } })).status()).toBe(403);
      expect((await other.context.request.post('/api/v1/decisions/checkpoints/push')).status()).toBe(403);
      await other.context.close();
    }
  } finally {
    await s3.close();
  }
});
