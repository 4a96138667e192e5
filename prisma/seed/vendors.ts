import type { Actor } from '@/lib/auth/actor';
import { ROLE_GRANTS } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { DEMO_USERS } from './demo-accounts';

// Vendors, policies and the AI literacy register: 6 vendors (one with a BAA
// expiring within the month and an open questionnaire with a saved draft),
// 4 policies with acknowledgements partly done, and training records with
// gaps. Written through the real mutations so the audit trail tells the story.

const D = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * D).toISOString().slice(0, 10);

export async function seedVendorsAndPolicies(orgId: string, log: (line: string) => void = console.log): Promise<void> {
  if (await db.vendor.findFirst({ where: { orgId, name: 'Northwind Health Cloud' }, select: { id: true } })) {
    log('seed: vendors and policies already present');
    return;
  }
  const users = await db.user.findMany({ where: { orgId, email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, orgId: true, email: true, name: true, role: true } });
  const as = (role: string): Actor => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`seed: no demo ${role}`);
    return { kind: 'user', userId: u.id, tokenId: null, orgId: u.orgId, role: u.role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role], request: { id: 'seed', ip: null } };
  };
  const compliance = as('COMPLIANCE_OFFICER');
  const admin = as('ADMIN');
  const v = await import('@/lib/vendors/mutations');
  const p = await import('@/lib/policies/mutations');
  const systems = await db.aISystem.findMany({ where: { orgId }, select: { id: true, name: true } });
  const sys = (name: string) => systems.filter((s) => s.name.startsWith(name)).map((s) => s.id);

  const vendors = [
    { name: 'Northwind Health Cloud', category: 'HOSTING', services: 'Hosting of the clinical triage assistant (HIPAA-eligible region)', dataShared: 'Patient vital signs and triage notes', dataClassification: 'RESTRICTED', contactEmail: 'security@northwind-health.example', aiSystemIds: sys('Clinical'), subprocessors: ['Datacentre operator (US-East)'], tier: { personalData: 'on', sensitiveData: 'on', highRiskSystem: 'on' } },
    { name: 'Lumen Foundation Models', category: 'FOUNDATION_MODEL', services: 'LLM API for support summaries', dataShared: 'Customer support transcripts', dataClassification: 'CONFIDENTIAL', contactEmail: 'trust@lumen-models.example', aiSystemIds: sys('Product'), subprocessors: ['GPU cloud provider'], tier: { personalData: 'on', trainsOnOurData: 'on', customerFacing: 'on' } },
    { name: 'Atlas Credit Data', category: 'DATA_VENDOR', services: 'Bureau features for credit scoring', dataShared: 'Applicant identifiers', dataClassification: 'CONFIDENTIAL', contactEmail: 'compliance@atlas-credit.example', aiSystemIds: sys('Credit'), subprocessors: [], tier: { personalData: 'on', highRiskSystem: 'on', noAlternative: 'on' } },
    { name: 'LabelWorks', category: 'LABELLING', services: 'Annotation of triage notes', dataShared: 'Pseudonymised triage notes', dataClassification: 'CONFIDENTIAL', contactEmail: 'ops@labelworks.example', aiSystemIds: sys('Clinical'), subprocessors: ['Annotation workforce (PH)'], tier: { personalData: 'on', sensitiveData: 'on' } },
    { name: 'Vectorly', category: 'API_PROVIDER', services: 'Embedding API for product search', dataShared: 'Product catalogue text', dataClassification: 'PUBLIC', contactEmail: 'support@vectorly.example', aiSystemIds: sys('Product'), subprocessors: [], tier: {} },
    { name: 'EvalBench Labs', category: 'OTHER', services: 'External fairness evaluations', dataShared: 'Model outputs on test sets', dataClassification: 'INTERNAL', contactEmail: null, aiSystemIds: sys('Credit'), subprocessors: [], tier: { noAlternative: 'on' } },
  ] as const;
  const ids: Record<string, string> = {};
  for (const x of vendors) {
    const created = await v.createVendor(compliance, { name: x.name, category: x.category, services: x.services, dataShared: x.dataShared, dataClassification: x.dataClassification, contactEmail: x.contactEmail ?? undefined, aiSystemIds: [...x.aiSystemIds], subprocessors: [...x.subprocessors] });
    ids[x.name] = created.id;
    await v.setVendorTier(compliance, { id: created.id, ...x.tier });
  }
  await v.addVendorContract(compliance, { vendorId: ids['Northwind Health Cloud'], type: 'BAA', reference: 'BAA-2024-07', signedAt: day(-700), expiresAt: day(18) });
  await v.addVendorContract(compliance, { vendorId: ids['Northwind Health Cloud'], type: 'MSA', reference: 'MSA-2024-03', signedAt: day(-700), expiresAt: day(400) });
  await v.addVendorContract(compliance, { vendorId: ids['Lumen Foundation Models'], type: 'DPA', signedAt: day(-200), expiresAt: day(530) });
  await v.addVendorContract(compliance, { vendorId: ids['Lumen Foundation Models'], type: 'SCC', signedAt: day(-200) });
  await v.addVendorContract(compliance, { vendorId: ids['Atlas Credit Data'], type: 'DPA', signedAt: day(-400), expiresAt: day(-5) });
  await v.addVendorCertification(compliance, { vendorId: ids['Northwind Health Cloud'], kind: 'SOC2_TYPE2', expiresAt: day(120) });
  await v.addVendorCertification(compliance, { vendorId: ids['Lumen Foundation Models'], kind: 'ISO_42001', expiresAt: day(600) });
  await v.addVendorCertification(compliance, { vendorId: ids['Lumen Foundation Models'], kind: 'ISO_27001', expiresAt: day(25) });
  // The open questionnaire: sent to Northwind, a draft saved through its link.
  const open = await v.sendQuestionnaire(compliance, { vendorId: ids['Northwind Health Cloud'], templateKey: 'ai-specific', expiresInDays: 21 });
  const openToken = decodeURIComponent(open.linkPath.split('/').pop()!);
  await v.answerQuestionnaireByLink({ token: openToken, answers: { 'ai.retention': 'Prompts and outputs are kept 30 days, then deleted.', 'ai.training-on-customer-data': 'No. Customer data is never used for training.' } }, { id: 'seed', ip: null }, { submit: false });
  // ...with a document on the draft, stored in the evidence store as the link's upload stores it (typed by its
  // content, hashed while it streams). The link's own route needs a request's landing, which a seed has not.
  const { Readable } = await import('node:stream');
  const { stageEvidenceFile } = await import('@/lib/audits/evidence/mutations');
  const { VENDOR_DOCUMENT_MAX_BYTES, VENDOR_DOCUMENT_TYPES } = await import('@/lib/vendors/document-limits');
  const pdf = Buffer.from('%PDF-1.4\n% Northwind model evaluation summary 2026\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const staged = await stageEvidenceFile(orgId, 'northwind-model-evaluation-2026.pdf', Readable.from([pdf]), undefined, { allowedTypes: VENDOR_DOCUMENT_TYPES, maxBytes: VENDOR_DOCUMENT_MAX_BYTES });
  await db.vendorDocument.create({ data: { questionnaireId: open.id, questionKey: 'ai.evaluation', fileName: staged.name, contentType: staged.contentType, size: staged.size, sha256: staged.sha256, storageKey: staged.storageKey } });
  await staged.commit();
  // A completed one for Lumen: submitted and reviewed into evidence.
  const done = await v.sendQuestionnaire(compliance, { vendorId: ids['Lumen Foundation Models'], templateKey: 'general-security' });
  const { questionKeys, templateByKey } = await import('@/lib/vendors/templates');
  await v.answerQuestionnaireByLink({ token: decodeURIComponent(done.linkPath.split('/').pop()!), answers: Object.fromEntries(questionKeys(templateByKey('general-security')!).map((k) => [k, 'See our trust centre; summary: controls in place and audited yearly.'])) }, { id: 'seed', ip: null }, { submit: true });
  await v.reviewQuestionnaire(compliance, { id: done.id, notes: { 'sec.subprocessors': 'Ask for the GPU provider’s region.' }, summary: 'Acceptable.', complete: true });

  // Policies: three published, one waiting for approval; acknowledgements partly done.
  const body = (title: string, rules: string[]) => `# ${title}\n\n## Purpose\n\nHow we use AI responsibly.\n\n## Rules\n\n${rules.map((r) => `- ${r}`).join('\n')}\n`;
  const policies = [
    { title: 'AI acceptable use', category: 'AI acceptable use', requiredRoles: ['ADMIN', 'COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR', 'PRIVACY_OFFICER'], rules: ['No customer data in public AI tools', 'Label AI-generated content'] },
    { title: 'Model risk management', category: 'Model risk management', requiredRoles: ['ENGINEER', 'COMPLIANCE_OFFICER'], rules: ['Every production model has a model card', 'High-risk models need two sign-offs'] },
    { title: 'Data retention for AI', category: 'Data retention', requiredRoles: ['ENGINEER'], rules: ['Training data kept 3 years', 'Prompts kept 30 days'] },
    { title: 'AI governance committee charter', category: 'Governance charter', requiredRoles: ['ADMIN', 'COMPLIANCE_OFFICER'], rules: ['The committee meets every quarter', 'It reviews high-risk systems'] },
  ] as const;
  const policyIds: string[] = [];
  for (const [i, x] of policies.entries()) {
    const created = await p.createPolicy(compliance, { title: x.title, category: x.category, requiredRoles: [...x.requiredRoles], reviewDueAt: day(i === 2 ? -10 : 180), body: body(x.title, [...x.rules]) });
    policyIds.push(created.id);
    if (i === 3) continue;
    await p.approvePolicyVersion(admin, { versionId: created.versionId });
    await p.publishPolicyVersion(admin, { versionId: created.versionId });
  }
  // Model risk management got a major version 2.0: earlier acknowledgements no longer count.
  await p.acknowledgePolicy(as('ENGINEER'), { policyId: policyIds[1] });
  const v2 = await p.draftPolicyVersion(compliance, { policyId: policyIds[1], body: body('Model risk management', ['Every production model has a model card', 'High-risk models need two sign-offs', 'Red-team high-risk models before release']), changeNote: 'Red teaming required', major: true });
  await p.approvePolicyVersion(admin, { versionId: v2.id });
  await p.publishPolicyVersion(admin, { versionId: v2.id });
  await p.acknowledgePolicy(compliance, { policyId: policyIds[0] });
  await p.acknowledgePolicy(as('ENGINEER'), { policyId: policyIds[0] });
  await p.acknowledgePolicy(as('ENGINEER'), { policyId: policyIds[2] });

  // AI literacy: two required courses, gaps for the auditor and an expired completion.
  const basics = await p.createTrainingCourse(compliance, { title: 'AI literacy fundamentals', provider: 'Internal academy', validityMonths: 12, requiredRoles: ['ADMIN', 'COMPLIANCE_OFFICER', 'ENGINEER', 'AUDITOR'] });
  const hr = await p.createTrainingCourse(compliance, { title: 'Responsible ML engineering', provider: 'External: ML Safety Institute', validityMonths: 24, requiredRoles: ['ENGINEER'] });
  await p.recordTraining(compliance, { courseId: basics.id, userId: as('ENGINEER').userId, completedAt: day(-60) });
  await p.recordTraining(compliance, { courseId: basics.id, userId: compliance.userId, completedAt: day(-400) });
  await p.recordTraining(compliance, { courseId: basics.id, userId: admin.userId, completedAt: day(-30) });
  await p.recordTraining(compliance, { courseId: hr.id, userId: as('ENGINEER').userId, completedAt: day(-100) });
  log('seed: created 6 vendors, 4 policies with acknowledgements and the AI literacy register');
}
