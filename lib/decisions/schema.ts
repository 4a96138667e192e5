import { z } from 'zod';
import { blankAsUndefined, flag, outboundUrl } from '@/lib/api/params';

// The wire shape of one decision from the serving stack (JSON, NDJSON, or a
// CSV row mapped to it by ./formats.ts). Safe for the client.

const text = (max: number) => z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);
const featureValue = z.union([z.string().max(1000, 'At most 1000 characters'), z.number(), z.boolean(), z.null()]);

export const ADDITIVE_METHODS = /shap|integrated.?gradients|deeplift|shapley/i;

export const explanationSchema = z.object({
  method: text(60),
  baseValue: z.number('baseValue must be a number'),
  attributions: z
    .record(z.string().min(1).max(120), z.number('Each attribution must be a number'))
    .refine((a) => Object.keys(a).length > 0 && Object.keys(a).length <= 500, 'Give 1 to 500 attributions'),
  /** Whether base + Σ attributions should equal the output (defaults from the method: SHAP-like methods are additive). */
  additive: z.boolean().optional(),
});

export const decisionRecordSchema = z.object({
  decisionId: text(200),
  model: text(120),
  version: text(120),
  timestamp: z.iso.datetime({ offset: true, error: 'Give an ISO 8601 date-time with its offset' }),
  subjectRef: text(200),
  features: z.record(z.string().min(1).max(120), featureValue).refine((f) => Object.keys(f).length <= 500, 'At most 500 features'),
  output: z
    .object({ score: z.number().optional(), class: z.string().max(200).optional(), value: z.number().optional() })
    .refine((o) => o.score !== undefined || o.class !== undefined || o.value !== undefined, 'Give output.score, output.class or output.value'),
  confidence: z.number().min(0, 'Between 0 and 1').max(1, 'Between 0 and 1').optional(),
  decision: text(100),
  group: z.string().trim().max(100).optional(),
  human: z
    .object({
      reviewed: z.boolean(),
      overridden: z.boolean().default(false),
      reviewer: z.string().trim().max(200).optional(),
      reason: z.string().trim().max(2000).optional(),
    })
    .refine((h) => !h.overridden || (h.reviewed && h.reviewer && h.reason), 'An override needs reviewed: true, the reviewer and the reason')
    .optional(),
  latencyMs: z.number().min(0).max(3_600_000).optional(),
  explanation: explanationSchema.optional(),
});

export type DecisionRecordInput = z.input<typeof decisionRecordSchema>;
export type DecisionRecord = z.output<typeof decisionRecordSchema>;

export const MAX_BATCH_RECORDS = 10_000;
export const MAX_BATCH_BYTES = 10 * 1024 * 1024;

export const explanationStatuses = ['VALID', 'UNCHECKED', 'NOT_ADDITIVE', 'MISSING'] as const;
export type ExplanationStatus = (typeof explanationStatuses)[number];

export const EXPLANATION_STATUS_LABELS: Record<ExplanationStatus, string> = {
  VALID: 'Valid (additive)',
  UNCHECKED: 'Present, not additive by method',
  NOT_ADDITIVE: 'Does not add up to the output',
  MISSING: 'Missing',
};

/** One refused record, in the shape every import report uses. */
export type InvalidRecord = { row: number; ref: string | null; reason: string };

export const ingestReportSchema = z.object({
  batchId: z.string().nullable(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  explanations: z.object({
    valid: z.number().int(),
    unchecked: z.number().int(),
    notAdditive: z.number().int(),
    missing: z.number().int(),
    maxAdditivityError: z.number(),
    tolerance: z.number(),
    notAdditiveRefs: z.array(z.string()),
    constantTopFactor: z.string().nullable(),
  }),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;

const optionalText = (max: number) => z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(max, `At most ${max} characters`).optional());
const optionalDate = z.preprocess((v) => (v === '' ? undefined : v), z.iso.date('Give a date as YYYY-MM-DD').optional());

/** The search screen's filters (URL search params) and its keyset cursor. */
export const listDecisionsQuerySchema = z.object({
  systemId: optionalText(200),
  versionId: optionalText(200),
  from: optionalDate,
  to: optionalDate,
  ref: optionalText(200),
  subjectRef: optionalText(200),
  overridden: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true']).optional()),
  explanation: z.preprocess((v) => (v === '' ? undefined : v), z.enum(explanationStatuses).optional()),
  cursor: optionalText(200),
});
export type ListDecisionsQuery = z.infer<typeof listDecisionsQuerySchema>;

export const decisionStatsQuerySchema = z.object({
  systemId: optionalText(200),
  days: z.preprocess((v) => (v === '' || v === undefined ? 30 : v), z.coerce.number('Give a number of days').int().min(1, 'At least 1 day').max(366, 'At most 366 days')),
});
export type DecisionStatsQuery = z.infer<typeof decisionStatsQuerySchema>;

export const verifyDecisionSchema = z.object({ id: text(200) });

/** A valid explanation for coverage: additive and adding up, or present for a method that is not additive. */
export const COVERED_STATUSES: readonly ExplanationStatus[] = ['VALID', 'UNCHECKED'];

const longText = (max: number) => z.string().trim().min(3, 'At least 3 characters').max(max, `At most ${max} characters`);

/** A development decision record: why algorithm X over Y, which bias tests, which trade-off, approved by whom. */
export const createDevelopmentDecisionSchema = z.object({
  modelId: text(200),
  versionId: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(200).optional()),
  title: longText(200),
  context: longText(5000),
  decision: longText(5000),
  alternatives: z.preprocess((v) => (v === undefined ? '' : v), z.string().trim().max(5000, 'At most 5000 characters')),
  consequences: z.preprocess((v) => (v === undefined ? '' : v), z.string().trim().max(5000, 'At most 5000 characters')),
  approverId: text(200),
  decidedAt: z.iso.date('Give a date as YYYY-MM-DD'),
});
export type CreateDevelopmentDecisionInput = z.infer<typeof createDevelopmentDecisionSchema>;

export const listDevelopmentDecisionsQuerySchema = z.object({
  modelId: optionalText(200),
  versionId: optionalText(200),
  page: z.preprocess((v) => (v === '' || v === undefined ? 1 : v), z.coerce.number('Give a page number').int().min(1).max(10_000)),
});
export type ListDevelopmentDecisionsQuery = z.infer<typeof listDevelopmentDecisionsQuerySchema>;

// A person's review of a logged decision after it took effect (GDPR Art. 22(3)).
export const DECISION_REVIEW_RESULTS = ['UPHELD', 'CHANGED'] as const;
export type DecisionReviewResult = (typeof DECISION_REVIEW_RESULTS)[number];
export const DECISION_REVIEW_RESULT_LABELS: Record<DecisionReviewResult, string> = { UPHELD: 'Upheld', CHANGED: 'Changed' };

export const decisionReviewSchema = z
  .object({
    decisionId: text(200),
    result: z.enum(DECISION_REVIEW_RESULTS, 'Say whether the decision is upheld or changed'),
    newOutcome: z.string().trim().max(100, 'At most 100 characters').default(''),
    reason: z.string().trim().min(3, 'Give the reason for the outcome (at least 3 characters)').max(2000, 'At most 2000 characters'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.result === 'CHANGED' && !r.newOutcome) ctx.addIssue({ code: 'custom', path: ['newOutcome'], message: 'A changed decision needs its new outcome' });
    if (r.result === 'UPHELD' && r.newOutcome) ctx.addIssue({ code: 'custom', path: ['newOutcome'], message: 'An upheld decision keeps its outcome: leave the new outcome empty' });
  });
export type DecisionReviewInput = z.input<typeof decisionReviewSchema>;

/** Where signed checkpoints are pushed: an S3-compatible bucket (the secret blank keeps the stored one). */
export const pushTargetSchema = z.object({
  endpoint: outboundUrl({
    max: 300,
    required: 'Give the S3 endpoint URL',
    invalid: 'Use an http:// or https:// URL with no path, e.g. https://s3.eu-west-1.amazonaws.com',
    credentials: 'Put the keys in their fields, not in the URL',
    pathless: true,
  }),
  region: z.string().trim().regex(/^[a-z0-9-]{2,40}$/, 'A region such as eu-west-1 (lower-case letters, digits and hyphens)'),
  bucket: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'A bucket name: 3 to 63 lower-case letters, digits, dots and hyphens')
    .refine((v) => !v.includes('..'), 'A bucket name has no two dots in a row'),
  prefix: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/^\/+|\/+$/g, '') : v),
    z.string().max(100, 'At most 100 characters').regex(/^([A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*)?$/, 'Letters, digits, _ and -, folders separated by /').default(''),
  ),
  pathStyle: flag.default(false),
  accessKeyId: z.string().trim().regex(/^[A-Za-z0-9._+=/-]{3,128}$/, 'An access key id: 3 to 128 characters, no spaces'),
  /** Blank keeps the stored secret. */
  secretAccessKey: blankAsUndefined(z.string().max(256, 'At most 256 characters').regex(/^\S+$/, 'No spaces')),
});
export type PushTargetInput = z.input<typeof pushTargetSchema>;

export const pushNowSchema = z.object({});
