import { createHash } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { ROLE_GRANTS, type Role } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import type { GroupResult } from '@/lib/models/fairness';
import { demoModelCard } from '@/lib/models/demo-card';
import {
  acceptMitigation,
  changeStage,
  createDataset,
  createModel,
  createVersion,
  rollbackModel,
  setFairnessThresholds,
  signOffVersion,
} from '@/lib/models/mutations';
import type { CreateVersionInput } from '@/lib/models/schema';

// The model registry's demo: three models on the three demo AI systems, with
// versions in production, one blocked at a gate, one failing a fairness check
// with an accepted mitigation, datasets with lineage, and a rollback. Written
// through the real mutations so the audit trail tells the same story.

const SYSTEMS = [
  { name: 'Clinical triage assistant', domain: 'HEALTHCARE', regions: ['EU', 'US'], riskTier: 'HIGH', purpose: 'Prioritises emergency department patients for clinician review.' },
  { name: 'Credit scoring model', domain: 'FINANCE', regions: ['US'], riskTier: 'HIGH', purpose: 'Scores consumer credit applications for underwriters.' },
  { name: 'Product recommender', domain: 'ECOMMERCE', regions: ['EU', 'US'], riskTier: 'MINIMAL', purpose: 'Recommends products in the online shop.' },
] as const;

// The same shape as a signed-in user's actor (lib/auth/session pulls in
// Next.js request APIs, which a seed script cannot load).
function personActor(u: { id: string; orgId: string; email: string; name: string; role: Role }): Actor {
  return { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

function groups(attribute: string, rows: [string, number, number, number, number][]): GroupResult[] {
  // [group, count, positives, recall, selectionRate]
  return rows.map(([groupValue, count, positives, recall, selectionRate]) => ({
    attribute,
    groupValue,
    count,
    positives,
    recall: positives ? recall : null,
    selectionRate: count ? selectionRate : null,
    accuracy: count ? 0.86 : null,
    precision: count && positives ? 0.8 : null,
  }));
}

async function ensureSystems(orgId: string, ownerIds: { business: string; technical: string }) {
  const ids: Record<string, string> = {};
  for (const s of SYSTEMS) {
    const found = await db.aISystem.findFirst({ where: { orgId, name: s.name }, select: { id: true } });
    ids[s.name] =
      found?.id ??
      (
        await db.aISystem.create({
          data: { orgId, name: s.name, purpose: s.purpose, domain: s.domain, regions: [...s.regions], riskTier: s.riskTier, status: 'IN_PRODUCTION', businessOwnerId: ownerIds.business, technicalOwnerId: ownerIds.technical },
          select: { id: true },
        })
      ).id;
  }
  return ids;
}

const CREDIT = /credit/;
const CREDIT_FEATURES = [{ name: 'debt_to_income_ratio', meanAbsAttribution: 0.24 }, { name: 'credit_utilisation', meanAbsAttribution: 0.18 }, { name: 'months_since_last_delinquency', meanAbsAttribution: 0.11 }];
const TRIAGE_FEATURES = [{ name: 'age', meanAbsAttribution: 0.21 }, { name: 'heart_rate', meanAbsAttribution: 0.17 }, { name: 'chief_complaint', meanAbsAttribution: 0.12 }];

/** Registering a demo version and taking it through every gate into production, through the real mutations. */
function registryHelpers(engineer: Actor, compliance: Actor, business: Actor) {
  const approveAndPromote = async (model: string, label: string) => {
    for (const target of ['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'] as const) await changeStage(engineer, model, label, { target });
    await signOffVersion(business, model, label, { role: 'BUSINESS_OWNER', comment: 'Fits the business need.' });
    await signOffVersion(compliance, model, label, { role: 'COMPLIANCE', comment: 'Gates reviewed.' });
    await changeStage(compliance, model, label, { target: 'PRODUCTION', reason: `Release ${label}` });
  };
  const version = (model: string, name: string, purpose: string, label: string, extra: Partial<CreateVersionInput> & { fairness?: { groups: GroupResult[] } }) =>
    createVersion(engineer, model, {
      label,
      framework: 'xgboost 2.1',
      artifactUri: `s3://acme-models/${model}/${label}/model.ubj`,
      artifactDigest: digest(`${model}@${label}`),
      artifactSize: 48_213_504,
      hyperparameters: { max_depth: 6, eta: 0.1, n_estimators: 400 },
      modelCard: demoModelCard(name, purpose, [], CREDIT.test(model) ? 'credit' : 'health'),
      robustness: [{ method: 'PGD (L∞)', budget: 0.03, metric: 'AUC', cleanValue: 0.87, attackedValue: 0.79 }],
      // Each model is explained by the features of its own domain.
      explainability: { method: 'SHAP', features: CREDIT.test(model) ? CREDIT_FEATURES : TRIAGE_FEATURES },
      ...extra,
    } as CreateVersionInput);
  return { approveAndPromote, version };
}

/** How long before the seed runs the credit model's 3.0.0 went into production. */
export const CREDIT_IN_PRODUCTION_DAYS = 120;

const CREDIT_MODEL = { name: 'Consumer credit PD model', purpose: 'Estimates the 24-month probability of default of consumer credit applications.' };
const CREDIT_DATA = [
  { dataset: 'Credit applications 2018–2024', role: 'TRAINING' as const, transformation: 'Outcome labelled at 24 months; reject inference applied.', steps: ['Join bureau attributes', 'Winsorise income at p99', 'Reject inference (parcelling)'] },
  { dataset: 'Credit bureau sample', role: 'TRAINING' as const, transformation: 'Tradeline aggregates.', steps: ['Aggregate tradelines per applicant'] },
  { dataset: 'Credit applications 2018–2024', role: 'EVALUATION' as const, transformation: 'Out-of-time 2024 applications.', steps: ['Filter application date ≥ 2024-01-01'] },
];

/**
 * The credit model's 3.0.1, a retrain released over 3.0.0 (which stays
 * approved, so it can be rolled back to): the monitoring demo watches it in
 * production and its fairness incident rolls it back. Idempotent; returns the
 * version's id.
 */
export async function seedCreditRetrain(orgId: string, releasedAt: Date): Promise<string> {
  const found = await db.modelVersion.findFirst({ where: { orgId, label: '3.0.1', model: { key: 'credit-scoring' } }, select: { id: true } });
  if (found) return found.id;
  const users = await db.user.findMany({ where: { orgId }, select: { id: true, orgId: true, email: true, name: true, role: true } });
  const by = (role: string) => personActor(users.find((x) => x.role === role) ?? (() => { throw new Error(`seed models: no ${role} user`); })());
  const { approveAndPromote, version } = registryHelpers(by('ENGINEER'), by('COMPLIANCE_OFFICER'), by('ADMIN'));
  const sex = groups('sex', [['female', 8200, 1450, 0.82, 0.41], ['male', 8600, 1620, 0.81, 0.41]]);
  const created = await version('credit-scoring', CREDIT_MODEL.name, CREDIT_MODEL.purpose, '3.0.1', { metrics: [{ name: 'AUC', value: 0.82, threshold: 0.78 }, { name: 'KS', value: 0.46, threshold: 0.4 }], datasets: CREDIT_DATA, fairness: { groups: sex } });
  await approveAndPromote('credit-scoring', '3.0.1');
  const id = (created as { id?: string }).id ?? (await db.modelVersion.findFirstOrThrow({ where: { orgId, label: '3.0.1', model: { key: 'credit-scoring' } }, select: { id: true } })).id;
  // The release belongs to the start of the monitoring story.
  await db.deploymentEvent.updateMany({ where: { versionId: id, kind: 'PROMOTION' }, data: { at: releasedAt } });
  return id;
}

export async function seedModels(orgId: string): Promise<{ created: boolean }> {
  if (await db.model.findFirst({ where: { orgId, key: 'clinical-triage' }, select: { id: true } })) return { created: false };
  const users = await db.user.findMany({ where: { orgId }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const by = (role: string) => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`seed models: no ${role} user`);
    return personActor(u);
  };
  const engineer = by('ENGINEER');
  const compliance = by('COMPLIANCE_OFFICER');
  // The administrator doubles as the business owner of the demo models.
  const business = by('ADMIN');
  const systems = await ensureSystems(orgId, { business: business.userId!, technical: engineer.userId! });

  const ds = async (input: Parameters<typeof createDataset>[1]) => createDataset(engineer, input);
  await ds({ name: 'Triage encounters 2019–2024', description: 'Emergency department encounters with vitals, complaints and outcomes.', source: 'Hospital EHR export (nightly)', ownerId: compliance.userId!, classification: 'RESTRICTED', personalData: true, personalDataCategories: ['health', 'age', 'sex'], legalBasis: 'GDPR Art. 9(2)(h), Art. 6(1)(e)', retentionDays: 3650, storageLocation: 'eu-west-1 encrypted bucket', accessPolicy: 'Named clinical ML team members under the data access agreement.' });
  await ds({ name: 'Triage holdout 2025', description: 'Time-split evaluation set.', source: 'Hospital EHR export', classification: 'CONFIDENTIAL', personalData: true, personalDataCategories: ['health'], legalBasis: 'GDPR Art. 9(2)(h)', retentionDays: 1825, storageLocation: 'eu-west-1 encrypted bucket', accessPolicy: 'Clinical ML team.' });
  await ds({ name: 'Credit applications 2018–2024', description: 'Applications with bureau attributes and 24-month outcomes.', source: 'Loan origination system', classification: 'CONFIDENTIAL', personalData: true, personalDataCategories: ['financial', 'age'], legalBasis: 'GDPR Art. 6(1)(b)', retentionDays: 2555, storageLocation: 'us-east-1 warehouse', accessPolicy: 'Credit risk analytics.' });
  await ds({ name: 'Credit bureau sample', description: 'Licensed bureau tradelines.', source: 'Bureau licence 2024', ownerId: compliance.userId!, classification: 'RESTRICTED', personalData: true, personalDataCategories: ['financial'], legalBasis: 'Contract (licence)', retentionDays: 730, deletionDate: new Date('2027-12-31'), storageLocation: 'us-east-1 restricted schema', accessPolicy: 'Two named analysts; quarterly review.' });
  await ds({ name: 'Shop clickstream 2025', description: 'Pseudonymised sessions, views and purchases.', source: 'Web analytics', classification: 'INTERNAL', personalData: true, personalDataCategories: ['browsing behaviour'], legalBasis: 'GDPR Art. 6(1)(f)', retentionDays: 395, storageLocation: 'eu-central-1 lake', accessPolicy: 'Recommendations team.' });
  await ds({ name: 'Public product benchmark', description: 'Open benchmark for offline evaluation.', source: 'Public download', classification: 'PUBLIC', storageLocation: 'eu-central-1 lake' });

  await setFairnessThresholds(compliance, { systemId: systems['Credit scoring model'], maxParityDifference: 0.15, minDisparateImpact: 0.8, maxOpportunityDifference: 0.1 });

  const { approveAndPromote, version } = registryHelpers(engineer, compliance, business);

  // Clinical triage: 1.0.0 in production after 1.1.0 was rolled back; 1.2.0 blocked at a gate.
  const triage = { name: 'Triage acuity classifier', purpose: 'Ranks emergency patients by predicted acuity for clinician review.' };
  const triageModel = await createModel(engineer, { systemId: systems['Clinical triage assistant'], key: 'clinical-triage', name: triage.name, purpose: triage.purpose, businessOwnerId: business.userId! });
  const triageData = [
    { dataset: 'Triage encounters 2019–2024', role: 'TRAINING' as const, transformation: 'De-identified and time-split.', steps: ['Drop direct identifiers', 'Impute missing vitals (median per site)', 'Bucket age into bands', 'Split by encounter date'] },
    { dataset: 'Triage holdout 2025', role: 'EVALUATION' as const, transformation: 'Same pipeline as training, no resampling.', steps: ['Drop direct identifiers', 'Impute missing vitals (median per site)'] },
  ];
  const triageFair = groups('sex', [['female', 5200, 1300, 0.84, 0.27], ['male', 4900, 1250, 0.82, 0.26]]);
  await version('clinical-triage', triage.name, triage.purpose, '1.0.0', { metrics: [{ name: 'AUC', value: 0.86, threshold: 0.8 }, { name: 'Recall', value: 0.83, threshold: 0.8 }], datasets: triageData, fairness: { groups: triageFair } });
  await approveAndPromote('clinical-triage', '1.0.0');
  await version('clinical-triage', triage.name, triage.purpose, '1.1.0', { metrics: [{ name: 'AUC', value: 0.88, threshold: 0.8 }, { name: 'Recall', value: 0.85, threshold: 0.8 }], datasets: triageData, fairness: { groups: triageFair } });
  await approveAndPromote('clinical-triage', '1.1.0');
  await rollbackModel(compliance, triageModel.id, { reason: 'Under-triage of chest-pain presentations reported by two sites after the 1.1.0 release.' });
  await version('clinical-triage', triage.name, triage.purpose, '1.2.0', {
    metrics: [{ name: 'AUC', value: 0.87, threshold: 0.8 }, { name: 'Recall', value: 0.81, threshold: 0.8 }],
    datasets: triageData,
    modelCard: demoModelCard(triage.name, triage.purpose, ['ethicalConsiderations', 'limitations']),
    // Age: the >90 band has no positives in evaluation, the "unknown" band is empty.
    fairness: { groups: groups('age band', [['18-40', 3000, 600, 0.88, 0.2], ['41-65', 4000, 1100, 0.84, 0.29], ['66-90', 2800, 900, 0.72, 0.34], ['>90', 150, 0, 0, 0.31], ['unknown', 0, 0, 0, 0]]) },
  });
  for (const target of ['VALIDATION', 'BIAS_REVIEW'] as const) await changeStage(engineer, 'clinical-triage', '1.2.0', { target });

  // Credit scoring: 3.0.0 in production; 3.1.0 fails disparate impact on age, mitigation accepted, awaiting compliance; 3.2.0-rc1 a draft without a digest.
  const credit = CREDIT_MODEL;
  await createModel(engineer, { systemId: systems['Credit scoring model'], key: 'credit-scoring', name: credit.name, purpose: credit.purpose, businessOwnerId: business.userId! });
  const creditData = CREDIT_DATA;
  const creditSex = groups('sex', [['female', 8000, 1400, 0.81, 0.4], ['male', 8500, 1600, 0.8, 0.41]]);
  await version('credit-scoring', credit.name, credit.purpose, '3.0.0', { metrics: [{ name: 'AUC', value: 0.81, threshold: 0.78 }, { name: 'KS', value: 0.45, threshold: 0.4 }], datasets: creditData, fairness: { groups: creditSex } });
  await approveAndPromote('credit-scoring', '3.0.0');
  // 3.0.0 has served since four months before the seed: the decision log's 90 days (and the monitoring
  // story's 3.0.1 release) fall after it, and ingestion accepts a decision only from the version in production at its time.
  const today = new Date();
  await db.deploymentEvent.updateMany({
    where: { kind: 'PROMOTION', version: { label: '3.0.0', model: { orgId, key: 'credit-scoring' } } },
    data: { at: new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - CREDIT_IN_PRODUCTION_DAYS * 86_400_000) },
  });
  await version('credit-scoring', credit.name, credit.purpose, '3.1.0', {
    metrics: [{ name: 'AUC', value: 0.83, threshold: 0.78 }, { name: 'KS', value: 0.47, threshold: 0.4 }],
    datasets: creditData,
    fairness: { groups: [...creditSex, ...groups('age', [['<25', 1500, 300, 0.78, 0.3], ['25-60', 12000, 2300, 0.82, 0.42], ['>60', 3000, 400, 0.8, 0.4]])] },
  });
  for (const target of ['VALIDATION', 'BIAS_REVIEW'] as const) await changeStage(engineer, 'credit-scoring', '3.1.0', { target });
  await acceptMitigation(compliance, 'credit-scoring', '3.1.0', {
    attribute: 'age',
    check: 'DISPARATE_IMPACT',
    mitigation: 'Applicants under 25 scoring in the refer band get manual underwriting review; approval-rate monitoring by age monthly with a 0.8 alert.',
  });
  await changeStage(engineer, 'credit-scoring', '3.1.0', { target: 'PENDING_APPROVAL' });
  await signOffVersion(business, 'credit-scoring', '3.1.0', { role: 'BUSINESS_OWNER', comment: 'Approved for the Q1 release, pending compliance.' });
  await version('credit-scoring', credit.name, credit.purpose, '3.2.0-rc1', { artifactDigest: null, artifactUri: null, metrics: [{ name: 'AUC', value: 0.76, threshold: 0.78 }], datasets: creditData.slice(0, 1), modelCard: {} });

  // Product recommender: 0.9.0 replaced by 1.0.0 (so a rollback is possible), 0.8.0 retired, 1.1.0 awaiting sign-offs.
  const rec = { name: 'Session recommender', purpose: 'Ranks products for the shop’s “you may also like” row.' };
  await createModel(engineer, { systemId: systems['Product recommender'], key: 'product-recommender', name: rec.name, purpose: rec.purpose, businessOwnerId: business.userId! });
  const recData = [
    { dataset: 'Shop clickstream 2025', role: 'TRAINING' as const, transformation: 'Sessionised; bots removed.', steps: ['Remove bot traffic', 'Sessionise (30 min gap)', 'Negative sampling 1:4'] },
    { dataset: 'Public product benchmark', role: 'EVALUATION' as const, transformation: '', steps: [] },
  ];
  const recFair = groups('region', [['EU', 40000, 9000, 0.61, 0.22], ['US', 52000, 12000, 0.63, 0.23]]);
  const recMetrics = (ndcg: number) => [{ name: 'NDCG@10', value: ndcg, threshold: 0.3 }, { name: 'Latency p95 (ms)', value: 42, threshold: 80, direction: 'AT_MOST' as const }];
  await version('product-recommender', rec.name, rec.purpose, '0.8.0', { metrics: recMetrics(0.31), datasets: recData, fairness: { groups: recFair } });
  await changeStage(compliance, 'product-recommender', '0.8.0', { target: 'RETIRED', reason: 'Superseded before release.' });
  await version('product-recommender', rec.name, rec.purpose, '0.9.0', { metrics: recMetrics(0.33), datasets: recData, fairness: { groups: recFair } });
  await approveAndPromote('product-recommender', '0.9.0');
  await version('product-recommender', rec.name, rec.purpose, '1.0.0', { metrics: recMetrics(0.35), datasets: recData, fairness: { groups: recFair } });
  await approveAndPromote('product-recommender', '1.0.0');
  await version('product-recommender', rec.name, rec.purpose, '1.1.0', { metrics: recMetrics(0.36), datasets: recData, fairness: { groups: recFair } });
  for (const target of ['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'] as const) await changeStage(engineer, 'product-recommender', '1.1.0', { target });
  return { created: true };
}

