import { z } from 'zod';
import { SCREENING_KEYS } from '../screening';

// DPIA (GDPR Art. 35(7)) and FRIA (AI Act Art. 27(1)) sections. A FRIA reuses
// the DPIA's description, risks and measures where Art. 27(4) allows and adds
// its own Annex-style sections.

export const DPIA_SECTIONS = {
  description: 'Systematic description of the processing and its purposes',
  necessity: 'Necessity and proportionality',
  consultation: 'Views of data subjects or their representatives',
} as const;
export const FRIA_SECTIONS = {
  processes: 'The deployer’s processes in which the system is used',
  period: 'Period and frequency of use',
  persons: 'Categories of natural persons and groups likely to be affected',
  harms: 'Specific risks of harm to those persons',
  oversight: 'Human oversight measures',
  materialised: 'Measures if the risks materialise (governance, complaints)',
} as const;
export type SectionKey = keyof typeof DPIA_SECTIONS | keyof typeof FRIA_SECTIONS;

const level = z.coerce.number().int().min(1).max(4);
export const riskSchema = z
  .object({
    title: z.string().trim().min(3).max(300),
    likelihood: level,
    severity: level,
    measures: z.string().trim().max(2000).default(''),
    controlIds: z.array(z.string().min(1).max(64)).max(20).default([]),
    residualLikelihood: level,
    residualSeverity: level,
  })
  .strict();

const sectionText = z.string().trim().max(20_000);
export const assessmentFieldsSchema = z
  .object({
    title: z.string().trim().min(3).max(200),
    screening: z.array(z.enum(SCREENING_KEYS as [string, ...string[]])).max(9).default([]),
    sections: z.partialRecord(z.enum([...Object.keys(DPIA_SECTIONS), ...Object.keys(FRIA_SECTIONS)] as [string, ...string[]]), sectionText).default({}),
    risks: z.array(riskSchema).max(50).default([]),
    dpoAdvice: z.string().trim().max(10_000).default(''),
    reviewDate: z.coerce.date().nullable().default(null),
  })
  .strict();

export const createAssessmentSchema = assessmentFieldsSchema.extend({ kind: z.enum(['DPIA', 'FRIA']), systemId: z.string().min(1).max(64) }).strict();
export type CreateAssessmentInput = z.input<typeof createAssessmentSchema>;
export const updateAssessmentSchema = assessmentFieldsSchema.partial().strict();
export type UpdateAssessmentInput = z.input<typeof updateAssessmentSchema>;

// Form shapes: sections as flat fields (section_<key>), risks one per line.
const RISK_LINE = 'risk | likelihood 1-4 | severity 1-4 | measures | residual likelihood 1-4 | residual severity 1-4';
export const RISK_LINE_HINT = `One risk per line: ${RISK_LINE}.`;
const risksText = z
  .string()
  .max(50_000)
  .default('')
  .transform((v, ctx) => {
    const out: z.output<typeof riskSchema>[] = [];
    for (const [i, line] of v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).entries()) {
      const [title = '', l = '', s = '', measures = '', rl = '', rs = ''] = line.split('|').map((x) => x.trim());
      const parsed = riskSchema.safeParse({ title, likelihood: l, severity: s, measures, residualLikelihood: rl || l, residualSeverity: rs || s });
      if (!parsed.success) {
        ctx.issues.push({ code: 'custom', input: v, message: `Line ${i + 1}: write "${RISK_LINE}" (levels 1 to 4)` });
        return z.NEVER;
      }
      out.push(parsed.data);
    }
    return out;
  });
const screeningField = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(SCREENING_KEYS as [string, ...string[]])).max(9));
const sectionFields = Object.fromEntries([...Object.keys(DPIA_SECTIONS), ...Object.keys(FRIA_SECTIONS)].map((k) => [`section_${k}`, sectionText.optional()]));
const reviewDateField = z.preprocess((v) => (v === '' ? null : v), z.coerce.date().nullable().default(null));

export const assessmentFormSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    kind: z.enum(['DPIA', 'FRIA']).optional(),
    systemId: z.string().min(1).max(64).optional(),
    title: z.string().trim().min(3, 'Give the assessment a title').max(200),
    screening: screeningField.default([]),
    risks: risksText,
    dpoAdvice: z.string().trim().max(10_000).default(''),
    reviewDate: reviewDateField,
    ...sectionFields,
  })
  .strict();
export type AssessmentForm = z.output<typeof assessmentFormSchema>;
export const assessmentIdSchema = z.object({ id: z.string().min(1).max(64) }).strict();

/** The sections of a form post, keyed as the assessment stores them. */
export function sectionsOf(form: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (k.startsWith('section_') && typeof v === 'string') out[k.slice('section_'.length)] = v;
  return out;
}
