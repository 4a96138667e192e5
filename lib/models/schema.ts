import { z } from 'zod';
import { inputProblems } from '@/lib/api/input-guard';
import { blankAsUndefined, flag, instantInput, numeric } from '@/lib/api/params';

export const STAGES = ['DRAFT', 'VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL', 'APPROVED', 'PRODUCTION', 'RETIRED'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  DRAFT: 'Draft',
  VALIDATION: 'Validation',
  BIAS_REVIEW: 'Bias review',
  PENDING_APPROVAL: 'Pending approval',
  APPROVED: 'Approved',
  PRODUCTION: 'Production',
  RETIRED: 'Retired',
};
/** Results can change only before the version goes up for sign-off. */
export const EDITABLE_STAGES: readonly Stage[] = ['DRAFT', 'VALIDATION', 'BIAS_REVIEW'];

export const CLASSIFICATIONS = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED'] as const;
export const FAIRNESS_CHECKS = ['DEMOGRAPHIC_PARITY', 'DISPARATE_IMPACT', 'EQUAL_OPPORTUNITY'] as const;
export const SIGNOFF_ROLES = ['BUSINESS_OWNER', 'COMPLIANCE'] as const;

// Mitchell et al., "Model Cards for Model Reporting" (2019), plus limitations.
export const CARD_SECTIONS = [
  ['modelDetails', 'Model details'],
  ['intendedUse', 'Intended use'],
  ['outOfScopeUses', 'Out-of-scope uses'],
  ['factors', 'Factors'],
  ['metrics', 'Metrics'],
  ['evaluationData', 'Evaluation data'],
  ['trainingData', 'Training data'],
  ['quantitativeAnalyses', 'Quantitative analyses'],
  ['ethicalConsiderations', 'Ethical considerations'],
  ['caveatsAndRecommendations', 'Caveats and recommendations'],
  ['limitations', 'Known limitations'],
] as const;
export type CardSection = (typeof CARD_SECTIONS)[number][0];
export const CARD_SECTION_KEYS = CARD_SECTIONS.map(([k]) => k) as CardSection[];

const text = (max: number) => z.string().trim().max(max);
const id = z.string().min(1).max(64);

export const modelCardSchema = z.object(
  Object.fromEntries(CARD_SECTION_KEYS.map((k) => [k, text(20_000).optional()])) as Record<CardSection, z.ZodOptional<z.ZodString>>,
);
export type ModelCard = z.infer<typeof modelCardSchema>;

export const digestSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'The artifact digest must be a SHA-256 digest: exactly 64 hexadecimal characters');

const finite = (what: string) => z.number({ error: `${what} must be a number` }).finite(`${what} must be a finite number`);

export const metricSchema = z.object({
  name: text(80).min(1, 'Give the metric a name'),
  value: finite('The metric value'),
  threshold: finite('The threshold').nullable().optional(),
  direction: z.enum(['AT_LEAST', 'AT_MOST']).default('AT_LEAST'),
});
export type MetricInput = z.input<typeof metricSchema>;

export const datasetLinkSchema = z.object({
  dataset: text(200).min(1, 'Name the dataset (its id or exact name)'),
  role: z.enum(['TRAINING', 'EVALUATION']),
  transformation: text(4000).default(''),
  steps: z.array(text(500).min(1)).max(50).default([]),
});

export const robustnessSchema = z.object({
  method: text(120).min(1, 'Name the attack method'),
  budget: finite('The perturbation budget').min(0, 'The perturbation budget cannot be negative'),
  metric: text(80).min(1),
  cleanValue: finite('The clean metric'),
  attackedValue: finite('The metric under attack'),
});

export const explainabilitySchema = z.object({
  method: text(80).min(1, 'Name the method (e.g. SHAP)'),
  features: z
    .array(z.object({ name: text(200).min(1), meanAbsAttribution: finite('The attribution').min(0, 'Mean absolute attribution cannot be negative') }))
    .min(1, 'List at least one feature')
    .max(100),
});
export type Explainability = z.infer<typeof explainabilitySchema>;

const rate = (what: string) => finite(what).min(0, `${what} must be between 0 and 1`).max(1, `${what} must be between 0 and 1`).nullable().optional();

export const groupResultSchema = z.object({
  attribute: text(80).min(1, 'Give the group attribute'),
  groupValue: text(120).min(1, 'Give the group value'),
  count: z.number({ error: 'count must be a number' }).int('count must be a whole number').min(0, 'count cannot be negative'),
  positives: z.number().int().min(0, 'positives cannot be negative').nullable().optional(),
  accuracy: rate('accuracy'),
  precision: rate('precision'),
  recall: rate('recall'),
  selectionRate: rate('selectionRate'),
});

const label01 = z.union([z.literal(0), z.literal(1), z.boolean(), z.enum(['0', '1', 'true', 'false'])]).transform((v) => (v === 1 || v === true || v === '1' || v === 'true' ? 1 : 0));
export const predictionRowSchema = z.object({ y_true: label01, y_pred: label01, group: z.coerce.string().trim().min(1).max(120) });

export const fairnessUploadSchema = z.union([
  z.object({ groups: z.array(groupResultSchema).min(1, 'Send at least one group').max(5000) }),
  z.object({ attribute: text(80).min(1), predictions: z.array(predictionRowSchema).min(1, 'Send at least one prediction').max(200_000) }),
]);
export type FairnessUpload = z.input<typeof fairnessUploadSchema>;

export const modelKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lowercase letters, digits and hyphens')
  .refine((k) => k !== 'fairness-thresholds', 'This key is reserved');

export const versionLabelSchema = z
  .string()
  .trim()
  .min(1, 'Give a version label')
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Use letters, digits, dots, hyphens and underscores (e.g. 1.4.0)');

export const createModelSchema = z.object({
  systemId: id,
  key: modelKeySchema,
  name: text(160).min(1, 'Give the model a name'),
  purpose: text(2000).min(1, 'Describe the purpose'),
  ownerId: blankAsUndefined(id),
  businessOwnerId: blankAsUndefined(id),
});
export type CreateModelInput = z.input<typeof createModelSchema>;

const versionFields = {
  framework: text(120).optional(),
  artifactUri: text(1000).nullable().optional(),
  artifactDigest: digestSchema.nullable().optional(),
  artifactSize: z.number().int().min(0, 'The artifact size cannot be negative').nullable().optional(),
  hyperparameters: z.record(z.string(), z.unknown()).optional(),
  metrics: z.array(metricSchema).max(100).optional(),
  datasets: z.array(datasetLinkSchema).max(50).optional(),
  modelCard: modelCardSchema.optional(),
  robustness: z.array(robustnessSchema).max(50).optional(),
  explainability: explainabilitySchema.nullable().optional(),
  notes: text(4000).optional(),
};

export const createVersionSchema = z.object({ label: versionLabelSchema, ...versionFields });
export type CreateVersionInput = z.input<typeof createVersionSchema>;
export const updateVersionSchema = z.object(versionFields);
export type UpdateVersionInput = z.input<typeof updateVersionSchema>;

export const advanceStageSchema = z.object({ target: z.enum(['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL', 'PRODUCTION', 'DRAFT', 'RETIRED']) });

export const signOffSchema = z.object({ role: z.enum(SIGNOFF_ROLES), comment: text(2000).default('') });
export const mitigationSchema = z.object({
  attribute: text(80).min(1),
  check: z.enum(FAIRNESS_CHECKS),
  mitigation: text(4000).min(20, 'Document the mitigation (at least 20 characters)'),
});
export const thresholdsSchema = z.object({
  systemId: id,
  maxParityDifference: numeric(z.number().min(0).max(1)),
  minDisparateImpact: numeric(z.number().min(0).max(1)),
  maxOpportunityDifference: numeric(z.number().min(0).max(1)),
});
export const rollbackSchema = z.object({ reason: text(2000).min(1, 'Give a reason'), incidentId: blankAsUndefined(id) });

export const createDatasetSchema = z.object({
  name: text(200).min(1, 'Give the dataset a name'),
  description: text(4000).default(''),
  source: text(1000).default(''),
  ownerId: blankAsUndefined(id),
  classification: z.enum(CLASSIFICATIONS),
  personalData: flag.default(false),
  personalDataCategories: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(text(80).min(1)).max(30),
  ).default([]),
  legalBasis: blankAsUndefined(text(200)),
  retentionDays: blankAsUndefined(z.coerce.number().int().min(1, 'Retention must be at least one day').max(36_500)),
  deletionDate: blankAsUndefined(instantInput('Give a valid date')),
  storageLocation: text(500).default(''),
  accessPolicy: text(2000).default(''),
});
export type CreateDatasetInput = z.input<typeof createDatasetSchema>;

export const listModelsQuerySchema = z.object({
  q: blankAsUndefined(z.string().trim().max(120)),
  systemId: blankAsUndefined(id),
  stage: blankAsUndefined(z.enum(STAGES)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListModelsQuery = z.input<typeof listModelsQuerySchema>;

export const listDatasetsQuerySchema = z.object({
  q: blankAsUndefined(z.string().trim().max(120)),
  classification: blankAsUndefined(z.enum(CLASSIFICATIONS)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

// ---- Form shapes (the Server Actions parse these; the API takes JSON) ----

export const versionRefSchema = z.object({ model: z.string().min(1).max(64), version: z.string().min(1).max(64) });

function jsonText<T extends z.ZodType>(schema: T, what: string) {
  return z.preprocess((v) => {
    if (typeof v !== 'string') return v;
    if (!v.trim()) return undefined;
    try {
      const parsed: unknown = JSON.parse(v);
      // "\u0000" inside JSON text is plain ASCII until parsed: check what it became.
      return Object.keys(inputProblems(parsed)).length ? Symbol.for('unsafe-json') : parsed;
    } catch {
      return Symbol.for('invalid-json');
    }
  }, z
    .custom((v) => v !== Symbol.for('invalid-json'), { message: `${what} is not valid JSON` })
    .refine((v) => v !== Symbol.for('unsafe-json'), { message: `${what} contains a control character or an unsafe key` })
    .pipe(schema.optional()));
}

/** "name, value, >=, threshold" per line, e.g. "auc, 0.86, >=, 0.80". */
export const metricLinesSchema = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  return v
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, value, op, threshold] = line.split(',').map((s) => s.trim());
      return {
        name,
        value: value === undefined || value === '' ? Number.NaN : Number(value),
        threshold: threshold === undefined || threshold === '' ? null : Number(threshold),
        direction: op === '<=' ? 'AT_MOST' : 'AT_LEAST',
      };
    });
}, z.array(metricSchema).max(100));

const formNumber = (schema: z.ZodNumber) => blankAsUndefined(z.coerce.number({ error: 'Enter a number' }).pipe(schema));

export const createVersionFormSchema = versionRefSchema.omit({ version: true }).extend({
  label: versionLabelSchema,
  framework: text(120).default(''),
  artifactUri: blankAsUndefined(text(1000)),
  artifactDigest: blankAsUndefined(digestSchema),
  artifactSize: formNumber(z.number().int('Give the size in whole bytes').min(0, 'The artifact size cannot be negative')),
  hyperparameters: jsonText(z.record(z.string(), z.unknown()), 'Hyperparameters'),
  metrics: metricLinesSchema.default([]),
});

export const artifactFormSchema = versionRefSchema.extend({
  framework: text(120).default(''),
  artifactUri: blankAsUndefined(text(1000)),
  artifactDigest: blankAsUndefined(digestSchema),
  artifactSize: formNumber(z.number().int('Give the size in whole bytes').min(0, 'The artifact size cannot be negative')),
  metrics: metricLinesSchema.default([]),
  robustness: jsonText(z.array(robustnessSchema).max(50), 'Robustness results'),
  explainability: jsonText(explainabilitySchema, 'The explainability summary'),
});

export const cardFormSchema = versionRefSchema.extend(modelCardSchema.shape);

export const fairnessFormSchema = versionRefSchema.extend({
  kind: z.enum(['groups', 'predictions']),
  attribute: blankAsUndefined(text(80)),
  text: z.string().max(2_000_000).default(''),
  file: z.instanceof(File).optional(),
});

export const lineageFormSchema = versionRefSchema.extend({
  dataset: z.string().min(1, 'Choose a dataset').max(64),
  role: z.enum(['TRAINING', 'EVALUATION']),
  transformation: text(4000).default(''),
  steps: z.preprocess((v) => (typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v), z.array(text(500)).max(50)).default([]),
});

export const stageFormSchema = versionRefSchema.extend({ target: advanceStageSchema.shape.target, reason: blankAsUndefined(text(2000)) });
export const signOffFormSchema = versionRefSchema.extend(signOffSchema.shape);
export const mitigationFormSchema = versionRefSchema.extend(mitigationSchema.shape);
export const rollbackFormSchema = z.object({ modelId: z.string().min(1).max(64) }).extend(rollbackSchema.shape);

/** PUT /api/v1/models/gate-policy: the whole policy, every field named (null: no limit). */
export const gatePolicyInputSchema = z.object({
  requireMonitor: z.boolean(),
  minExplanationCoverage: z.number({ error: 'Give a share between 0 and 1, or null' }).min(0, 'Give a share between 0 and 1').max(1, 'Give a share between 0 and 1').nullable(),
  requireRedTeam: z.boolean(),
  maxCriticalVulnerabilityAgeDays: z.number({ error: 'Give a whole number of days, or null' }).int('Give a whole number of days').min(0, 'Give a whole number of days').max(3650, 'At most 3650 days').nullable(),
});
export type GatePolicyInput = z.infer<typeof gatePolicyInputSchema>;

/** Admin → Gate policy: an unticked box is off, a blank limit is none. */
const offWhenMissing = z.preprocess((v) => (v === undefined ? false : v), flag);
const noneWhenBlank = <T extends z.ZodType<number>>(schema: T) => z.preprocess((v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v), numeric(schema).nullable());
export const gatePolicyFormSchema = z.object({
  requireMonitor: offWhenMissing,
  minExplanationCoverage: noneWhenBlank(gatePolicyInputSchema.shape.minExplanationCoverage.unwrap()),
  requireRedTeam: offWhenMissing,
  maxCriticalVulnerabilityAgeDays: noneWhenBlank(gatePolicyInputSchema.shape.maxCriticalVulnerabilityAgeDays.unwrap()),
});
