import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('privacy');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { auditSettingKey } = await import('@/lib/auth/scope');
const { privacyFigures } = await import('./dashboard');
const requirements = await import('@/lib/requirements/mutations');
const requests = await import('./requests/mutations');
const requestQueries = await import('./requests/queries');
const activities = await import('./activities/mutations');
const activityQueries = await import('./activities/queries');
const assessments = await import('./assessments/mutations');
const assessmentQueries = await import('./assessments/queries');
const { systemActor } = await import('@/lib/auth/actor');
const { subjectExportPackage: exportPackage } = await import('./requests/export');

let actors: Record<Role, Actor>;
let orgId: string;
let systemId: string;
let otherSystemId: string;
let datasetIds: string[];

const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });
const counts = async () => ({
  requests: await db.subjectRequest.count(),
  activities: await db.processingActivity.count(),
  assessments: await db.privacyAssessment.count(),
  tasks: await db.privacyTask.count(),
  events: await db.auditEvent.count(),
});
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Privacy Org'));
  systemId = (await requirements.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Triage', purpose: 'Triage', domain: 'HEALTHCARE', regions: ['EU'], riskTier: 'HIGH', technicalOwnerId: actors.ENGINEER.userId!, businessOwnerId: actors.ENGINEER.userId! })).id;
  otherSystemId = (await requirements.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Credit', purpose: 'Credit', domain: 'FINANCE', regions: ['EU'], riskTier: 'HIGH' })).id;
  // Auditors here read everything unless a test restricts them (see the auditor-scope test).
  await db.setting.create({ data: { key: auditSettingKey(orgId), value: { allAuditorsSeeAll: true } } });
  datasetIds = [];
  for (const [name, cats, owner] of [
    ['Patients EU', ['health', 'contact'], actors.ENGINEER.userId!],
    ['Claims', ['financial', 'contact'], actors.COMPLIANCE_OFFICER.userId!],
    ['Telemetry', ['device'], actors.ENGINEER.userId!],
  ] as const) {
    const d = await db.dataset.create({ data: { orgId, name, ownerId: owner, personalData: true, personalDataCategories: [...cats], storageLocation: 'eu-west-1', classification: 'RESTRICTED' }, select: { id: true } });
    datasetIds.push(d.id);
  }
}, 120_000);

describe('data-subject requests', () => {
  it('computes the statutory clock on intake: GDPR one month, CCPA 45 days with a 10 business day confirmation', async () => {
    const gdpr = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'ACCESS', subjectName: 'Ada', receivedAt: new Date('2026-01-31T10:00:00Z') });
    expect(gdpr).toMatchObject({ regime: 'GDPR', status: 'RECEIVED', dueAt: '2026-03-01T00:00:00.000Z', confirmDueAt: null });
    const ccpa = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'CCPA_DELETE', subjectName: 'Bo', receivedAt: new Date('2026-11-23T18:00:00Z') });
    expect(ccpa).toMatchObject({ regime: 'CCPA', confirmDueAt: '2026-12-10T08:00:00.000Z', dueAt: '2027-01-08T08:00:00.000Z' });
  });

  it('refuses a future receipt date, an unknown system and a regime that does not match the type, writing nothing', async () => {
    const before = await counts();
    await expect(requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'ACCESS', subjectName: 'Cy', receivedAt: new Date(Date.now() + 86_400_000) })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { receivedAt: [expect.any(String)] } });
    await expect(requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'ACCESS', subjectName: 'Cy', receivedAt: daysAgo(1), systemId: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { systemId: [expect.any(String)] } });
    await expect(requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'ACCESS', regime: 'CCPA', subjectName: 'Cy', receivedAt: daysAgo(1) })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await counts()).toEqual(before);
  });

  it('lets only privacy officers, compliance officers and admins take in and handle requests; auditors read them, engineers do not', async () => {
    const before = await counts();
    for (const role of ['ENGINEER', 'AUDITOR'] as const) await deny(requests.createSubjectRequest(actors[role], { type: 'ACCESS', subjectName: 'Di', receivedAt: daysAgo(1) }));
    expect(await counts()).toEqual(before);
    for (const role of ['ADMIN', 'COMPLIANCE_OFFICER'] as const) await requests.createSubjectRequest(actors[role], { type: 'OBJECTION', subjectName: 'Di', receivedAt: daysAgo(1) });
    expect((await requestQueries.listSubjectRequests(actors.AUDITOR)).total).toBeGreaterThan(0);
    await deny(requestQueries.listSubjectRequests(actors.ENGINEER));
    const r = (await requestQueries.listSubjectRequests(actors.AUDITOR)).items[0];
    const detail = await requestQueries.getSubjectRequest(actors.AUDITOR, r.id);
    expect(detail.capabilities).toEqual({ verify: false, startVerification: false, confirmReceipt: false, extend: false, refuse: false, complete: false, export: false });
    await deny(requests.refuseRequest(actors.AUDITOR, r.id, { reason: 'Manifestly unfounded request' }));
  });

  it('limits a restricted auditor to requests about the AI systems of their audits, in the list, the record and the figures', async () => {
    const inScope = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'HUMAN_INTERVENTION', subjectName: 'Scoped Subject', systemId, receivedAt: daysAgo(2) });
    const outOfScope = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'CONTEST_DECISION', subjectName: 'Other Subject', systemId: otherSystemId, receivedAt: daysAgo(2) });
    const all = await requestQueries.listSubjectRequests(actors.PRIVACY_OFFICER, { pageSize: 200 });
    await db.setting.update({ where: { key: auditSettingKey(orgId) }, data: { value: { allAuditorsSeeAll: false } } });
    const audit = await db.audit.create({ data: { orgId, title: 'Triage audit', kind: 'EXTERNAL', standard: 'ISO_27001', periodStart: daysAgo(90), periodEnd: daysAgo(1), scopeSystemIds: [systemId], assignments: { create: { userId: actors.AUDITOR.userId! } } }, select: { id: true } });
    try {
      const seen = await requestQueries.listSubjectRequests(actors.AUDITOR, { pageSize: 200 });
      expect(seen.items.map((r) => r.id)).toContain(inScope.id);
      expect(seen.items.map((r) => r.id)).not.toContain(outOfScope.id);
      // Requests about no system concern people, not the audited systems: hidden too.
      expect(seen.total).toBe(1);
      await expect(requestQueries.getSubjectRequest(actors.AUDITOR, outOfScope.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await requestQueries.getSubjectRequest(actors.AUDITOR, inScope.id)).reference).toBe(inScope.reference);
      expect((await privacyFigures(actors.AUDITOR)).open).toBe(seen.items.filter((r) => r.closedAt === null).length);
      // Everyone else is unaffected.
      expect((await requestQueries.listSubjectRequests(actors.COMPLIANCE_OFFICER, { pageSize: 200 })).total).toBe(all.total);
    } finally {
      await db.audit.delete({ where: { id: audit.id } });
      await db.setting.update({ where: { key: auditSettingKey(orgId) }, data: { value: { allAuditorsSeeAll: true } } });
    }
  });

  it('extends once with a reason, within the first month, to three months from receipt', async () => {
    const r = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'PORTABILITY', subjectName: 'Ed', receivedAt: new Date('2026-11-20T09:00:00Z') });
    await expect(requests.extendRequest(actors.PRIVACY_OFFICER, r.id, { reason: 'short' })).rejects.toMatchObject({ name: 'ZodError' });
    await expect(requests.extendRequest(actors.PRIVACY_OFFICER, r.id, { reason: 'Complex request across many systems' }, { now: new Date('2026-12-22T09:00:00Z') })).rejects.toMatchObject({ code: 'CONFLICT' });
    const ext = await requests.extendRequest(actors.PRIVACY_OFFICER, r.id, { reason: 'Complex request across many systems' }, { now: new Date('2026-12-01T09:00:00Z') });
    expect(ext).toEqual({ id: r.id, status: 'EXTENDED', dueAt: '2027-02-21T00:00:00.000Z' });
    await expect(requests.extendRequest(actors.PRIVACY_OFFICER, r.id, { reason: 'Complex request across many systems' }, { now: new Date('2026-12-02T09:00:00Z') })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refusals need a reason; answering after the deadline is recorded as late', async () => {
    const r = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'RESTRICTION', subjectName: 'Fay', receivedAt: daysAgo(40) });
    await expect(requests.refuseRequest(actors.PRIVACY_OFFICER, r.id, { reason: '' })).rejects.toMatchObject({ name: 'ZodError' });
    expect(await requests.refuseRequest(actors.PRIVACY_OFFICER, r.id, { reason: 'Identity could not be verified after two requests' })).toMatchObject({ status: 'REFUSED', answeredLate: true });
  });

  it('marks overdue requests from the job only, once, with an audit event; reads never write it', async () => {
    const r = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'RECTIFICATION', subjectName: 'Gus', receivedAt: daysAgo(45) });
    await requestQueries.getSubjectRequest(actors.PRIVACY_OFFICER, r.id);
    await requestQueries.listSubjectRequests(actors.PRIVACY_OFFICER);
    expect((await db.subjectRequest.findUniqueOrThrow({ where: { id: r.id } })).overdue).toBe(false);
    const job = systemActor(orgId, 'job');
    expect(await requests.recordOverdueRequests(job, new Date())).toBeGreaterThan(0);
    expect((await db.subjectRequest.findUniqueOrThrow({ where: { id: r.id } })).overdue).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'privacy.request_overdue', entityId: r.id } })).toBe(1);
    expect(await requests.recordOverdueRequests(job, new Date())).toBe(0);
  });

  it('erasure: verification raises a deletion task per dataset owner; completion waits for their confirmation with evidence', async () => {
    const r = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'ERASURE', subjectName: 'Hal', subjectRef: 'patient-42', dataCategories: ['contact'], location: 'eu-west', receivedAt: daysAgo(2) });
    await expect(requests.completeRequest(actors.PRIVACY_OFFICER, r.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await requests.verifyIdentity(actors.PRIVACY_OFFICER, r.id)).toMatchObject({ status: 'IN_PROGRESS', tasks: 2 });
    const detail = await requestQueries.getSubjectRequest(actors.PRIVACY_OFFICER, r.id);
    expect(detail.datasets.map((d) => d.name).sort()).toEqual(['Claims', 'Patients EU']);
    await expect(requests.completeRequest(actors.PRIVACY_OFFICER, r.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const tasks = await db.privacyTask.findMany({ where: { requestId: r.id }, orderBy: { title: 'asc' } });
    const engineerTask = tasks.find((t) => t.assigneeId === actors.ENGINEER.userId)!;
    const complianceTask = tasks.find((t) => t.assigneeId === actors.COMPLIANCE_OFFICER.userId)!;
    // The engineer confirms their own deletion, not another owner's; an auditor none.
    await deny(requests.completePrivacyTask(actors.ENGINEER, complianceTask.id, { outcome: 'Deleted', evidence: 'JOB-1' }));
    await deny(requests.completePrivacyTask(actors.AUDITOR, engineerTask.id, { outcome: 'Deleted', evidence: 'JOB-1' }));
    await expect(requests.completePrivacyTask(actors.ENGINEER, engineerTask.id, { outcome: 'Deleted' })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { evidence: [expect.any(String)] } });
    expect(await requestQueries.myPrivacyTasks(actors.ENGINEER)).toEqual(expect.arrayContaining([expect.objectContaining({ id: engineerTask.id })]));
    await requests.completePrivacyTask(actors.ENGINEER, engineerTask.id, { outcome: 'Rows deleted', evidence: 'Deletion job DEL-881' });
    await requests.completePrivacyTask(actors.COMPLIANCE_OFFICER, complianceTask.id, { outcome: 'Rows deleted', evidence: 'Ticket OPS-12' });
    expect(await requests.completeRequest(actors.PRIVACY_OFFICER, r.id)).toMatchObject({ status: 'COMPLETED', answeredLate: false });
    const events = await db.auditEvent.findMany({ where: { entityId: { in: [r.id, ...tasks.map((t) => t.id)] } }, select: { action: true } });
    expect(events.map((e) => e.action).sort()).toEqual(['privacy.request_completed', 'privacy.request_received', 'privacy.request_verified', 'privacy.task_done', 'privacy.task_done']);
  });

  it('Art. 22: a human-review task goes to the owner of the system that decided', async () => {
    const r = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'HUMAN_INTERVENTION', subjectName: 'Ivy', systemId, receivedAt: daysAgo(1) });
    await requests.verifyIdentity(actors.PRIVACY_OFFICER, r.id);
    const tasks = await db.privacyTask.findMany({ where: { requestId: r.id } });
    expect(tasks).toEqual([expect.objectContaining({ kind: 'HUMAN_REVIEW', assigneeId: actors.ENGINEER.userId, systemId })]);
  });
});

describe('records of processing', () => {
  it('flags what a record lacks, refuses unknown datasets writing nothing, and exports the register', async () => {
    const before = await counts();
    await expect(activities.createProcessingActivity(actors.PRIVACY_OFFICER, { name: 'Bad', datasetIds: ['unknown-dataset'] })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { datasetIds: [expect.any(String)] } });
    await deny(activities.createProcessingActivity(actors.ENGINEER, { name: 'Nope' }));
    await deny(activities.createProcessingActivity(actors.AUDITOR, { name: 'Nope' }));
    expect(await counts()).toEqual(before);
    await activities.createProcessingActivity(actors.PRIVACY_OFFICER, { name: 'Draft activity' });
    await activities.createProcessingActivity(actors.PRIVACY_OFFICER, {
      name: 'Clinical triage',
      controllerName: 'Privacy Org',
      purposes: [{ purpose: 'Triage of patients', legalBasis: 'PUBLIC_TASK', art9Condition: 'h' }],
      subjectCategories: ['patients'],
      dataCategories: ['health', 'contact'],
      specialCategories: true,
      recipients: ['clinicians'],
      transfers: [{ country: 'United States', safeguard: 'SCC' }],
      retention: '10 years after last visit',
      securityMeasures: 'Encryption at rest, role-based access',
      systemIds: [systemId],
      datasetIds: [datasetIds[0]],
    });
    const list = await activityQueries.listProcessingActivities(actors.AUDITOR);
    expect(list.items.find((a) => a.name === 'Clinical triage')).toMatchObject({ complete: true, missing: [], systems: ['Triage'], datasets: ['Patients EU'] });
    expect(list.items.find((a) => a.name === 'Draft activity')!.missing).toContain('purposes');
    expect(list.capabilities.create).toBe(false);
    const csv = (await activityQueries.exportProcessingActivities(actors.AUDITOR, 'csv')).toString('utf8');
    expect(csv).toContain('Processing activity');
    expect(csv).toContain('United States: Standard contractual clauses');
    const xlsx = await activityQueries.exportProcessingActivities(actors.PRIVACY_OFFICER, 'xlsx');
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('DPIAs', () => {
  const body = {
    kind: 'DPIA' as const,
    title: 'Triage DPIA',
    screening: ['evaluationScoring', 'sensitiveData', 'vulnerableSubjects'],
    sections: { description: 'Scores incoming patients', necessity: 'Needed to prioritise care' },
    risks: [{ title: 'Wrong triage of a vulnerable patient', likelihood: 3, severity: 4, measures: 'Clinician review', residualLikelihood: 2, residualSeverity: 4 }],
  };

  it('the author cannot sign off; another officer can, and that freezes the version', async () => {
    const a = await assessments.createAssessment(actors.PRIVACY_OFFICER, { ...body, systemId, dpoAdvice: 'Proceed with clinician review' });
    await expect(assessments.signOffAssessment(actors.PRIVACY_OFFICER, a.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await assessmentQueries.getAssessment(actors.PRIVACY_OFFICER, a.id)).capabilities.signOff).toBe(false);
    expect((await assessmentQueries.getAssessment(actors.COMPLIANCE_OFFICER, a.id)).capabilities.signOff).toBe(true);
    await deny(assessments.signOffAssessment(actors.ENGINEER, a.id));
    const signed = await assessments.signOffAssessment(actors.COMPLIANCE_OFFICER, a.id);
    expect(signed).toMatchObject({ status: 'SIGNED_OFF', residualRisk: 'medium', consultationTaskId: null });
    // A change after sign-off makes version 2; version 1 stays as signed.
    const changed = await assessments.updateAssessment(actors.PRIVACY_OFFICER, a.id, { title: 'Triage DPIA (new model)' });
    expect(changed).toMatchObject({ version: 2, status: 'DRAFT', newVersion: true });
    const v1 = await db.privacyAssessment.findUniqueOrThrow({ where: { id: a.id } });
    expect(v1).toMatchObject({ title: 'Triage DPIA', status: 'SIGNED_OFF' });
    await expect(assessments.updateAssessment(actors.PRIVACY_OFFICER, a.id, { title: 'Again' })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Signing off v2 supersedes v1.
    await assessments.updateAssessment(actors.COMPLIANCE_OFFICER, changed.id, { dpoAdvice: 'Still fine' });
    await assessments.signOffAssessment(actors.ADMIN, changed.id);
    expect((await db.privacyAssessment.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('SUPERSEDED');
  });

  it('residual high risk raises the prior-consultation task (Art. 36)', async () => {
    const a = await assessments.createAssessment(actors.PRIVACY_OFFICER, { ...body, systemId: otherSystemId, dpoAdvice: 'Consult the authority', risks: [{ ...body.risks[0], residualLikelihood: 3, residualSeverity: 4 }] });
    const signed = await assessments.signOffAssessment(actors.COMPLIANCE_OFFICER, a.id);
    expect(signed.residualRisk).toBe('high');
    expect(await db.privacyTask.findUniqueOrThrow({ where: { id: signed.consultationTaskId! } })).toMatchObject({ kind: 'PRIOR_CONSULTATION', dpiaId: a.id });
  });

  it('engineers read the DPIAs of their systems only; auditors read all; neither writes', async () => {
    const list = await assessmentQueries.listAssessments(actors.ENGINEER);
    expect(list.items.every((i) => i.system === 'Triage')).toBe(true);
    expect(list.items.length).toBeGreaterThan(0);
    const other = await db.privacyAssessment.findFirstOrThrow({ where: { systemId: otherSystemId } });
    await deny(assessmentQueries.getAssessment(actors.ENGINEER, other.id));
    expect((await assessmentQueries.getAssessment(actors.AUDITOR, other.id)).title).toBe('Triage DPIA');
    const before = await counts();
    await deny(assessments.createAssessment(actors.ENGINEER, { ...body, systemId }));
    await deny(assessments.updateAssessment(actors.AUDITOR, other.id, { title: 'Changed' }));
    await expect(assessments.createAssessment(actors.PRIVACY_OFFICER, { ...body, systemId: 'unknown' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await counts()).toEqual(before);
  });

  it('limits a restricted auditor to the DPIAs and FRIAs of their audits’ systems; the access package is not theirs', async () => {
    const inScope = await db.privacyAssessment.findFirstOrThrow({ where: { systemId, status: { not: 'SUPERSEDED' } } });
    const outOfScope = await db.privacyAssessment.findFirstOrThrow({ where: { systemId: otherSystemId, status: { not: 'SUPERSEDED' } } });
    await db.setting.update({ where: { key: auditSettingKey(orgId) }, data: { value: { allAuditorsSeeAll: false } } });
    const audit = await db.audit.create({ data: { orgId, title: 'Triage DPIA audit', kind: 'EXTERNAL', standard: 'ISO_27001', periodStart: daysAgo(90), periodEnd: daysAgo(1), scopeSystemIds: [systemId], assignments: { create: { userId: actors.AUDITOR.userId! } } }, select: { id: true } });
    try {
      const seen = (await assessmentQueries.listAssessments(actors.AUDITOR)).items.map((i) => i.id);
      expect(seen).toContain(inScope.id);
      expect(seen).not.toContain(outOfScope.id);
      await expect(assessmentQueries.getAssessment(actors.AUDITOR, outOfScope.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await assessmentQueries.getAssessment(actors.AUDITOR, inScope.id)).id).toBe(inScope.id);
      expect((await assessmentQueries.listAssessments(actors.COMPLIANCE_OFFICER)).items.map((i) => i.id)).toContain(outOfScope.id);
      const access = await requests.createSubjectRequest(actors.PRIVACY_OFFICER, { type: 'ACCESS', subjectName: 'Package Subject', systemId, receivedAt: daysAgo(1) });
      await requests.verifyIdentity(actors.PRIVACY_OFFICER, access.id);
      await deny(exportPackage(actors.AUDITOR, access.id));
      expect((await exportPackage(actors.PRIVACY_OFFICER, access.id)).fileName).toContain(access.reference);
    } finally {
      await db.audit.delete({ where: { id: audit.id } });
      await db.setting.update({ where: { key: auditSettingKey(orgId) }, data: { value: { allAuditorsSeeAll: true } } });
    }
  });
});
