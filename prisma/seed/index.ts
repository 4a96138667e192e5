import { seedAudits } from './audits';
import { seedDecisions } from './decisions';
import { seedFoundation } from './foundation';
import { seedIncidents } from './incidents';
import { seedModels } from './models';
import { seedPrivacy } from './privacy';
import { seedMonitoring } from './monitoring';
import { seedRequirements } from './requirements';
import { seedReviews } from './reviews';
import { seedTrust } from './trust';
import { seedRisks } from './risks';
import { seedThreats } from './threats';
import { seedVendorsAndPolicies } from './vendors';
import { seedGovernance } from './governance';

/**
 * Demo data, idempotent: each domain's seed checks what exists and only adds
 * what is missing, so the first start seeds and later starts do nothing.
 * Order matters: later domains link to what earlier ones created.
 * `decisions` makes the decision log smaller than the demo's 200,000, for
 * tests that seed the whole demo for something else.
 */
export async function seedDemo(log: (line: string) => void = console.log, options: { decisions?: number } = {}): Promise<void> {
  const { orgId, created } = await seedFoundation();
  log(created ? `seed: created organisation and demo users (${orgId})` : 'seed: demo organisation already present');
  await seedRequirements(orgId, log);
  const models = await seedModels(orgId);
  log(models.created ? 'seed: model registry demo created' : 'seed: model registry demo already present');
  log((await seedAudits(orgId)).created ? 'seed: created audits, findings, evidence and certifications' : 'seed: audits already present');
  await seedIncidents(orgId, log);
  await seedMonitoring(orgId, log);
  await seedDecisions(orgId, log, { decisions: options.decisions });
  await seedRisks(orgId, log);
  await seedThreats(orgId, log);
  await seedVendorsAndPolicies(orgId, log);
  await seedPrivacy(orgId, log);
  // Reviews last: their frozen figures summarise the other domains' demo data.
  await seedReviews(orgId);
  await seedGovernance(orgId, log);
  // The trust centre snapshots what the other domains seeded.
  await seedTrust(orgId, log);
}
