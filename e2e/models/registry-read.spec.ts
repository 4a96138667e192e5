import { testPagesAccessible } from '../support/a11y';
import { expect, test } from '@playwright/test';
import { pageAs } from '../support/auth';

test('an auditor reads the registry, sees the verified attestation and no controls to change anything', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/models');
  await expect(page.getByRole('link', { name: 'Triage acuity classifier' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Consumer credit PD model' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Register a model' })).toHaveCount(0);

  await page.goto('/models/clinical-triage');
  const deployments = page.getByRole('table', { name: 'Deployment history' });
  await expect(deployments.getByText('rollback')).toBeVisible();
  await expect(deployments.getByText('Under-triage of chest-pain presentations')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Roll back' })).toHaveCount(0);

  await page.goto('/models/clinical-triage/versions/1.0.0');
  await expect(page.getByText('Signature verifies')).toBeVisible();
  await expect(page.getByText('Matches this version')).toBeVisible();
  await expect(page.getByRole('button', { name: /Promote|Sign off|Retire|Return to draft/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Record results' })).toHaveCount(0);
  const history = page.getByRole('table', { name: 'History of this version from the audit trail' });
  await expect(history).toContainText('model.version_approved');
  await expect(history).toContainText('model.version_signed_off');

  const gate = await context.request.get('/api/v1/models/clinical-triage/versions/1.0.0/gate');
  expect(await gate.json()).toEqual({ allowed: true, stage: 'PRODUCTION', reasons: [] });
  const attestation = await (await context.request.get('/api/v1/models/clinical-triage/versions/1.0.0/attestation')).json();
  expect(attestation).toMatchObject({ algorithm: 'Ed25519', verified: true, matchesVersion: true, manifest: { version: { label: '1.0.0' } } });
  const denied = await context.request.post('/api/v1/models', { data: { systemId: 'x', key: 'nope', name: 'n', purpose: 'p' } });
  expect(denied.status()).toBe(403);
  await context.close();
});

test('the blocked version shows every unmet condition, with the fairness chart and its table', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/models/clinical-triage/versions/1.2.0');
  const unmet = page.getByRole('list', { name: 'Unmet conditions' }).first();
  await expect(unmet).toContainText('The model card is incomplete: Ethical considerations, Known limitations.');
  await expect(unmet).toContainText('Fairness check demographic parity for age band fails');
  await expect(unmet).toContainText('equal opportunity for age band fails');
  await expect(page.getByRole('table', { name: 'Results per age band group' })).toContainText('>90');
  await expect(page.getByRole('table', { name: 'Fairness checks for age band' })).toContainText('Groups without positives (no true-positive rate) left out: >90');
  // The chart library loads when its slot comes into view.
  await expect(page.locator('.recharts-responsive-container')).toHaveCount(0);
  await page.getByTestId('chart-slot').first().scrollIntoViewIfNeeded();
  await expect(page.locator('.recharts-responsive-container').first()).toBeVisible();
  const gate = await (await context.request.get('/api/v1/models/clinical-triage/versions/1.2.0/gate')).json();
  expect(gate.allowed).toBe(false);
  expect(gate.stage).toBe('BIAS_REVIEW');
  expect(gate.reasons.length).toBeGreaterThan(4);
  await context.close();
});

test('restricted datasets show only name and classification to an engineer who does not own them', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'ENGINEER');
  await page.goto('/datasets?classification=RESTRICTED');
  await expect(page.getByRole('link', { name: 'Credit bureau sample' })).toBeVisible();
  await expect(page.getByText('Restricted: details hidden').first()).toBeVisible();
  await page.getByRole('link', { name: 'Credit bureau sample' }).click();
  await expect(page.getByText('This dataset is restricted.')).toBeVisible();
  await expect(page.getByText('Two named analysts')).toHaveCount(0);
  await context.close();

  const auditor = await pageAs(browser, 'AUDITOR');
  await auditor.page.goto('/datasets?classification=RESTRICTED');
  await auditor.page.getByRole('link', { name: 'Credit bureau sample' }).click();
  await expect(auditor.page.getByText('Two named analysts; quarterly review.')).toBeVisible();
  await expect(auditor.page.getByRole('table', { name: 'Model versions this dataset fed' })).toContainText('3.0.0');
  await auditor.context.close();
});

test('the model card reads as a page and exports Markdown and Model Card Toolkit JSON', async ({ browser }) => {
  const { context, page } = await pageAs(browser, 'AUDITOR');
  await page.goto('/models/credit-scoring/versions/3.1.0/card');
  await expect(page.getByRole('heading', { name: 'Ethical considerations' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Performance thresholds' })).toBeVisible();
  const md = await (await context.request.get('/api/v1/models/credit-scoring/versions/3.1.0/card?format=md')).text();
  expect(md).toContain('# Model card: Consumer credit PD model 3.1.0');
  expect(md).toContain('| AUC | 0.83 | ≥ 0.78 | yes |');
  const json = await (await context.request.get('/api/v1/models/credit-scoring/versions/3.1.0/card?format=json')).json();
  expect(json.model_details).toMatchObject({ name: 'Consumer credit PD model', version: { name: '3.1.0' } });
  expect(json.considerations.ethical_considerations.some((e: { mitigation_strategy: string }) => e.mitigation_strategy.includes('manual underwriting'))).toBe(true);
  await context.close();
});

testPagesAccessible([
  ['ENGINEER', '/models'],
  ['ENGINEER', '/models/clinical-triage'],
  ['ENGINEER', '/models/clinical-triage/versions/1.2.0'],
  ['COMPLIANCE_OFFICER', '/models/credit-scoring/versions/3.1.0'],
  ['AUDITOR', '/models/clinical-triage/versions/1.0.0/card'],
  ['ENGINEER', '/datasets'],
  ['COMPLIANCE_OFFICER', '/models/fairness-thresholds'],
] as const);
