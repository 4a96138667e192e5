import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { recordEvent } from '@/lib/audit/record';
import { addEvidence } from '@/lib/audits/evidence/mutations';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { createPdf, utcStamp } from '@/lib/pdf';
import { conflict } from '../checks';
import { SCREENING_CRITERIA } from '../screening';
import { getAssessment, type AssessmentDetail } from './queries';
import { DPIA_SECTIONS, FRIA_SECTIONS } from './schema';

/** The requirements a signed-off assessment is evidence for (framework key, requirement ref), where the library holds them. */
export const ASSESSMENT_EVIDENCE_FOR: Record<'DPIA' | 'FRIA', { framework: string; ref: string }[]> = {
  DPIA: [{ framework: 'gdpr', ref: 'Art. 35' }, { framework: 'nist-ai-rmf', ref: 'MAP 5.1' }],
  FRIA: [{ framework: 'eu-ai-act', ref: 'Art. 27' }, { framework: 'nist-ai-rmf', ref: 'MAP 5.1' }],
};

const fileNameOf = (a: Pick<AssessmentDetail, 'kind' | 'title' | 'version'>) => `${a.kind.toLowerCase()}-${a.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'assessment'}-v${a.version}.pdf`;

/** The DPIA or FRIA as a tagged PDF (lib/pdf): screening, sections, risks, DPO advice, sign-off, versions. */
export async function renderAssessmentPdf(a: AssessmentDetail, orgName: string, now = new Date()): Promise<{ fileName: string; bytes: Buffer }> {
  const status = a.status === 'SIGNED_OFF' ? `signed off by ${a.signedOffBy ?? '—'} on ${a.signedOffAt ? utcStamp(new Date(a.signedOffAt)) : '—'}` : a.status === 'DRAFT' ? 'draft (not signed off)' : 'superseded';
  const pdf = createPdf({
    title: `${a.kind === 'DPIA' ? 'Data protection impact assessment' : 'Fundamental rights impact assessment'}: ${a.title}`,
    subtitle: `${a.system?.name ?? ''} · version ${a.version} · ${status}`,
    orgName,
    generatedAt: now,
    author: a.author ?? undefined,
  });
  pdf.heading('Screening (WP248 rev.01)', 2);
  pdf.paragraph(a.screening.reason);
  if (a.screening.met.length) pdf.list(a.screening.met.map((k) => SCREENING_CRITERIA[k]));
  if (a.screening.automatedDecisionFlag) pdf.paragraph('The system profiles or decides automatically: the Art. 22 safeguards and a human-review route apply.');
  const sections: Record<string, string> = { ...DPIA_SECTIONS, ...(a.kind === 'FRIA' ? FRIA_SECTIONS : {}) };
  for (const [key, title] of Object.entries(sections)) {
    pdf.heading(title, 2);
    pdf.markdown(a.sections[key]?.trim() || '(not written)');
  }
  pdf.heading('Risks to the rights and freedoms of natural persons', 2);
  if (a.risks.length) {
    pdf.table({
      caption: 'Risks: likelihood × severity before and after the measures (1–4 scales)',
      columns: ['Risk', 'Likelihood', 'Severity', 'Level', 'Measures', 'Residual', 'Residual level'],
      rows: a.risks.map((r) => [r.title, r.likelihood, r.severity, r.inherent, r.measures || '—', `${r.residualLikelihood} × ${r.residualSeverity}`, r.residual]),
      widths: [3, 1, 1, 1, 4, 1.2, 1.2],
    });
  } else pdf.paragraph('No risk recorded.');
  pdf.paragraph(`Residual risk overall: ${a.residualRisk}${a.residualRisk === 'high' && a.kind === 'DPIA' ? ' — prior consultation of the supervisory authority (Art. 36).' : '.'}`);
  if (a.kind === 'DPIA') {
    pdf.heading('Advice of the data protection officer (Art. 35(2))', 2);
    pdf.markdown(a.dpoAdvice || '(not recorded)');
  }
  pdf.heading('Sign-off and review', 2);
  pdf.table({
    caption: 'Sign-off',
    columns: ['Author', 'Signed off by', 'Signed off', 'Next review'],
    rows: [[a.author ?? '—', a.signedOffBy ?? '—', a.signedOffAt ? utcStamp(new Date(a.signedOffAt)) : '—', a.reviewDate ? a.reviewDate.slice(0, 10) : '—']],
  });
  pdf.table({ caption: 'Versions', columns: ['Version', 'Status', 'Signed off'], rows: a.versions.map((v) => [v.version, v.status, v.signedOffAt ? utcStamp(new Date(v.signedOffAt)) : '—']) });
  return { fileName: fileNameOf(a), bytes: Buffer.from(await pdf.end()) };
}

export async function assessmentPdf(actor: Actor, id: string) {
  const a = await getAssessment(actor, id);
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } });
  return renderAssessmentPdf(a, org.name);
}

/**
 * Stores a signed-off version's PDF as evidence for the requirements it
 * satisfies (GDPR Art. 35 or AI Act Art. 27, NIST AI RMF MAP 5.1, where the
 * library holds them) through the evidence domain's own write, and links it
 * to the assessment. A privacy manager may do this without the general
 * evidence-write right: the grant is for this one record.
 */
export async function storeAssessmentEvidence(actor: Actor, id: string) {
  authorize(actor, 'privacy:manage');
  const a = await getAssessment(actor, id);
  if (a.status !== 'SIGNED_OFF') throw conflict('Only a signed-off version is evidence; sign it off first.');
  const row = await db.privacyAssessment.findUniqueOrThrow({ where: { id }, select: { evidenceId: true } });
  if (row.evidenceId) throw conflict('This version is already stored as evidence.');
  const wanted = ASSESSMENT_EVIDENCE_FOR[a.kind];
  const requirements = await db.requirement.findMany({
    where: { orgId: actor.orgId, OR: wanted.map((w) => ({ ref: w.ref, framework: { key: w.framework } })) },
    select: { id: true },
  });
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } });
  const file = await renderAssessmentPdf(a, org.name);
  const writer: Actor = { ...actor, grants: { ...actor.grants, any: [...new Set([...actor.grants.any, 'evidence:write' as const])] } };
  const evidence = await addEvidence(writer, {
    title: `${a.kind} ${a.title} v${a.version} (signed off)`,
    description: `${a.kind === 'DPIA' ? 'Data protection impact assessment (GDPR Art. 35)' : 'Fundamental rights impact assessment (AI Act Art. 27)'} for ${a.system?.name ?? 'the system'}, signed off by ${a.signedOffBy ?? '—'}.`,
    collectedAt: (a.signedOffAt ?? new Date().toISOString()).slice(0, 10),
    validUntil: a.reviewDate ? a.reviewDate.slice(0, 10) : undefined,
    requirementIds: requirements.map((r) => r.id),
  }, { name: file.fileName, bytes: file.bytes });
  return db.$transaction(async (tx) => {
    const linked = await tx.privacyAssessment.updateMany({ where: { id, evidenceId: null }, data: { evidenceId: evidence.id } });
    if (!linked.count) throw conflict('This version was stored as evidence meanwhile.');
    await recordEvent(tx, actor, { action: 'privacy.assessment_evidence_stored', entityType: 'privacy-assessment', entityId: id, after: { evidenceId: evidence.id, requirementIds: requirements.map((r) => r.id) } });
    return { id, evidenceId: evidence.id, requirements: requirements.length };
  });
}
