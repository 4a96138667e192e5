import { systemActor, userActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { createProcessingActivity } from '@/lib/privacy/activities/mutations';
import { createAssessment, signOffAssessment } from '@/lib/privacy/assessments/mutations';
import { openRetentionTasks, recordOverdueRequests, runMinimisationReviews } from '@/lib/privacy/mutations';
import {
  completeRequest,
  confirmReceipt,
  createSubjectRequest,
  extendRequest,
  refuseRequest,
  startVerification,
  verifyIdentity,
} from '@/lib/privacy/requests/mutations';
import { answerMinimisationItem, saveRetentionRule } from '@/lib/privacy/retention/mutations';

const DAY = 86_400_000;
const USER = { id: true, orgId: true, email: true, name: true, role: true, active: true } as const;

/**
 * The privacy demo, made through the domain's own mutations (so clocks, tasks
 * and audit events are real): a register of six processing activities, a
 * signed-off DPIA for the triage assistant and a FRIA for the credit model,
 * eight data-subject requests across every state (one extended, one late),
 * retention rules with a deletion task, and a minimisation review in progress.
 * Each part is added only when missing.
 */
export async function seedPrivacy(orgId: string, log: (line: string) => void): Promise<void> {
  const officerRow = await db.user.findFirst({ where: { orgId, role: 'PRIVACY_OFFICER', active: true }, select: USER });
  const complianceRow = await db.user.findFirst({ where: { orgId, role: 'COMPLIANCE_OFFICER', active: true }, select: USER });
  const engineerRow = await db.user.findFirst({ where: { orgId, role: 'ENGINEER', active: true }, select: USER });
  if (!officerRow || !complianceRow || !engineerRow) return;
  const meta = { id: 'seed', ip: null };
  const officer = userActor(officerRow, meta);
  const compliance = userActor(complianceRow, meta);
  const engineer = userActor(engineerRow, meta);
  const job = systemActor(orgId, 'job:seed');
  const systems = await db.aISystem.findMany({ where: { orgId }, select: { id: true, name: true } });
  const triage = systems.find((s) => s.name === 'Clinical triage assistant');
  const credit = systems.find((s) => s.name === 'Credit scoring model');
  const recommender = systems.find((s) => s.name === 'Product recommender');
  const datasets = await db.dataset.findMany({ where: { orgId }, select: { id: true, name: true } });
  const dsId = (name: string) => datasets.filter((d) => d.name === name).map((d) => d.id);
  const ago = (days: number) => new Date(Date.now() - days * DAY);

  if (!(await db.processingActivity.findFirst({ where: { orgId }, select: { id: true } }))) {
    const controller = { role: 'CONTROLLER' as const, controllerName: 'Acme Health AI Ltd', contact: 'dpo@acme.example' };
    const activities = [
      { name: 'Emergency department triage support', purposes: [{ purpose: 'Prioritise patients for clinical assessment', legalBasis: 'PUBLIC_TASK' as const, art9Condition: 'h' as const }], subjectCategories: ['Patients'], dataCategories: ['health', 'age', 'sex'], specialCategories: true, recipients: ['Treating clinicians'], retention: '10 years after the encounter (medical records law)', securityMeasures: 'Encryption at rest, named access, audit logging', systemIds: triage ? [triage.id] : [], datasetIds: dsId('Triage encounters 2019–2024') },
      { name: 'Triage model evaluation', purposes: [{ purpose: 'Validate the triage model before release', legalBasis: 'PUBLIC_TASK' as const, art9Condition: 'j' as const }], subjectCategories: ['Patients'], dataCategories: ['health'], specialCategories: true, recipients: [], retention: '5 years', securityMeasures: 'De-identified holdout, restricted bucket', systemIds: triage ? [triage.id] : [], datasetIds: dsId('Triage holdout 2025') },
      { name: 'Consumer credit scoring', purposes: [{ purpose: 'Assess creditworthiness of applicants', legalBasis: 'CONTRACT' as const, art9Condition: null }], subjectCategories: ['Loan applicants'], dataCategories: ['financial', 'age'], recipients: ['Underwriters', 'Credit bureau'], transfers: [{ country: 'United States', safeguard: 'SCC' as const }], retention: '7 years after the contract ends', securityMeasures: 'Warehouse row-level security, quarterly access review', systemIds: credit ? [credit.id] : [], datasetIds: [...dsId('Credit applications 2018–2024'), ...dsId('Credit bureau sample')] },
      { name: 'Product recommendations', purposes: [{ purpose: 'Recommend products to shop visitors', legalBasis: 'LEGITIMATE_INTERESTS' as const, art9Condition: null }], subjectCategories: ['Shop visitors', 'Customers'], dataCategories: ['browsing behaviour'], recipients: [], retention: '13 months', securityMeasures: 'Pseudonymised identifiers', systemIds: recommender ? [recommender.id] : [], datasetIds: dsId('Shop clickstream 2025') },
      { name: 'Handling data-subject requests', purposes: [{ purpose: 'Answer requests under GDPR Art. 15–22 and the CCPA', legalBasis: 'LEGAL_OBLIGATION' as const, art9Condition: null }], subjectCategories: ['Data subjects making a request'], dataCategories: ['contact', 'identity'], recipients: [], retention: '3 years after the answer', securityMeasures: 'Portal access control, audit trail', systemIds: [], datasetIds: [] },
      // Left incomplete on purpose: the register flags what it lacks.
      { name: 'Staff monitoring of model overrides', purposes: [], subjectCategories: ['Clinicians'], dataCategories: ['usage logs'], recipients: [], retention: '', securityMeasures: '', systemIds: triage ? [triage.id] : [], datasetIds: [] },
    ];
    for (const a of activities) await createProcessingActivity(officer, { ...controller, ...a });
    log(`seed: records of processing created (${activities.length})`);
  }

  if (triage && credit && !(await db.privacyAssessment.findFirst({ where: { orgId }, select: { id: true } }))) {
    const dpia = await createAssessment(officer, {
      kind: 'DPIA',
      systemId: triage.id,
      title: 'Clinical triage assistant DPIA',
      screening: ['evaluationScoring', 'sensitiveData', 'vulnerableSubjects', 'innovativeTechnology'],
      sections: {
        description: 'The assistant scores each emergency department patient from vitals and complaint so that clinicians see the most urgent first.',
        necessity: 'Triage is a legal duty of the hospital; the score supports, never replaces, the triage nurse. Only the data triage already uses is processed.',
        consultation: 'Patient panel consulted in 2025; comments recorded in the project file.',
      },
      risks: [
        { title: 'A vulnerable patient is under-triaged', likelihood: 3, severity: 4, measures: 'Nurse confirms every score; alert on disagreement', residualLikelihood: 1, residualSeverity: 4 },
        { title: 'Health data exposed through explanations', likelihood: 2, severity: 4, measures: 'Explanations show features, never raw notes', residualLikelihood: 1, residualSeverity: 3 },
      ],
      dpoAdvice: 'Proceed: the residual risks are acceptable with the nurse’s confirmation and quarterly fairness monitoring.',
      reviewDate: new Date(Date.now() + 180 * DAY),
    });
    await signOffAssessment(compliance, dpia.id);
    await createAssessment(officer, {
      kind: 'FRIA',
      systemId: credit.id,
      title: 'Credit scoring model FRIA',
      screening: ['evaluationScoring', 'automatedDecision', 'largeScale'],
      sections: {
        description: 'Scores consumer credit applications for underwriters.',
        processes: 'Loan origination: the score and its reasons reach the underwriter, who decides.',
        period: 'Every application, all year; about 40,000 a year.',
        persons: 'Consumer credit applicants, including young applicants with thin credit files.',
        harms: 'Unjustified refusals of credit; indirect discrimination by sex or age.',
        oversight: 'Underwriters decide; refusals near the threshold are reviewed by a second underwriter.',
        materialised: 'Complaints route to the credit risk committee; the model can be rolled back to the previous version.',
      },
      risks: [{ title: 'Indirect discrimination by sex', likelihood: 2, severity: 3, measures: 'Fairness metrics on every version; threshold review', residualLikelihood: 1, residualSeverity: 3 }],
    });
    log('seed: DPIA signed off (triage assistant), FRIA drafted (credit model)');
  }

  if (!(await db.subjectRequest.findFirst({ where: { orgId }, select: { id: true } }))) {
    await createSubjectRequest(officer, { type: 'ACCESS', subjectName: 'Jordan Example', subjectEmail: 'jordan@example.org', subjectRef: 'applicant-00107', receivedAt: ago(3) });
    const erasure = await createSubjectRequest(officer, { type: 'ERASURE', subjectName: 'Sam Example', subjectEmail: 'sam@example.org', subjectRef: 'applicant-00213', dataCategories: ['financial'], receivedAt: ago(9) });
    await startVerification(officer, erasure.id);
    const review = await createSubjectRequest(officer, { type: 'HUMAN_INTERVENTION', subjectName: 'Alex Example', subjectRef: 'applicant-00318', receivedAt: ago(12), ...(credit ? { systemId: credit.id } : {}) });
    await verifyIdentity(officer, review.id);
    const extended = await createSubjectRequest(officer, { type: 'ACCESS', subjectName: 'Robin Example', subjectRef: 'applicant-00424', receivedAt: ago(20) });
    await verifyIdentity(officer, extended.id);
    await extendRequest(officer, extended.id, { reason: 'The data spans three archived systems; collecting it needs more time (Art. 12(3)).' });
    const done = await createSubjectRequest(officer, { type: 'PORTABILITY', subjectName: 'Kim Example', subjectEmail: 'kim@example.org', receivedAt: ago(15) });
    await verifyIdentity(officer, done.id);
    await completeRequest(officer, done.id, { note: 'Package sent through the secure portal.' });
    const refused = await createSubjectRequest(officer, { type: 'OBJECTION', subjectName: 'Lee Example', receivedAt: ago(6) });
    await refuseRequest(officer, refused.id, { reason: 'The identity could not be verified after two requests for proof.' });
    const ccpa = await createSubjectRequest(officer, { type: 'CCPA_DELETE', subjectName: 'Morgan Example', subjectEmail: 'morgan@example.org', dataCategories: ['browsing behaviour'], receivedAt: ago(5) });
    await confirmReceipt(officer, ccpa.id);
    await verifyIdentity(officer, ccpa.id);
    // Late: received six weeks ago and still open, so the clock job marks it overdue.
    const late = await createSubjectRequest(officer, { type: 'RECTIFICATION', subjectName: 'Quinn Example', subjectRef: 'applicant-00577', receivedAt: ago(42) });
    await verifyIdentity(officer, late.id);
    await recordOverdueRequests(job, new Date());
    log('seed: privacy requests created (8, one extended, one late)');
  }

  if (!(await db.retentionRule.findFirst({ where: { orgId }, select: { id: true } }))) {
    const devCopy = await db.dataset.create({
      data: { orgId, name: 'Triage encounters (development copy)', description: 'Raw extract copied to the development cluster for feature work.', source: 'Triage encounters 2019–2024', ownerId: engineer.userId!, classification: 'RESTRICTED', personalData: true, personalDataCategories: ['health', 'age'], storageLocation: 'dev-cluster eu-west-1' },
      select: { id: true },
    });
    const clickstream = dsId('Shop clickstream 2025')[0];
    await saveRetentionRule(officer, { category: 'health', periodDays: 3650, keepBasis: 'Medical records law: 10 years after the encounter' });
    await saveRetentionRule(officer, { category: 'financial', periodDays: 2555, keepBasis: 'Art. 6(1)(c): consumer credit record-keeping, 7 years' });
    if (clickstream) await saveRetentionRule(officer, { datasetId: clickstream, periodDays: 300, event: 'EVENT_DATE', eventName: 'end of the 2025 campaign', eventAt: new Date('2025-01-31T00:00:00Z'), keepBasis: 'Art. 6(1)(f): campaign attribution until the campaign is settled' });
    await openRetentionTasks(job, new Date());
    await runMinimisationReviews(job, new Date());
    const item = await db.minimisationItem.findFirst({ where: { datasetId: devCopy.id }, select: { id: true, review: { select: { ownerId: true } } } });
    const other = item ? await db.minimisationItem.findFirst({ where: { review: { ownerId: item.review.ownerId }, datasetId: { not: devCopy.id }, decision: null }, select: { id: true } }) : null;
    if (other) await answerMinimisationItem(engineer, { itemId: other.id, decision: 'KEEP', note: 'Still used for the monthly model refresh; reviewed with the data owner.' });
    log('seed: retention rules (3), a deletion task from retention, minimisation reviews opened');
  }
}
