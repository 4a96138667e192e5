import { z } from 'zod';
import { blankAsUndefined, flag } from '@/lib/api/params';
import { dateSchema, idListSchema, idSchema } from '@/lib/audits/schema';
import { TEMPLATE_KEYS } from './templates';
import { RISK_TIERS, TIER_QUESTIONS } from './tier';

export const VENDOR_CATEGORIES = ['FOUNDATION_MODEL', 'API_PROVIDER', 'DATA_VENDOR', 'LABELLING', 'HOSTING', 'OTHER'] as const;
export const CATEGORY_LABELS: Record<(typeof VENDOR_CATEGORIES)[number], string> = {
  FOUNDATION_MODEL: 'Foundation-model provider',
  API_PROVIDER: 'AI API provider',
  DATA_VENDOR: 'Data vendor',
  LABELLING: 'Labelling service',
  HOSTING: 'Hosting',
  OTHER: 'Other',
};
export const CLASSIFICATIONS = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED'] as const;
export const CONTRACT_TYPES = ['DPA', 'BAA', 'SCC', 'MSA', 'OTHER'] as const;
export const CONTRACT_LABELS: Record<(typeof CONTRACT_TYPES)[number], string> = {
  DPA: 'Data processing agreement (DPA)',
  BAA: 'Business associate agreement (BAA)',
  SCC: 'Standard contractual clauses (SCCs)',
  MSA: 'Master services agreement (MSA)',
  OTHER: 'Other',
};
export const CERTIFICATION_KINDS = ['SOC2_TYPE2', 'ISO_27001', 'ISO_42001', 'OTHER'] as const;
export const CERTIFICATION_LABELS: Record<(typeof CERTIFICATION_KINDS)[number], string> = {
  SOC2_TYPE2: 'SOC 2 Type II',
  ISO_27001: 'ISO/IEC 27001',
  ISO_42001: 'ISO/IEC 42001',
  OTHER: 'Other',
};
export const QUESTIONNAIRE_STATUSES = ['SENT', 'SUBMITTED', 'REVIEWED', 'WITHDRAWN'] as const;
/** Days before an expiry that the job warns. */
export const EXPIRY_WARNING_DAYS = 30;

const text = (max: number) => z.string().trim().max(max);
const lines = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/\r?\n|,/).map((s) => s.trim()).filter(Boolean) : v === undefined ? [] : v),
  z.array(z.string().trim().min(1).max(200)).max(100),
);

export const vendorFieldsSchema = z.object({
  name: text(200).min(2, 'Give the vendor a name'),
  category: z.enum(VENDOR_CATEGORIES, { error: 'Choose a category' }),
  website: blankAsUndefined(z.url('Enter a full URL (https://…)').max(500).refine((u) => /^https?:\/\//i.test(u), 'Only http(s) links')),
  contactName: blankAsUndefined(text(200)),
  contactEmail: blankAsUndefined(z.email('Enter an e-mail address').max(320)),
  services: text(5000).min(2, 'Say which services you use'),
  dataShared: blankAsUndefined(text(5000)),
  dataClassification: z.enum(CLASSIFICATIONS).default('INTERNAL'),
  subprocessors: lines.default([]),
  aiSystemIds: idListSchema,
  modelIds: idListSchema,
  datasetIds: idListSchema,
  reviewCadenceMonths: z.coerce.number().int('Whole months').min(1, 'At least 1 month').max(60, 'At most 60 months').default(12),
  ownerId: blankAsUndefined(idSchema),
});
export const createVendorSchema = vendorFieldsSchema;
export type CreateVendorInput = z.input<typeof createVendorSchema>;
export const updateVendorSchema = vendorFieldsSchema.partial().extend({ id: idSchema });
export type UpdateVendorInput = z.input<typeof updateVendorSchema>;

const tick = flag.optional().default(false);
/** The tiering questions of lib/vendors/tier.ts, as checkboxes. */
export const tierAnswersSchema = z.object({
  id: idSchema,
  personalData: tick,
  sensitiveData: tick,
  highRiskSystem: tick,
  trainsOnOurData: tick,
  customerFacing: tick,
  noAlternative: tick,
} satisfies Record<'id' | (typeof TIER_QUESTIONS)[number]['key'], z.ZodType>);

export const addContractSchema = z.object({
  vendorId: idSchema,
  type: z.enum(CONTRACT_TYPES, { error: 'Choose a contract type' }),
  reference: blankAsUndefined(text(200)),
  signedAt: blankAsUndefined(dateSchema),
  expiresAt: blankAsUndefined(dateSchema),
});
export const addCertificationSchema = z.object({
  vendorId: idSchema,
  kind: z.enum(CERTIFICATION_KINDS, { error: 'Choose a certification' }),
  label: blankAsUndefined(text(200)),
  expiresAt: blankAsUndefined(dateSchema),
});
export const removeItemSchema = z.object({ vendorId: idSchema, itemId: idSchema });
export const markReviewedSchema = z.object({ id: idSchema });

export const sendQuestionnaireSchema = z.object({
  vendorId: idSchema,
  templateKey: z.enum(TEMPLATE_KEYS, { error: 'Choose a questionnaire' }),
  expiresInDays: z.coerce.number().int().min(1, 'At least 1 day').max(90, 'At most 90 days').default(30),
});
export const questionnaireIdSchema = z.object({ id: idSchema });

/** Form fields `answers.<question key>` become `{ answers: { <key>: … } }` (JSON bodies send the object itself). */
function nestPrefixed(prefixes: readonly string[]) {
  return (raw: unknown) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      const prefix = prefixes.find((p) => k.startsWith(`${p}.`));
      if (!prefix) {
        out[k] = v;
        continue;
      }
      const group = (out[prefix] ??= {}) as Record<string, unknown>;
      if (typeof group === 'object') group[k.slice(prefix.length + 1)] = v;
    }
    return out;
  };
}

/** A vendor's answers from the link form: `answers.<key>` and `attachments.<key>`. */
const linkAnswerFields = {
  token: z.string().min(1).max(100),
  answers: z.record(z.string().max(100), text(10_000)).default({}),
  attachments: z.record(z.string().max(100), z.union([z.literal(''), z.url('Enter a full URL (https://…)').max(2000).refine((u) => /^https:\/\//i.test(u), 'Only https links')])).default({}),
};
export const linkAnswersSchema = z.preprocess(nestPrefixed(['answers', 'attachments']), z.object(linkAnswerFields));
export type LinkAnswersInput = z.input<typeof linkAnswersSchema>;
/** The vendor's one form: the answers as typed, and which button sent them (save a draft, or submit). */
export const linkAnswersFormSchema = z.preprocess(nestPrefixed(['answers', 'attachments']), z.object({ ...linkAnswerFields, intent: z.enum(['save', 'submit']).default('save') }));

/** The fields beside the file when a vendor attaches a document through the link (lib/vendors/documents.ts). */
export const attachDocumentFieldsSchema = z.object({
  question: z.string({ error: 'Choose the question the document supports' }).trim().min(1, 'Choose the question the document supports').max(100),
});
export const removeDocumentByLinkSchema = z.object({
  token: z.string().min(1).max(100),
  documentId: z.string().min(1).max(64),
});

export const reviewNotesSchema = z.preprocess(nestPrefixed(['notes']), z.object({
  id: idSchema,
  notes: z.record(z.string().max(100), text(5000)).default({}),
  summary: blankAsUndefined(text(5000)),
  complete: flag.optional().default(false),
}));

export const listVendorsQuerySchema = z.object({
  q: blankAsUndefined(text(200)),
  category: blankAsUndefined(z.enum(VENDOR_CATEGORIES)),
  tier: blankAsUndefined(z.enum(RISK_TIERS)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type ListVendorsQuery = z.input<typeof listVendorsQuerySchema>;

const iso = z.string();
export const vendorSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(VENDOR_CATEGORIES),
  riskTier: z.enum(RISK_TIERS).nullable(),
  dataClassification: z.enum(CLASSIFICATIONS),
  nextReviewAt: iso.nullable(),
  reviewOverdue: z.boolean(),
  nextExpiry: z.object({ what: z.string(), at: iso }).nullable(),
  openQuestionnaires: z.number(),
});
export type VendorSummary = z.infer<typeof vendorSummarySchema>;
export const vendorListSchema = z.object({ items: z.array(vendorSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const vendorDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(VENDOR_CATEGORIES),
  website: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  services: z.string(),
  dataShared: z.string().nullable(),
  dataClassification: z.enum(CLASSIFICATIONS),
  riskTier: z.enum(RISK_TIERS).nullable(),
  tierAnswers: z.record(z.string(), z.boolean()),
  subprocessors: z.array(z.string()),
  systems: z.array(z.object({ id: z.string(), name: z.string() })),
  models: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
  datasets: z.array(z.object({ id: z.string(), name: z.string() })),
  reviewCadenceMonths: z.number(),
  lastReviewedAt: iso.nullable(),
  nextReviewAt: iso.nullable(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  contracts: z.array(z.object({ id: z.string(), type: z.enum(CONTRACT_TYPES), reference: z.string().nullable(), signedAt: iso.nullable(), expiresAt: iso.nullable(), state: z.enum(['valid', 'expiring', 'expired', 'no-expiry']) })),
  certifications: z.array(z.object({ id: z.string(), kind: z.enum(CERTIFICATION_KINDS), label: z.string().nullable(), expiresAt: iso.nullable(), state: z.enum(['valid', 'expiring', 'expired', 'no-expiry']) })),
  questionnaires: z.array(z.object({ id: z.string(), templateKey: z.string(), title: z.string(), status: z.enum(QUESTIONNAIRE_STATUSES), sentAt: iso, submittedAt: iso.nullable(), reviewedAt: iso.nullable(), linkState: z.enum(['active', 'expired', 'revoked', 'used']).nullable(), linkExpiresAt: iso.nullable() })),
  capabilities: z.object({ edit: z.boolean(), sendQuestionnaire: z.boolean() }),
});
export type VendorDetail = z.infer<typeof vendorDetailSchema>;
