import { z } from 'zod';
import { blankAsUndefined, flag } from '@/lib/api/params';
import { areaSchema, frameworkKeySchema, frameworkKindSchema } from '../library-schema';
import { DEFAULT_REVIEW_CADENCE_DAYS } from './vocabulary';
import { id, trimmed, optionalText } from './fields';
import { REQUIREMENT_TITLE_MAX } from '../library-schema';

export const createFrameworkSchema = z.object({
  key: frameworkKeySchema,
  name: trimmed(160, 'a name'),
  kind: frameworkKindSchema,
  jurisdiction: trimmed(80, 'a jurisdiction'),
  version: trimmed(80, 'a version'),
  sourceRef: optionalText(1000),
  description: optionalText(2000),
});
export type CreateFrameworkInput = z.input<typeof createFrameworkSchema>;

export const updateFrameworkSchema = createFrameworkSchema.omit({ key: true }).partial().extend({ id });

/** A requirement's text is never cut: the longest published statements (NIST SP 800-53) run to a few thousand characters. */
export const REQUIREMENT_SUMMARY_MAX = 50_000;

export const createRequirementSchema = z.object({
  frameworkKey: frameworkKeySchema,
  ref: trimmed(80, 'a reference'),
  title: trimmed(REQUIREMENT_TITLE_MAX, 'a title'),
  summary: trimmed(REQUIREMENT_SUMMARY_MAX, 'a summary'),
  group: optionalText(120),
  area: areaSchema,
  aiSpecific: flag.default(false),
  ownerId: blankAsUndefined(id),
  reviewCadenceDays: z.coerce.number().int().min(7).max(730).default(DEFAULT_REVIEW_CADENCE_DAYS),
});
export type CreateRequirementInput = z.input<typeof createRequirementSchema>;

export const updateRequirementSchema = z.object({
  id,
  title: trimmed(REQUIREMENT_TITLE_MAX, 'a title').optional(),
  summary: trimmed(REQUIREMENT_SUMMARY_MAX, 'a summary').optional(),
  group: z.string().trim().max(120).nullable().optional(),
  area: areaSchema.optional(),
  aiSpecific: z.boolean().optional(),
  reviewCadenceDays: z.coerce.number().int().min(7).max(730).optional(),
  statusFromControls: z.boolean().optional(),
});
export type UpdateRequirementInput = z.input<typeof updateRequirementSchema>;

export const assignOwnerSchema = z.object({
  kind: z.enum(['requirement', 'control']).default('requirement'),
  ids: z.array(id).min(1, 'Select at least one item').max(5000),
  /** null or "" clears the owner. */
  ownerId: z.preprocess((v) => (v === '' ? null : v), id.nullable()),
  reason: optionalText(500),
});
export type AssignOwnerInput = z.input<typeof assignOwnerSchema>;

export const loadLibrarySchema = z.object({
  keys: z.array(frameworkKeySchema).max(50).optional(),
});
