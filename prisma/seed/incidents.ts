import type { Actor } from '@/lib/auth/actor';
import { ROLE_GRANTS } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { DEMO_USERS } from './demo-accounts';

// Incident response demo data: a resolved SEV2 fairness incident with a
// rollback and a postmortem, an open SEV1 health-data breach with running
// GDPR, HIPAA and state-law clocks, a near miss, response plans and exercises. Written
// through the real mutations so the audit trail tells the story.

const FAIRNESS_TITLE = 'Credit approvals skewed against women applicants';
const H = 3_600_000;
const D = 24 * H;

async function ensureSystem(orgId: string, name: string, data: { domain: 'HEALTHCARE' | 'FINANCE' | 'ECOMMERCE'; regions: string[]; riskTier: 'HIGH' | 'MINIMAL'; purpose: string }, ownerId: string) {
  const found = await db.aISystem.findFirst({ where: { orgId, name }, select: { id: true } });
  if (found) return found.id;
  const created = await db.aISystem.create({
    data: { orgId, name, ...data, status: 'IN_PRODUCTION', technicalOwnerId: ownerId },
    select: { id: true },
  });
  return created.id;
}

/** Reuses the registry's credit model when it is seeded; otherwise the minimum the rollback needs. */
async function ensureCreditModel(orgId: string, systemId: string, ownerId: string) {
  const found = await db.model.findFirst({ where: { orgId, key: 'credit-risk-gbm' }, select: { id: true } });
  if (found) return found.id;
  const model = await db.model.create({
    data: { orgId, systemId, key: 'credit-risk-gbm', name: 'Credit risk gradient-boosted model', purpose: 'Scores consumer credit applications', ownerId },
    select: { id: true },
  });
  const v1 = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '1.0.0', stage: 'APPROVED', createdById: ownerId }, select: { id: true } });
  const v2 = await db.modelVersion.create({ data: { orgId, modelId: model.id, label: '1.1.0', stage: 'PRODUCTION', createdById: ownerId }, select: { id: true } });
  await db.deploymentEvent.create({
    data: { orgId, modelId: model.id, kind: 'PROMOTION', versionId: v2.id, fromVersionId: v1.id, reason: 'Quarterly retrain', actorId: ownerId, at: new Date(Date.now() - 30 * D) },
  });
  return model.id;
}

export async function seedIncidents(orgId: string, log: (line: string) => void = console.log): Promise<void> {
  if (await db.incident.findFirst({ where: { orgId, title: FAIRNESS_TITLE }, select: { id: true } })) {
    log('seed: incidents already present');
    return;
  }
  const users = await db.user.findMany({ where: { orgId, email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const as = (role: string): Actor => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`seed: no demo ${role}`);
    // Built here rather than with lib/auth/session, which needs a Next.js request.
    return { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
  };
  const engineer = as('ENGINEER');
  const compliance = as('COMPLIANCE_OFFICER');
  const admin = as('ADMIN');
  const m = await import('@/lib/incidents/mutations');

  const clinical = await ensureSystem(orgId, 'Clinical triage assistant', { domain: 'HEALTHCARE', regions: ['EU', 'US'], riskTier: 'HIGH', purpose: 'Prioritises emergency department patients' }, engineer.userId!);
  const credit = await ensureSystem(orgId, 'Credit scoring model', { domain: 'FINANCE', regions: ['US'], riskTier: 'HIGH', purpose: 'Scores consumer credit applications' }, engineer.userId!);
  const recommender = await ensureSystem(orgId, 'Product recommender', { domain: 'ECOMMERCE', regions: ['EU', 'US'], riskTier: 'MINIMAL', purpose: 'Recommends products in the shop' }, engineer.userId!);
  const creditModel = await ensureCreditModel(orgId, credit, engineer.userId!);

  // 1. Resolved SEV2 fairness incident, rolled back, with a postmortem. The engineer reports
  // it; the compliance officer runs the response (the credit system is not the engineer's).
  const t0 = new Date(Date.now() - 21 * D);
  const fairness = await m.reportIncident(engineer, {
    title: FAIRNESS_TITLE,
    description: 'Monitoring showed the approval rate for women fell to 0.71 of the rate for men after version 1.1.0 went live (four-fifths rule breached).',
    type: 'FAIRNESS_VIOLATION',
    detectedAt: t0,
    systemIds: [credit],
    modelIds: [creditModel],
    protectedGroup: true,
    peopleAffected: 85,
    ongoingImpact: true,
  });
  await m.recordMilestone(compliance, fairness.id, 'acknowledged', new Date(t0.getTime() + 25 * 60_000));
  await m.addTimelineEntry(compliance, { id: fairness.id, at: new Date(t0.getTime() + 40 * 60_000), text: 'Confirmed the disparity on the last 7 days of decisions; paged compliance.' });
  const production = await db.modelVersion.findFirst({ where: { modelId: creditModel, stage: 'PRODUCTION' }, select: { id: true } });
  const approved = await db.modelVersion.findFirst({ where: { modelId: creditModel, stage: 'APPROVED' }, select: { id: true } });
  if (production && approved) {
    const rb = await m.rollbackFromIncident(compliance, { id: fairness.id, modelId: creditModel, reason: 'Disparate impact against women applicants' });
    // The demo story happened three weeks ago: move the rollback to its place in that story.
    const at = new Date(t0.getTime() + 2 * H + 10 * 60_000);
    await db.deploymentEvent.update({ where: { id: rb.deploymentId }, data: { at } });
    await db.incident.update({ where: { id: fairness.id }, data: { rolledBackAt: at, minutesToRollback: 130 } });
    await db.incidentTimelineEntry.updateMany({ where: { incidentId: fairness.id, text: { startsWith: 'Rolled back' } }, data: { at } });
  } else {
    log('seed: credit-risk-gbm has no production + approved version; skipped the demo rollback');
  }
  await m.recordMilestone(compliance, fairness.id, 'contained', new Date(t0.getTime() + 2 * H + 15 * 60_000));
  await m.createFindingFromIncident(compliance, {
    id: fairness.id,
    title: 'No fairness gate before promotion of credit models',
    description: 'Version 1.1.0 reached production without a disparate-impact check across sex.',
    severity: 'HIGH',
    ownerId: engineer.userId!,
    dueDate: new Date(Date.now() + 14 * D),
  });
  const gate = await m.addCorrectiveAction(compliance, { id: fairness.id, title: 'Add a four-fifths-rule gate to the promotion pipeline', ownerId: engineer.userId!, dueDate: new Date(t0.getTime() + 10 * D) });
  await m.completeCorrectiveAction(compliance, gate.id);
  await m.addCorrectiveAction(compliance, { id: fairness.id, title: 'Re-review the 85 declined applications', ownerId: compliance.userId!, dueDate: new Date(Date.now() + 7 * D) });
  await m.savePostmortem(compliance, {
    id: fairness.id,
    summary: 'Version 1.1.0 of the credit model declined women applicants disproportionately for five days.',
    impact: 'About 85 applicants were declined who would likely have been approved by 1.0.0.',
    rootCause: 'A new feature correlated with sex; the promotion pipeline had no fairness gate.',
    wentWell: 'Monitoring caught the drift in the approval ratio; the rollback took about two hours.',
    wentPoorly: 'The bias review was skipped under release pressure.',
    correctiveActions: 'Fairness gate in the pipeline; re-review of affected applications.',
    lessons: 'Fairness metrics are release criteria, not reports.',
  });
  await m.recordMilestone(compliance, fairness.id, 'resolved', new Date(t0.getTime() + 2 * D));

  // 2. Open SEV1 personal-data incident: the GDPR 72-hour clock is running.
  const t1 = new Date(Date.now() - 20 * H);
  const breach = await m.reportIncident(engineer, {
    title: 'Triage notes exposed through the explanation endpoint',
    description: 'The explanation API returned free-text triage notes of other patients in its nearest-neighbour examples.',
    type: 'DATA_BREACH',
    detectedAt: t1,
    systemIds: [clinical],
    // A hospital group's own assistant: controller and provider in the EU, covered entity in the US.
    dataCategories: ['PERSONAL_DATA', 'SPECIAL_CATEGORY', 'PHI'],
    entityRoles: ['CONTROLLER', 'AI_PROVIDER', 'COVERED_ENTITY'],
    notificationFlags: ['highRiskToIndividuals'],
    residents: { EU: 700, 'US-CA': 950, 'US-NY': 650 },
    peopleAffected: 2300,
  });
  await m.recordMilestone(compliance, breach.id, 'acknowledged', new Date(t1.getTime() + 12 * 60_000));
  await m.addTimelineEntry(compliance, { id: breach.id, at: new Date(t1.getTime() + 45 * 60_000), text: 'Explanation endpoint switched off; access logs preserved for the investigation.' });

  // 3. A near miss.
  const t2 = new Date(Date.now() - 9 * D);
  const near = await m.reportIncident(engineer, {
    title: 'Prompt-injection attempt caught by the input filter',
    description: 'Crafted product reviews tried to steer recommendations; the input filter quarantined them before training.',
    type: 'ADVERSARIAL_ATTACK',
    detectedAt: t2,
    systemIds: [recommender],
    nearMiss: true,
  });
  await m.recordMilestone(engineer, near.id, 'resolved', new Date(t2.getTime() + 6 * H));

  // 4. Response plans and exercises.
  const orgPlan = await m.saveResponsePlan(compliance, {
    title: 'AI incident response plan',
    content: '1. Report in the portal; the decision tree sets the severity.\n2. SEV1/SEV2: page the system owner and compliance.\n3. Contain: roll back to the previous approved version.\n4. Notify regulators within the deadlines shown.\n5. Postmortem before closing SEV1/SEV2.',
    lastTestedAt: new Date(Date.now() - 400 * D),
  });
  await m.saveResponsePlan(compliance, {
    systemId: clinical,
    title: 'Clinical triage assistant: incident playbook',
    content: 'Fall back to nurse-led triage (Manchester Triage System) and inform the clinical safety officer.',
  });
  await m.recordExercise(admin, {
    kind: 'TABLETOP',
    heldAt: new Date(Date.now() - 30 * D),
    scenario: 'Training data of the triage model leaked through a vendor',
    participants: 'Compliance, engineering, DPO, clinical safety officer',
    outcome: 'GDPR clock owner unclear; assigned to the DPO.',
    followUps: 'Add the DPO to the SEV1 paging list.',
    planId: orgPlan.id,
  });
  await m.recordExercise(admin, {
    kind: 'ROLLBACK_DRILL',
    heldAt: new Date(Date.now() - 60 * D),
    scenario: 'Roll the credit model back in production',
    participants: 'Engineering, compliance',
    outcome: 'Rollback completed without data loss.',
    rollbackMinutes: 12,
    followUps: '',
    systemId: credit,
  });
  log('seed: incidents, plans and exercises created');
}
