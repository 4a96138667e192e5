import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { safeFileName } from '@/lib/file-name';
import { createPdf, utcStamp } from '@/lib/pdf';
import { getDecision, type DecisionView, type Factor } from './view';

// The explanation letter for the subject of a decision: the principal
// reasons (US adverse-action notices under ECOA / Regulation B and the FCRA
// give at most four) and meaningful information about the logic involved
// (GDPR Art. 22(3) and 15(1)(h)). One content description, shown as a
// printable page and rendered to PDF by the one PDF renderer.

export type LetterContent = {
  orgName: string;
  title: string;
  decision: DecisionView;
  paragraphs: string[];
  reasons: string[];
  logic: string[];
  rights: string[];
};

const amount = (n: number) => Number(Math.abs(n).toFixed(3)).toString();

export function reasonSentence(f: Factor): string {
  const way = f.direction === 'up' ? 'raised' : f.direction === 'down' ? 'lowered' : 'did not change';
  return `${f.feature}: ${way} the model’s score${f.direction === 'none' ? '' : ` by ${amount(f.attribution)}`}`;
}

export function letterContent(orgName: string, d: DecisionView): LetterContent {
  const decided = utcStamp(new Date(d.decidedAt));
  const reasons = d.principalReasons.map(reasonSentence);
  return {
    orgName,
    title: `Explanation of decision ${d.ref}`,
    decision: d,
    paragraphs: [
      `On ${decided} a decision about you (reference ${d.subjectRef}) was made with the help of an automated system, ${d.system.name} (model ${d.model.name}, version ${d.version.label}). The outcome was: ${d.outcome}.`,
      d.human.overridden
        ? `A person (${d.human.reviewer}) reviewed the system’s result and changed it, for this reason: ${d.human.reason}`
        : d.human.reviewed
          ? 'A person reviewed the system’s result before the decision took effect.'
          : 'No person reviewed the system’s result before the decision took effect; you may ask for a person to review it.',
    ],
    reasons: reasons.length ? reasons : ['No explanation was recorded with this decision; ask us for the reasons and we will give them.'],
    logic: d.explanation
      ? [
          `The system computes a score from the information listed below. Explanation method: ${d.explanation.method ?? 'not named'}. The score starts from a base value of ${amount(d.explanation.baseValue ?? 0)} (the average over the data the model learned from); each factor raised or lowered it.`,
          `The factors above are those that moved the score most in the direction of this outcome, largest first.${d.score !== null ? ` Your score was ${amount(d.score)}.` : ''}`,
        ]
      : ['The system computes a score from the information listed below.'],
    rights: [
      'You may ask for a person to review this decision, express your point of view and contest it (GDPR Art. 22(3)).',
      'You may ask for a copy of the personal data used (GDPR Art. 15) and for its correction if it is wrong.',
      'Where this decision declined credit, you have the right to a statement of the specific reasons, which are the principal reasons above.',
    ],
  };
}

export async function decisionLetter(actor: Actor, id: string): Promise<LetterContent> {
  const d = await getDecision(actor, id);
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } });
  return letterContent(org.name, d);
}

/** The letter as PDF; the export is recorded in the audit trail (personal data left the portal). */
export async function exportDecisionLetter(actor: Actor, id: string): Promise<{ bytes: Buffer; fileName: string }> {
  const l = await decisionLetter(actor, id);
  const d = l.decision;
  const pdf = createPdf({ title: l.title, orgName: l.orgName, generatedAt: new Date(), subtitle: `${d.system.name} · ${d.model.name} ${d.version.label}` });
  for (const p of l.paragraphs) pdf.paragraph(p);
  pdf.heading('The principal reasons', 2);
  pdf.list(l.reasons, { ordered: true });
  pdf.heading('How the decision was reached', 2);
  for (const p of l.logic) pdf.paragraph(p);
  if (d.features.state === 'shown') {
    pdf.table({ caption: 'The information used', columns: ['Information', 'Value'], rows: Object.entries(d.features.values).map(([k, v]) => [k, String(v ?? '—')]) });
  } else {
    pdf.paragraph(d.features.state === 'erased' ? 'Your personal data was erased at your request; the information used can no longer be shown.' : 'The information used could not be read.');
  }
  pdf.heading('Your rights', 2);
  pdf.list(l.rights);
  const bytes = await pdf.end();
  await db.$transaction((tx) =>
    recordEvent(tx, actor, { action: 'decision.letter_exported', entityType: 'Decision', entityId: d.id, changes: { ref: d.ref, systemId: d.system.id, bytes: bytes.length } }),
  );
  return { bytes, fileName: `${safeFileName(l.title)}.pdf` };
}
