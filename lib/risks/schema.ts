import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { futureDateSchema } from '@/lib/audits/findings/schema';
import { idListSchema, idSchema } from '@/lib/audits/schema';
import { RISK_CATEGORY_KEYS } from './categories';

// The risk register's schemas and types. Safe for the client.

export const TREATMENTS = ['UNDECIDED', 'MITIGATE', 'ACCEPT', 'TRANSFER', 'AVOID'] as const;
export const RISK_STATUSES = ['OPEN', 'ACCEPTED', 'CLOSED'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const TREATMENT_LABELS: Record<(typeof TREATMENTS)[number], string> = {
  UNDECIDED: 'Not decided',
  MITIGATE: 'Mitigate',
  ACCEPT: 'Accept',
  TRANSFER: 'Transfer',
  AVOID: 'Avoid',
};
export const RISK_STATUS_LABELS: Record<RiskStatus, string> = { OPEN: 'Open', ACCEPTED: 'Accepted', CLOSED: 'Closed' };
export const REVIEW_CADENCES = [30, 90, 180, 365] as const;

const level = (what: string) => z.coerce.number({ error: `Choose the ${what} from 1 to 5` }).int(`Choose the ${what} from 1 to 5`).min(1, `Choose the ${what} from 1 to 5`).max(5, `Choose the ${what} from 1 to 5`);
const optionalLevel = (what: string) => blankAsUndefined(level(what).nullable()).transform((v) => v ?? null);
const cadence = z.coerce.number().int().refine((n) => (REVIEW_CADENCES as readonly number[]).includes(n), 'Review every 30, 90, 180 or 365 days');

const riskFields = {
  title: z.string().trim().min(3, 'Give the risk a title of at least 3 characters').max(200),
  description: z.string().trim().min(1, 'Describe the risk').max(10_000),
  category: z.enum(RISK_CATEGORY_KEYS, 'Choose a category'),
  inherentLikelihood: level('inherent likelihood'),
  inherentImpact: level('inherent impact'),
  residualLikelihood: optionalLevel('residual likelihood'),
  residualImpact: optionalLevel('residual impact'),
  treatment: z.enum(TREATMENTS).default('UNDECIDED'),
  treatmentPlan: blankAsUndefined(z.string().trim().max(10_000)),
  ownerId: idSchema,
  reviewCadenceDays: blankAsUndefined(cadence).default(90),
  systemIds: idListSchema,
  modelIds: idListSchema,
  datasetIds: idListSchema,
  requirementIds: idListSchema,
  controlIds: idListSchema,
};

/** Why a form or a body cannot set ACCEPT: acceptance is its own step (an approver who is not the owner, a rationale, an expiry). */
export const ACCEPT_BY_STEP = 'Treatment ACCEPT is recorded by the acceptance step (POST /api/v1/risks/{id}/acceptance, "Accept the risk" on its page) by an approver who is not the owner';

/** One row of the import: ACCEPT stays allowed there only on a risk already accepted (checked against the stored risk). */
export const riskRowSchema = z.object(riskFields);

export const createRiskSchema = z.object({ ...riskFields, treatment: z.enum(TREATMENTS).refine((t) => t !== 'ACCEPT', ACCEPT_BY_STEP).default('UNDECIDED') });
export type CreateRiskInput = z.input<typeof createRiskSchema>;

/** An edit states the whole risk again (the form sends every field). */
export const updateRiskSchema = z.object({ id: idSchema, ...riskFields, treatment: z.enum(TREATMENTS) });
export type UpdateRiskInput = z.input<typeof updateRiskSchema>;

export const acceptRiskSchema = z.object({
  id: idSchema,
  rationale: z.string().trim().min(10, 'Explain why the risk is accepted (at least 10 characters)').max(5000),
  expiresAt: futureDateSchema,
});

export const reviewRiskSchema = z.object({ id: idSchema, note: z.string().trim().min(3, 'Say what the review found').max(5000) });
export const closeRiskSchema = z.object({ id: idSchema, reason: z.string().trim().min(3, 'Say why the risk is closed').max(5000) });

/** A treatment task: mitigation work beside the linked controls, with an owner and a due date. */
export const addRiskTaskSchema = z.object({
  riskId: idSchema,
  title: z.string().trim().min(3, 'Say what is to be done (at least 3 characters)').max(300),
  ownerId: idSchema,
  dueDate: futureDateSchema,
});
export type AddRiskTaskInput = z.input<typeof addRiskTaskSchema>;
export const setRiskTaskStatusSchema = z.object({ id: idSchema, status: z.enum(['OPEN', 'DONE'], 'Choose open or done') });

export const scaleLevelSchema = z.object({
  axis: z.enum(['LIKELIHOOD', 'IMPACT']),
  level: level('level'),
  label: z.string().trim().min(1, 'Name the level').max(40),
  description: z.string().trim().min(1, 'Describe the level').max(500),
});

export const listRisksQuerySchema = z.object({
  q: blankAsUndefined(z.string().trim().max(120)),
  category: blankAsUndefined(z.enum(RISK_CATEGORY_KEYS)),
  status: blankAsUndefined(z.enum(RISK_STATUSES)),
  treatment: blankAsUndefined(z.enum(TREATMENTS)),
  systemId: blankAsUndefined(idSchema),
  ownerId: blankAsUndefined(idSchema),
  minScore: blankAsUndefined(z.coerce.number().int().min(1).max(25)),
  reviewOverdue: blankAsUndefined(z.enum(['true', 'false'])),
  sort: z.enum(['residual', 'inherent', 'nextReview', 'ref']).default('residual'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListRisksQuery = z.input<typeof listRisksQuerySchema>;

export const riskSummarySchema = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  /** As it stands now: an acceptance past its expiry shows as OPEN before the job writes it down. */
  status: z.enum(RISK_STATUSES),
  acceptanceExpired: z.boolean(),
  treatment: z.enum(TREATMENTS),
  inherentLikelihood: z.number(),
  inherentImpact: z.number(),
  inherentScore: z.number(),
  residualLikelihood: z.number().nullable(),
  residualImpact: z.number().nullable(),
  residualScore: z.number().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  nextReviewAt: z.string(),
  reviewOverdue: z.boolean(),
  acceptanceExpiresAt: z.string().nullable(),
});
export type RiskSummary = z.infer<typeof riskSummarySchema>;

export const riskListSchema = z.object({ items: z.array(riskSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });

const cell = z.object({ likelihood: z.number(), impact: z.number(), count: z.number() });
export const heatMapSchema = z.object({ inherent: z.array(cell), residual: z.array(cell), unscoredResidual: z.number(), total: z.number() });
export type HeatMap = z.infer<typeof heatMapSchema>;

export const riskCapabilitiesSchema = z.object({ edit: z.boolean(), accept: z.boolean(), review: z.boolean(), close: z.boolean(), addTask: z.boolean() });
const link = z.object({ id: z.string(), label: z.string() });
export const riskDetailSchema = riskSummarySchema.extend({
  description: z.string(),
  treatmentPlan: z.string().nullable(),
  reviewCadenceDays: z.number(),
  lastReviewedAt: z.string().nullable(),
  acceptedByName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptanceRationale: z.string().nullable(),
  createdAt: z.string(),
  systems: z.array(link),
  models: z.array(link),
  datasets: z.array(link),
  requirements: z.array(link),
  controls: z.array(link),
  tasks: z.array(z.object({ id: z.string(), title: z.string(), ownerId: z.string(), ownerName: z.string(), dueDate: z.string(), status: z.enum(['OPEN', 'DONE']), doneAt: z.string().nullable(), overdue: z.boolean(), canUpdate: z.boolean() })),
  scoreHistory: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), inherent: z.string().nullable(), residual: z.string().nullable(), reason: z.string().nullable() })),
  capabilities: riskCapabilitiesSchema,
  /** Why the actor may not accept it, when they may not (shown beside the form). */
  acceptRefusal: z.string().nullable(),
});
export type RiskDetail = z.infer<typeof riskDetailSchema>;

export const importResultSchema = z.object({ ok: z.literal(true), created: z.number(), updated: z.number() });
export const importFormSchema = z.object({ file: z.instanceof(File, { message: 'Choose a file' }).refine((f) => f.size > 0, 'The file is empty') });
