import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('privacy-assessment-evidence');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const requirements = await import('@/lib/requirements/mutations');
const assessments = await import('./assessments/mutations');
const { assessmentPdf, storeAssessmentEvidence } = await import('./assessments/pdf');

let actors: Record<Role, Actor>;
let orgId: string;
let systemId: string;
const reqIds: Record<string, string> = {};
const deny = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'FORBIDDEN' });

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('DPIA Evidence Org'));
  systemId = (await requirements.createSystem(actors.COMPLIANCE_OFFICER, { name: 'Triage assistant', purpose: 'Triage', domain: 'HEALTHCARE', regions: ['EU'], riskTier: 'HIGH', technicalOwnerId: actors.ENGINEER.userId!, businessOwnerId: actors.ENGINEER.userId! })).id;
  for (const [key, ref] of [['gdpr', 'Art. 35'], ['nist-ai-rmf', 'MAP 5.1'], ['eu-ai-act', 'Art. 27']] as const) {
    const fw = await db.framework.create({ data: { orgId, key, name: key, kind: 'REGULATION', jurisdiction: 'EU', version: '1' }, select: { id: true } });
    reqIds[ref] = (await db.requirement.create({ data: { orgId, frameworkId: fw.id, ref, title: ref, summary: ref, area: 'PRIVACY' }, select: { id: true } })).id;
  }
}, 120_000);

describe('DPIA PDF and evidence', () => {
  it('renders the PDF for readers (the owning engineer too), and stores a signed-off version as evidence for Art. 35 and MAP 5.1, once', async () => {
    const a = await assessments.createAssessment(actors.PRIVACY_OFFICER, {
      kind: 'DPIA', systemId, title: 'Triage DPIA', screening: ['evaluationScoring', 'sensitiveData'],
      sections: { description: 'Scores incoming patients', necessity: 'Needed to prioritise care' },
      risks: [{ title: 'Wrong triage', likelihood: 3, severity: 4, measures: 'Clinician review', residualLikelihood: 2, residualSeverity: 3 }],
      dpoAdvice: 'Proceed with clinician review',
    });
    const pdf = await assessmentPdf(actors.ENGINEER, a.id);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.fileName).toBe('dpia-triage-dpia-v1.pdf');
    await expect(storeAssessmentEvidence(actors.PRIVACY_OFFICER, a.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await assessments.signOffAssessment(actors.COMPLIANCE_OFFICER, a.id);
    const before = await db.evidence.count();
    await deny(storeAssessmentEvidence(actors.ENGINEER, a.id));
    await deny(storeAssessmentEvidence(actors.AUDITOR, a.id));
    expect(await db.evidence.count()).toBe(before);
    // The privacy officer has no general evidence-write right; storing an assessment is theirs all the same.
    const stored = await storeAssessmentEvidence(actors.PRIVACY_OFFICER, a.id);
    expect(stored.requirements).toBe(2);
    const ev = await db.evidence.findUniqueOrThrow({ where: { id: stored.evidenceId }, include: { requirements: true } });
    expect(ev).toMatchObject({ kind: 'FILE', contentType: 'application/pdf', collectedById: actors.PRIVACY_OFFICER.userId });
    expect(ev.requirements.map((r) => r.requirementId).sort()).toEqual([reqIds['Art. 35'], reqIds['MAP 5.1']].sort());
    expect((await db.privacyAssessment.findUniqueOrThrow({ where: { id: a.id } })).evidenceId).toBe(ev.id);
    expect(await db.auditEvent.count({ where: { action: 'privacy.assessment_evidence_stored', entityId: a.id } })).toBe(1);
    await expect(storeAssessmentEvidence(actors.PRIVACY_OFFICER, a.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db.evidence.count()).toBe(before + 1);
  });

  it('a FRIA is evidence for AI Act Art. 27', async () => {
    const f = await assessments.createAssessment(actors.PRIVACY_OFFICER, { kind: 'FRIA', systemId, title: 'Triage FRIA', sections: { processes: 'Emergency department intake', oversight: 'A nurse confirms each score' } });
    await assessments.signOffAssessment(actors.ADMIN, f.id);
    const stored = await storeAssessmentEvidence(actors.COMPLIANCE_OFFICER, f.id);
    const ev = await db.evidence.findUniqueOrThrow({ where: { id: stored.evidenceId }, include: { requirements: true } });
    expect(ev.requirements.map((r) => r.requirementId).sort()).toEqual([reqIds['Art. 27'], reqIds['MAP 5.1']].sort());
  });
});
