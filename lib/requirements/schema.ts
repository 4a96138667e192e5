import { z } from 'zod';
import { blankAsUndefined, flag } from '@/lib/api/params';
import { AREAS, areaSchema, frameworkKeySchema, frameworkKindSchema, relationshipSchema } from './library-schema';

// Inputs and views of the requirements domain. Pure (safe for the client).

export const STATUSES = ['NOT_ASSESSED', 'NOT_APPLICABLE', 'NON_COMPLIANT', 'PARTIALLY_COMPLIANT', 'COMPLIANT'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  NOT_ASSESSED: 'Not assessed',
  NOT_APPLICABLE: 'Not applicable',
  NON_COMPLIANT: 'Non-compliant',
  PARTIALLY_COMPLIANT: 'Partially compliant',
  COMPLIANT: 'Compliant',
};
/** One-letter codes for the dense matrix grid (the full label is the accessible name). */
export const STATUS_SHORT: Record<Status, string> = {
  NOT_ASSESSED: '·',
  NOT_APPLICABLE: 'N/A',
  NON_COMPLIANT: 'NC',
  PARTIALLY_COMPLIANT: 'PC',
  COMPLIANT: 'C',
};
export const statusSchema = z.enum(STATUSES);

export const DOMAINS = ['HEALTHCARE', 'FINANCE', 'ECOMMERCE', 'HR', 'OTHER'] as const;
export const DOMAIN_LABELS: Record<(typeof DOMAINS)[number], string> = {
  HEALTHCARE: 'Healthcare',
  FINANCE: 'Finance',
  ECOMMERCE: 'E-commerce',
  HR: 'HR',
  OTHER: 'Other',
};
export const RISK_TIERS = ['PROHIBITED', 'HIGH', 'LIMITED', 'MINIMAL', 'GENERAL_PURPOSE'] as const;
export const RISK_TIER_LABELS: Record<(typeof RISK_TIERS)[number], string> = {
  PROHIBITED: 'Prohibited',
  HIGH: 'High risk',
  LIMITED: 'Limited risk',
  MINIMAL: 'Minimal risk',
  GENERAL_PURPOSE: 'General-purpose AI',
};
export const SYSTEM_STATUSES = ['PLANNED', 'IN_DEVELOPMENT', 'IN_PRODUCTION', 'RETIRED'] as const;
export const REGIONS = ['EU', 'US', 'UK', 'CA', 'APAC', 'OTHER'] as const;
export const REVIEW_OUTCOMES = ['CONFIRMED', 'CHANGES_NEEDED', 'NOT_APPLICABLE'] as const;
export const REVIEW_OUTCOME_LABELS: Record<(typeof REVIEW_OUTCOMES)[number], string> = {
  CONFIRMED: 'Confirmed — still accurate',
  CHANGES_NEEDED: 'Changes needed',
  NOT_APPLICABLE: 'No longer applicable',
};
export const DEFAULT_REVIEW_CADENCE_DAYS = 90;

const id = z.string().min(1).max(64);
const trimmed = (max: number, what: string) => z.string().trim().min(1, `Enter ${what}`).max(max, `${what} is too long (max ${max})`);
const optionalText = (max: number) => blankAsUndefined(z.string().trim().max(max));
const urlOrBlank = blankAsUndefined(z.url('Enter a full URL (https://…)').max(2000).refine((u) => /^https?:\/\//i.test(u), 'Use an http(s) URL'));

// ---------- matrix ----------

export const matrixFilterSchema = z.object({
  framework: blankAsUndefined(frameworkKeySchema),
  area: blankAsUndefined(areaSchema),
  /** A user id, "unowned" or "me". */
  owner: blankAsUndefined(z.string().max(64)),
  status: blankAsUndefined(statusSchema),
  region: blankAsUndefined(z.string().max(16)),
  aiOnly: blankAsUndefined(flag),
  overdue: blankAsUndefined(flag),
  q: blankAsUndefined(z.string().trim().max(120)),
});
export type MatrixFilter = z.input<typeof matrixFilterSchema>;
export type MatrixFilterValues = z.output<typeof matrixFilterSchema>;

/** Rows per window the server sends (the page sends the first). */
export const MATRIX_WINDOW = 50;

export const matrixWindowSchema = matrixFilterSchema.extend({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(MATRIX_WINDOW),
});
export type MatrixWindowQuery = z.input<typeof matrixWindowSchema>;

export const updateCellSchema = z
  .object({
    requirementId: id,
    systemId: id,
    status: statusSchema,
    notes: optionalText(4000),
    justification: optionalText(2000),
    evidenceUrl: urlOrBlank,
    reason: optionalText(500),
  })
  .superRefine((c, ctx) => {
    if (c.status === 'NOT_APPLICABLE' && !c.justification) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'Give a justification for “not applicable”' });
    }
  });
export type UpdateCellInput = z.input<typeof updateCellSchema>;

export const bulkUpdateCellsSchema = z
  .object({
    cells: z.array(z.object({ requirementId: id, systemId: id })).min(1, 'Select at least one cell').max(5000, 'Select at most 5,000 cells at once'),
    status: statusSchema,
    justification: optionalText(2000),
    reason: trimmed(500, 'a reason for the bulk change'),
  })
  .superRefine((c, ctx) => {
    if (c.status === 'NOT_APPLICABLE' && !c.justification) {
      ctx.addIssue({ code: 'custom', path: ['justification'], message: 'Give a justification for “not applicable”' });
    }
  });
export type BulkUpdateCellsInput = z.input<typeof bulkUpdateCellsSchema>;

export type MatrixSystem = { id: string; name: string; regions: string[]; domain: string; canEdit: boolean };
/** Compact on purpose (a window holds rows × systems of these): empty fields are left out. Who and when live on the cell page. */
export type MatrixCellView = { status: Status; applies: boolean; notes?: string | null; justification?: string | null; evidenceUrl?: string | null };
export type MatrixRow = {
  id: string;
  frameworkKey: string;
  frameworkName: string;
  ref: string;
  title: string;
  area: string;
  aiSpecific: boolean;
  ownerId: string | null;
  ownerName: string | null;
  nextReviewDue: string | null;
  overdue: boolean;
  /** Set when the row takes its status from its controls. */
  derivedStatus: Status | null;
  /** One per system, in the order of the window's `systems`. */
  cells: MatrixCellView[];
};

// ---------- library ----------

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
  title: trimmed(120, 'a title'),
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
  title: trimmed(120, 'a title').optional(),
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

// ---------- systems ----------

export const systemInputSchema = z.object({
  name: trimmed(120, 'a name'),
  purpose: trimmed(2000, 'a purpose'),
  domain: z.enum(DOMAINS),
  regions: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(REGIONS)).min(1, 'Choose at least one region').max(REGIONS.length)),
  riskTier: z.enum(RISK_TIERS),
  status: z.enum(SYSTEM_STATUSES).default('IN_DEVELOPMENT'),
  businessOwnerId: blankAsUndefined(id),
  technicalOwnerId: blankAsUndefined(id),
  /** Card payments bring PCI DSS into the suggestions. */
  cardPayments: blankAsUndefined(flag),
});
export type SystemInput = z.input<typeof systemInputSchema>;
/** "" clears an owner on update (on create it just means none). */
const ownerOrNull = z.preprocess((v) => (v === '' ? null : v), id.nullable().optional());
// Built without the create defaults, so a PATCH that leaves a field out leaves it alone.
export const updateSystemSchema = systemInputSchema
  .extend({ status: z.enum(SYSTEM_STATUSES).optional() })
  .partial()
  .extend({ id, businessOwnerId: ownerOrNull, technicalOwnerId: ownerOrNull });

export const setSystemFrameworksSchema = z.object({
  systemId: id,
  // Required: a missing field must not mean "clear them all" (send [] for that).
  // The form posts an empty hidden value first, so unticking every box still sends the field.
  frameworkKeys: z.preprocess(
    (v) => {
      const list = typeof v === 'string' ? [v] : v;
      return Array.isArray(list) ? list.filter((k) => k !== '') : list;
    },
    z.array(frameworkKeySchema).max(100),
  ),
});

// ---------- controls ----------

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

// ---------- reviews ----------

export const recordReviewSchema = z.object({
  requirementId: id,
  outcome: z.enum(REVIEW_OUTCOMES),
  notes: optionalText(4000),
  /** YYYY-MM-DD; defaults to today; never in the future. */
  reviewedOn: blankAsUndefined(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the date format YYYY-MM-DD')),
});
export type RecordReviewInput = z.input<typeof recordReviewSchema>;

export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'Use the form 2026-Q4');

export function quarterOf(d: Date): string {
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function quarterRange(q: string): { start: Date; end: Date } {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return { start: new Date(Date.UTC(y, (n - 1) * 3, 1)), end: new Date(Date.UTC(y, n * 3, 1)) };
}

// ---------- imports ----------

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const importKindSchema = z.enum(['csv', 'oscal']);

/** Columns of the requirements CSV (export and import share them). */
export const CSV_REQUIRED_COLUMNS = ['framework', 'ref', 'title', 'summary', 'area', 'aiSpecific'] as const;
export const CSV_OPTIONAL_COLUMNS = ['group', 'owner', 'reviewCadenceDays'] as const;
/** Per-system status columns look like "status: Credit scoring". */
export const CSV_STATUS_PREFIX = 'status: ';

export { AREAS };
