import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { areaSchema, frameworkKeySchema, relationshipSchema } from '../library-schema';
import { statusSchema } from './vocabulary';
import { id, trimmed, optionalText, ownerOrNull } from './fields';

export const controlInputSchema = z.object({
  key: z.string().trim().regex(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/, 'Use upper-case letters, digits and hyphens, e.g. CTL-DATA-01').max(40),
  name: trimmed(160, 'a name'),
  description: optionalText(2000),
  area: blankAsUndefined(areaSchema),
  ownerId: blankAsUndefined(id),
  status: statusSchema.default('NOT_ASSESSED'),
});
export type ControlInput = z.input<typeof controlInputSchema>;
export const updateControlSchema = controlInputSchema.omit({ key: true }).extend({ status: statusSchema.optional() }).partial().extend({ id, ownerId: ownerOrNull });

export const mappingInputSchema = z.object({
  controlId: id,
  frameworkKey: frameworkKeySchema,
  ref: trimmed(80, 'a requirement reference'),
  relationship: relationshipSchema,
  rationale: trimmed(300, 'a rationale'),
});
export type MappingInput = z.input<typeof mappingInputSchema>;
