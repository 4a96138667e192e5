import { z } from 'zod';

// Inputs and vocabulary of the Statement of Applicability (safe for the client).

/** The frameworks whose Annex A the statement covers, by library key. */
export const SOA_FRAMEWORKS = { 'iso-27001': 'ISO/IEC 27001:2022 Annex A', 'iso-42001': 'ISO/IEC 42001:2023 Annex A' } as const;
export type SoaFrameworkKey = keyof typeof SOA_FRAMEWORKS;
export const soaFrameworkKeySchema = z.enum(Object.keys(SOA_FRAMEWORKS) as [SoaFrameworkKey, ...SoaFrameworkKey[]]);

export const soaEntrySchema = z.object({
  requirementId: z.string().min(1).max(64),
  included: z.enum(['included', 'excluded']).transform((v) => v === 'included'),
  justification: z.string().trim().min(3, 'Say why the control is included or excluded').max(2000),
});
export type SoaEntryInput = z.input<typeof soaEntrySchema>;

export const approveSoaSchema = z.object({ framework: soaFrameworkKeySchema });

export const SOA_FORMATS = ['pdf', 'docx', 'xlsx', 'csv'] as const;
