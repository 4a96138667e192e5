import type { Actor } from '@/lib/auth/actor';
import { ROLE_GRANTS, type Role } from '@/lib/auth/permissions';
import { createAudit, updateAudit } from '@/lib/audits/audits/mutations';
import { createCertification } from '@/lib/audits/certifications/mutations';
import { db } from '@/lib/db';
import { DEMO_EXTERNAL_AUDITOR } from './demo-accounts';
import { addEvidence } from '@/lib/audits/evidence/mutations';
import { createEvidenceRequest, reviewEvidenceRequest } from '@/lib/audits/requests/mutations';
import { acceptRisk, addFindingComment, createFinding, transitionFinding } from '@/lib/audits/findings/mutations';

const SOC2_TITLE = 'SOC 2 Type II 2025 (external)';
const ISO_TITLE = 'ISO/IEC 42001 readiness (internal)';

/**
 * Every requirement the demo links a finding, evidence item or request to,
 * declared by framework, reference and a word its title must contain, so a
 * link can never drift to an unrelated requirement (checked when seeding and
 * in audits.integration.test.ts).
 */
export const DEMO_REQUIREMENT_LINKS = {
  accessReview: { framework: 'iso-27001', ref: '5.18', titleWord: /access rights/i },
  recordsRetention: { framework: 'iso-27001', ref: '8.10', titleWord: /deletion/i },
  changeControl: { framework: 'soc2', ref: 'CC8.1', titleWord: /change/i },
  incidentResponse: { framework: 'soc2', ref: 'CC7.4', titleWord: /incident/i },
  accessPolicy: { framework: 'soc2', ref: 'CC6.1', titleWord: /access/i },
  vendorRisk: { framework: 'soc2', ref: 'CC9.2', titleWord: /vendor/i },
  awarenessTraining: { framework: 'iso-27001', ref: '6.3', titleWord: /awareness/i },
  impactAssessment: { framework: 'iso-42001', ref: 'A.5.2', titleWord: /impact assessment/i },
  aiPolicy: { framework: 'iso-42001', ref: 'A.2.2', titleWord: /AI policy/i },
  aiMonitoring: { framework: 'iso-42001', ref: 'A.6.2.6', titleWord: /monitoring/i },
} as const;
export type DemoLink = keyof typeof DEMO_REQUIREMENT_LINKS;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A small but real PDF, so downloads open in a viewer. */
function pdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out);
}

/**
 * Demo audit workspace: a closed external SOC 2 Type II audit with findings
 * in every state, an internal ISO/IEC 42001 readiness audit in fieldwork
 * with open evidence requests, evidence (some stale) and two certifications.
 * Links to requirements and AI systems only when that domain's seed made them.
 */
export async function seedAudits(orgId: string): Promise<{ created: boolean }> {
  if (await db.audit.findFirst({ where: { orgId, title: SOC2_TITLE }, select: { id: true } })) return { created: false };
  const users = await db.user.findMany({ where: { orgId }, select: { id: true, orgId: true, email: true, name: true, role: true, active: true } });
  const as = (role: string): Actor => {
    const u = users.find((x) => x.role === role && x.email !== DEMO_EXTERNAL_AUDITOR.email);
    if (!u) throw new Error(`seed: no ${role} user`);
    // The demo people act themselves, so the history shows who did what (the
    // session module is not importable outside Next.js).
    return { kind: 'user', userId: u.id, tokenId: null, orgId, role: u.role as Role, name: u.name, email: u.email, label: u.email, grants: ROLE_GRANTS[u.role as Role], request: { id: 'seed', ip: null } };
  };
  const admin = as('ADMIN');
  const compliance = as('COMPLIANCE_OFFICER');
  const engineer = as('ENGINEER');
  const auditor = as('AUDITOR');
  // On the external SOC 2 audit only: the ISO/IEC 42001 audit is outside their scope.
  const external = users.find((u) => u.email === DEMO_EXTERNAL_AUDITOR.email);

  const frameworks = await db.framework.findMany({ where: { orgId }, select: { id: true, key: true, name: true } });
  const pick = (re: RegExp) => frameworks.filter((f) => re.test(`${f.key} ${f.name}`)).map((f) => f.id);
  const soc2Frameworks = pick(/soc|27001|hipaa/i);
  const isoFrameworks = pick(/42001|nist|ai act/i);
  const systems = await db.aISystem.findMany({ where: { orgId }, select: { id: true }, take: 3 });
  const requirements = await db.requirement.findMany({
    where: { orgId, OR: Object.values(DEMO_REQUIREMENT_LINKS).map((l) => ({ ref: l.ref, framework: { key: l.framework } })) },
    select: { id: true, ref: true, title: true, framework: { select: { key: true } } },
  });
  const controls = await db.control.findMany({ where: { orgId }, select: { id: true }, take: 2 });
  const versions = await db.modelVersion.findMany({ where: { orgId }, select: { id: true }, take: 1 });
  const link = (name: DemoLink): string | null => {
    const want = DEMO_REQUIREMENT_LINKS[name];
    const r = requirements.find((x) => x.framework.key === want.framework && x.ref === want.ref);
    if (r && !want.titleWord.test(r.title)) throw new Error(`seed: ${want.framework} ${want.ref} is "${r.title}", not about ${want.titleWord}`);
    return r?.id ?? null;
  };
  const req = (name: DemoLink) => {
    const id = link(name);
    return id ? [id] : [];
  };

  const soc2 = await createAudit(compliance, {
    title: SOC2_TITLE,
    kind: 'EXTERNAL',
    standard: 'SOC2_TYPE2',
    firm: 'Harbor & Reed Assurance LLP',
    periodStart: '2025-04-01',
    periodEnd: '2025-09-30',
    status: 'FIELDWORK',
    frameworkIds: soc2Frameworks,
    systemIds: systems.map((s) => s.id),
    auditorIds: [auditor.userId!, ...(external ? [external.id] : [])],
  });
  const iso = await createAudit(compliance, {
    title: ISO_TITLE,
    kind: 'INTERNAL',
    standard: 'ISO_42001',
    periodStart: day(-60),
    periodEnd: day(30),
    status: 'FIELDWORK',
    frameworkIds: isoFrameworks,
    systemIds: systems.map((s) => s.id),
    auditorIds: [auditor.userId!],
  });

  // SOC 2 findings, one in each state.
  const open = await createFinding(auditor, {
    title: 'Quarterly access reviews not evidenced for the model-serving cluster',
    description: 'Two of four quarterly access reviews for the production model-serving cluster could not be evidenced.',
    severity: 'HIGH',
    auditId: soc2.id,
    ownerId: engineer.userId!,
    requirementIds: req('accessReview'),
    systemIds: systems.slice(0, 1).map((s) => s.id),
    controlIds: controls.slice(0, 1).map((c) => c.id),
  });
  // Raised months ago and now past due: the overdue flag in the demo.
  await db.finding.update({ where: { id: open.id }, data: { dueDate: new Date(Date.now() - 12 * 86_400_000), createdAt: new Date(Date.now() - 75 * 86_400_000) } });

  const remediating = await createFinding(auditor, {
    title: 'Training-data retention exceeds the documented policy',
    description: 'Raw clinical notes used for fine-tuning are kept 24 months; the policy says 12.',
    severity: 'MEDIUM',
    auditId: soc2.id,
    ownerId: engineer.userId!,
    remediationPlan: 'Automate deletion after 12 months; backfill purge of older data.',
    requirementIds: req('recordsRetention'),
    modelVersionIds: versions.map((v) => v.id),
  });
  await transitionFinding(engineer, { id: remediating.id, transition: 'start_remediation', comment: 'Deletion job in review.' });

  const ready = await createFinding(auditor, {
    title: 'Change approvals missing for two model releases',
    description: 'Two production model releases lacked a recorded approval.',
    severity: 'MEDIUM',
    auditId: soc2.id,
    ownerId: engineer.userId!,
    remediationPlan: 'Enforce the release gate in CI.',
    requirementIds: req('changeControl'),
  });
  await transitionFinding(engineer, { id: ready.id, transition: 'start_remediation' });
  await transitionFinding(engineer, { id: ready.id, transition: 'ready_for_verification', comment: 'CI gate merged; see attached evidence.' });

  const closed = await createFinding(auditor, {
    title: 'Incident response plan not tested in the period',
    description: 'No tabletop exercise was held for AI incidents during the review period.',
    severity: 'LOW',
    auditId: soc2.id,
    ownerId: compliance.userId!,
    requirementIds: req('incidentResponse'),
  });
  await transitionFinding(compliance, { id: closed.id, transition: 'start_remediation' });
  await transitionFinding(compliance, { id: closed.id, transition: 'ready_for_verification', comment: 'Tabletop held; minutes attached.' });
  await transitionFinding(auditor, { id: closed.id, transition: 'close', comment: 'Verified the exercise minutes and attendance.' });

  const accepted = await createFinding(auditor, {
    title: 'Legacy TLS 1.1 endpoint on the archived imaging API',
    description: 'The archived imaging API still accepts TLS 1.1.',
    severity: 'LOW',
    auditId: soc2.id,
    ownerId: engineer.userId!,
  });
  await acceptRisk(compliance, { id: accepted.id, rationale: 'Endpoint is read-only, internal and decommissioned next quarter.', expiresAt: day(75) });
  await addFindingComment(auditor, { id: open.id, body: 'Please provide the Q2 and Q3 review exports.' });

  // Evidence: on requirements and findings, some stale.
  await addEvidence(compliance, { title: 'Access control policy v3', requirementIds: req('accessPolicy'), ownerId: compliance.userId!, validUntil: day(200), collectedAt: day(-90) }, { name: 'access-control-policy.pdf', bytes: pdf('Access control policy v3') });
  await addEvidence(compliance, { title: 'Data retention standard (2024)', requirementIds: req('recordsRetention'), ownerId: engineer.userId!, validUntil: day(-20), collectedAt: day(-400) }, { name: 'data-retention-2024.pdf', bytes: pdf('Data retention standard 2024') });
  await addEvidence(compliance, { title: 'Vendor risk assessment (expired)', requirementIds: req('vendorRisk'), ownerId: engineer.userId!, validUntil: day(-5), collectedAt: day(-370) }, { name: 'vendor-risk.pdf', bytes: pdf('Vendor risk assessment') });
  await addEvidence(compliance, { title: 'CI release gate configuration', findingIds: [ready.id], ownerId: engineer.userId!, validUntil: day(365) }, { name: 'release-gate.txt', bytes: Buffer.from('release:\n  requires: [model-signoff, change-approval]\n') });
  await addEvidence(compliance, { title: 'AI incident tabletop minutes', findingIds: [closed.id], ownerId: compliance.userId!, validUntil: day(300) }, { name: 'tabletop-minutes.pdf', bytes: pdf('AI incident tabletop minutes') });
  await addEvidence(compliance, { title: 'Security awareness training dashboard', url: 'https://lms.example.com/reports/security-2025', requirementIds: req('awarenessTraining'), ownerId: compliance.userId! });
  const report = await addEvidence(compliance, { title: 'SOC 2 Type II report 2025', ownerId: compliance.userId!, validUntil: day(45) }, { name: 'soc2-type2-report-2025.pdf', bytes: pdf('SOC 2 Type II report 2025') });
  await updateAudit(compliance, { id: soc2.id, status: 'CLOSED', reportEvidenceId: report.id });

  // ISO/IEC 42001 readiness: fieldwork with open requests.
  const isoFinding = await createFinding(auditor, {
    title: 'AI impact assessments not performed for two systems',
    description: 'Clause 6.1.4 requires AI system impact assessments; two production systems have none.',
    severity: 'CRITICAL',
    auditId: iso.id,
    ownerId: compliance.userId!,
    requirementIds: req('impactAssessment'),
    systemIds: systems.slice(0, 2).map((s) => s.id),
  });
  const target = (name: DemoLink) => {
    const id = link(name);
    return id ? { requirementId: id } : { findingId: isoFinding.id };
  };
  await createEvidenceRequest(auditor, { title: 'AI policy approved by top management', dueDate: day(10), auditId: iso.id, ...target('aiPolicy'), assigneeId: compliance.userId! });
  await createEvidenceRequest(auditor, { title: 'Model monitoring runbook and last quarter\'s alerts', dueDate: day(14), auditId: iso.id, ...target('aiMonitoring'), assigneeId: engineer.userId! });
  const done = await createEvidenceRequest(auditor, { title: 'Impact assessment template', dueDate: day(7), auditId: iso.id, findingId: isoFinding.id, assigneeId: compliance.userId! });
  await addEvidence(compliance, { title: 'AI impact assessment template v1', requestId: done.id, validUntil: day(365) }, { name: 'impact-assessment-template.pdf', bytes: pdf('AI impact assessment template') });
  await reviewEvidenceRequest(auditor, { id: done.id, decision: 'accept', comment: 'Template covers clause 6.1.4.' });

  await createCertification(admin, { name: 'SOC 2 Type II', standard: 'SOC2_TYPE2', issuer: 'Harbor & Reed Assurance LLP', scope: 'Clinical AI platform: model serving, training pipeline, data platform', issuedAt: day(-320), expiresAt: day(45), auditId: soc2.id, reportEvidenceId: report.id });
  await createCertification(admin, { name: 'ISO/IEC 27001:2022', standard: 'ISO_27001', issuer: 'British Standards Institution', scope: 'Information security management system, all sites', issuedAt: '2025-03-01', expiresAt: '2028-02-28' });
  return { created: true };
}
