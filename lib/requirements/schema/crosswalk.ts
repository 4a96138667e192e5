import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { frameworkKeySchema, relationshipSchema } from '../library-schema';
import { id, optionalText, trimmed } from './fields';

// Crosswalk (requirement ↔ requirement) mappings edited by library managers.

export const crosswalkMappingInputSchema = z
  .object({
    fromRequirementId: id,
    toRequirementId: id,
    /** The `from` requirement relative to the `to` one (NIST OLIR: equivalent, subset of, superset of, intersects with). */
    relationship: relationshipSchema,
    rationale: trimmed(300, 'a rationale'),
    citation: optionalText(300),
  })
  .refine((m) => m.fromRequirementId !== m.toRequirementId, { message: 'Choose two different requirements', path: ['toRequirementId'] });
export type CrosswalkMappingInput = z.input<typeof crosswalkMappingInputSchema>;

export const updateCrosswalkMappingSchema = z.object({
  id,
  relationship: relationshipSchema.optional(),
  rationale: trimmed(300, 'a rationale').optional(),
  citation: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(300).nullable().optional()),
});
export type UpdateCrosswalkMappingInput = z.input<typeof updateCrosswalkMappingSchema>;

export const coverageQuerySchema = z.object({ source: blankAsUndefined(frameworkKeySchema) });

export const CROSSWALK_EXPORT_FORMATS = ['csv', 'oscal'] as const;
export const crosswalkExportQuerySchema = z.object({
  format: z.enum(CROSSWALK_EXPORT_FORMATS).default('csv'),
  framework: blankAsUndefined(frameworkKeySchema),
});

/** The CSV columns, in order: what an export writes and an import reads. */
export const CROSSWALK_CSV_COLUMNS = ['fromFramework', 'fromRef', 'relationship', 'toFramework', 'toRef', 'rationale', 'citation'] as const;

/** The import form: one CSV or OSCAL mapping-collection file (max 5 MB). */
export const crosswalkImportFormSchema = z.object({ file: z.instanceof(File, { message: 'Choose a file' }).refine((f) => f.size > 0, 'The file is empty') });
