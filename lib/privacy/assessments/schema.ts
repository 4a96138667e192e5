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
