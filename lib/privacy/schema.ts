import { z } from 'zod';
import { DECISION_REVIEW_RESULTS } from '@/lib/decisions/schema';
import { REGIMES } from './clocks';

// Zod schemas and labels of the privacy domain (safe for the client).

const text = (max = 2000) => z.string().trim().max(max);
const id = z.string().min(1).max(64);
const list = (max = 50) => z.array(z.string().trim().min(1).max(200)).max(max);

export const PROCESSING_ROLES = ['CONTROLLER', 'JOINT_CONTROLLER', 'PROCESSOR'] as const;
export const LEGAL_BASES = ['CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS'] as const;
export const LEGAL_BASIS_LABELS: Record<(typeof LEGAL_BASES)[number], string> = {
  CONSENT: 'Art. 6(1)(a) consent',
  CONTRACT: 'Art. 6(1)(b) contract',
  LEGAL_OBLIGATION: 'Art. 6(1)(c) legal obligation',
  VITAL_INTERESTS: 'Art. 6(1)(d) vital interests',
  PUBLIC_TASK: 'Art. 6(1)(e) public task',
  LEGITIMATE_INTERESTS: 'Art. 6(1)(f) legitimate interests',
};
export const ART9_CONDITIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
export const SAFEGUARDS = ['ADEQUACY', 'SCC', 'BCR', 'DEROGATION'] as const;
export const SAFEGUARD_LABELS: Record<(typeof SAFEGUARDS)[number], string> = {
  ADEQUACY: 'Adequacy decision (Art. 45)',
  SCC: 'Standard contractual clauses (Art. 46(2)(c))',
  BCR: 'Binding corporate rules (Art. 47)',
  DEROGATION: 'Derogation (Art. 49)',
};

export const purposeSchema = z
  .object({
    purpose: text(500).min(1, 'Name the purpose'),
    legalBasis: z.enum(LEGAL_BASES),
    art9Condition: z.enum(ART9_CONDITIONS).nullable().default(null),
  })
  .strict();
export const transferSchema = z.object({ country: text(100).min(2, 'Name the country'), safeguard: z.enum(SAFEGUARDS) }).strict();

export const activityFieldsSchema = z
  .object({
    name: text(200).min(2, 'Give the activity a name'),
    role: z.enum(PROCESSING_ROLES).default('CONTROLLER'),
    controllerName: text(200).default(''),
    contact: text(300).default(''),
    purposes: z.array(purposeSchema).max(20).default([]),
    subjectCategories: list().default([]),
    dataCategories: list().default([]),
    specialCategories: z.boolean().default(false),
    recipients: list().default([]),
    transfers: z.array(transferSchema).max(30).default([]),
    retention: text(1000).default(''),
    securityMeasures: text(4000).default(''),
    systemIds: z.array(id).max(50).default([]),
    datasetIds: z.array(id).max(200).default([]),
  })
  .strict();
export const createActivitySchema = activityFieldsSchema;
export type CreateActivityInput = z.input<typeof createActivitySchema>;

export const SUBJECT_REQUEST_TYPES = [
  'ACCESS',
  'RECTIFICATION',
  'ERASURE',
  'RESTRICTION',
  'PORTABILITY',
  'OBJECTION',
  'HUMAN_INTERVENTION',
  'CONTEST_DECISION',
  'CCPA_KNOW',
  'CCPA_DELETE',
  'CCPA_CORRECT',
  'CCPA_OPT_OUT_SALE',
  'CCPA_OPT_OUT_ADMT',
] as const;
export type SubjectRequestType = (typeof SUBJECT_REQUEST_TYPES)[number];
export const REQUEST_TYPE_LABELS: Record<SubjectRequestType, string> = {
  ACCESS: 'Access (Art. 15)',
  RECTIFICATION: 'Rectification (Art. 16)',
  ERASURE: 'Erasure (Art. 17)',
  RESTRICTION: 'Restriction (Art. 18)',
  PORTABILITY: 'Portability (Art. 20)',
  OBJECTION: 'Objection (Art. 21)',
  HUMAN_INTERVENTION: 'Human intervention in an automated decision (Art. 22(3))',
  CONTEST_DECISION: 'Contest an automated decision (Art. 22(3))',
  CCPA_KNOW: 'CCPA: right to know',
  CCPA_DELETE: 'CCPA: right to delete',
  CCPA_CORRECT: 'CCPA: right to correct',
  CCPA_OPT_OUT_SALE: 'CCPA: opt out of sale or sharing',
  CCPA_OPT_OUT_ADMT: 'CCPA: opt out of automated decision-making technology',
};
const CCPA_TYPES: readonly SubjectRequestType[] = ['CCPA_KNOW', 'CCPA_DELETE', 'CCPA_CORRECT', 'CCPA_OPT_OUT_SALE', 'CCPA_OPT_OUT_ADMT'];
export const regimeOfType = (t: SubjectRequestType) => (CCPA_TYPES.includes(t) ? 'CCPA' : 'GDPR');
export const ERASURE_TYPES: readonly SubjectRequestType[] = ['ERASURE', 'CCPA_DELETE'];
export const EXPORT_TYPES: readonly SubjectRequestType[] = ['ACCESS', 'PORTABILITY', 'CCPA_KNOW'];
export const HUMAN_REVIEW_TYPES: readonly SubjectRequestType[] = ['HUMAN_INTERVENTION', 'CONTEST_DECISION', 'CCPA_OPT_OUT_ADMT'];

export const REQUEST_STATUSES = ['RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REFUSED'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  RECEIVED: 'Received',
  VERIFYING: 'Verifying identity',
  IN_PROGRESS: 'In progress',
  EXTENDED: 'Extended',
  COMPLETED: 'Completed',
  REFUSED: 'Refused',
};
export const OPEN_STATUSES: readonly RequestStatus[] = ['RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED'];

export const createRequestSchema = z
  .object({
    type: z.enum(SUBJECT_REQUEST_TYPES),
    regime: z.enum(REGIMES).optional(),
    subjectName: text(200).min(1, 'Name the data subject'),
    subjectEmail: z.union([z.literal(''), z.email('A valid e-mail address').max(320)]).default(''),
    subjectRef: text(200).default(''),
    dataCategories: list(30).default([]),
    location: text(100).default(''),
    details: text(4000).default(''),
    systemId: id.optional(),
    // null and '' would coerce to 1970; refuse them as missing.
    receivedAt: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.date().min(new Date('2000-01-01T00:00:00Z'), 'Give the date the request was received')),
  })
  .strict();
export type CreateRequestInput = z.input<typeof createRequestSchema>;
export type CreateRequestData = z.output<typeof createRequestSchema>;

export const reasonSchema = z.object({ reason: text(2000).min(10, 'Give the reason (at least 10 characters)') }).strict();
export const completeRequestSchema = z.object({ note: text(2000).default('') }).strict();
// A human review (Art. 22) also names the decision reviewed and whether it was upheld or changed; its outcome is the reason.
const completeTaskShape = {
  outcome: text(2000).min(3, 'Record the outcome'),
  evidence: text(2000).default(''),
  decisionId: text(200).default(''),
  result: z.enum(DECISION_REVIEW_RESULTS, 'Say whether the decision is upheld or changed').optional(),
  newOutcome: text(100).default(''),
};
const reviewOutcomeChecks = (t: { result?: string; newOutcome: string }, ctx: z.RefinementCtx) => {
  if (t.result === 'CHANGED' && !t.newOutcome) ctx.addIssue({ code: 'custom', path: ['newOutcome'], message: 'A changed decision needs its new outcome' });
  if (t.result !== 'CHANGED' && t.newOutcome) ctx.addIssue({ code: 'custom', path: ['newOutcome'], message: 'Only a changed decision has a new outcome' });
};
export const completeTaskSchema = z.object(completeTaskShape).strict().superRefine(reviewOutcomeChecks);
export type CompleteTaskInput = z.input<typeof completeTaskSchema>;

export const listRequestsQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    type: z.enum(SUBJECT_REQUEST_TYPES).optional(),
    open: z.enum(['true', 'false']).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListRequestsQuery = z.input<typeof listRequestsQuerySchema>;

// Form shapes: the pages post flat fields; these turn them into the shapes above.
const linesOf = (v: string) => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const itemsOf = (v: string) => v.split(/[;,\n]/).map((l) => l.trim()).filter(Boolean);
const listField = z.string().max(10_000).default('').transform(itemsOf);
const ticked = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const ids = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(id).max(200)).default([]);

export const activityFormSchema = z
  .object({
    id: id.optional(),
    name: text(200).min(2, 'Give the activity a name'),
    role: z.enum(PROCESSING_ROLES).default('CONTROLLER'),
    controllerName: text(200).default(''),
    contact: text(300).default(''),
    purposes: z
      .string()
      .max(10_000)
      .default('')
      .transform((v, ctx) => {
        const out: z.infer<typeof purposeSchema>[] = [];
        for (const [i, line] of linesOf(v).entries()) {
          const [purpose = '', basis = '', art9 = ''] = line.split('|').map((s) => s.trim());
          const legalBasis = basis.toUpperCase().replace(/\s+/g, '_');
          if (!purpose || !(LEGAL_BASES as readonly string[]).includes(legalBasis) || (art9 && !(ART9_CONDITIONS as readonly string[]).includes(art9.toLowerCase()))) {
            ctx.issues.push({ code: 'custom', input: v, message: `Line ${i + 1}: write "purpose | legal basis (${LEGAL_BASES.join(', ')}) | Art. 9(2) letter (optional)"` });
            return z.NEVER;
          }
          out.push({ purpose, legalBasis: legalBasis as (typeof LEGAL_BASES)[number], art9Condition: art9 ? (art9.toLowerCase() as (typeof ART9_CONDITIONS)[number]) : null });
        }
        return out;
      }),
    subjectCategories: listField,
    dataCategories: listField,
    specialCategories: ticked.default(false),
    recipients: listField,
    transfers: z
      .string()
      .max(10_000)
      .default('')
      .transform((v, ctx) => {
        const out: z.infer<typeof transferSchema>[] = [];
        for (const [i, line] of linesOf(v).entries()) {
          const [country = '', safeguard = ''] = line.split('|').map((s) => s.trim());
          if (country.length < 2 || !(SAFEGUARDS as readonly string[]).includes(safeguard.toUpperCase())) {
            ctx.issues.push({ code: 'custom', input: v, message: `Line ${i + 1}: write "country | safeguard (${SAFEGUARDS.join(', ')})"` });
            return z.NEVER;
          }
          out.push({ country, safeguard: safeguard.toUpperCase() as (typeof SAFEGUARDS)[number] });
        }
        return out;
      }),
    retention: text(1000).default(''),
    securityMeasures: text(4000).default(''),
    systemIds: ids,
    datasetIds: ids,
  })
  .strict();

export const requestFormSchema = createRequestSchema.extend({ dataCategories: listField, systemId: z.preprocess((v) => (v === '' ? undefined : v), id.optional()) }).strict();
export const requestIdSchema = z.object({ id }).strict();
export const reasonFormSchema = reasonSchema.extend({ id }).strict();
export const completeRequestFormSchema = completeRequestSchema.extend({ id }).strict();
export const completeTaskFormSchema = z.object({ ...completeTaskShape, taskId: id, requestId: id.optional() }).strict().superRefine(reviewOutcomeChecks);

// The public form: what a visitor may ask for without an account (every right; the system of an automated
// decision is found by the privacy team from the reference).
export const PUBLIC_REQUEST_TYPES = SUBJECT_REQUEST_TYPES;
export const publicRequestSchema = z.object({
  type: z.enum(SUBJECT_REQUEST_TYPES, 'Choose what you ask for'),
  name: text(200).min(1, 'Give your name'),
  email: z.email('Give a valid e-mail address').max(254),
  reference: text(200).default(''),
  details: text(4000).default(''),
});

export const privacySettingsFormSchema = z.object({ publicFormEnabled: ticked.default(false) }).strict();

// Retention rules and the quarterly data-minimisation review.
export const RETENTION_EVENTS = ['COLLECTED', 'EVENT_DATE'] as const;
export const RETENTION_EVENT_LABELS: Record<(typeof RETENTION_EVENTS)[number], string> = {
  COLLECTED: 'from the dataset’s registration (collection)',
  EVENT_DATE: 'from a named event (contract end, account closure…)',
};
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional());
const optionalDate = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.date().min(new Date('2000-01-01T00:00:00Z'), 'Give the date of the event').optional());
export const retentionRuleSchema = z
  .object({
    datasetId: optionalId,
    category: z.preprocess((v) => (v === '' || v === null ? undefined : v), text(100).min(1).optional()),
    periodDays: z.coerce.number().int('Whole days').min(1, 'At least one day').max(36_500, 'At most 100 years'),
    event: z.enum(RETENTION_EVENTS).default('COLLECTED'),
    eventName: text(200).default(''),
    eventAt: optionalDate,
    keepBasis: text(1000).min(5, 'Name the legal basis for keeping the data until then'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.datasetId === !v.category) ctx.addIssue({ code: 'custom', path: ['datasetId'], message: 'Choose a dataset or a personal-data category (one of them)' });
    if (v.event === 'EVENT_DATE') {
      if (v.category) ctx.addIssue({ code: 'custom', path: ['event'], message: 'A category rule counts from each dataset’s collection; name an event on a dataset’s own rule' });
      if (!v.eventName) ctx.addIssue({ code: 'custom', path: ['eventName'], message: 'Name the event' });
      if (!v.eventAt) ctx.addIssue({ code: 'custom', path: ['eventAt'], message: 'Give the date of the event' });
    }
  });
export type RetentionRuleInput = z.input<typeof retentionRuleSchema>;
export const retentionRuleIdSchema = z.object({ id }).strict();

export const MINIMISATION_REASONS = ['PAST_RETENTION', 'NO_RECENT_USE', 'DEVELOPMENT_COPY'] as const;
export type MinimisationReason = (typeof MINIMISATION_REASONS)[number];
export const MINIMISATION_REASON_LABELS: Record<MinimisationReason, string> = {
  PAST_RETENTION: 'Past its retention period',
  NO_RECENT_USE: 'No recent use (no model version used it this quarter or the last)',
  DEVELOPMENT_COPY: 'Development copy of restricted data: mask or tokenize',
};
export const minimisationAnswerSchema = z
  .object({
    itemId: id,
    decision: z.enum(['KEEP', 'DELETE'], 'Choose keep or delete'),
    note: text(2000).default(''),
    evidence: text(2000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'KEEP' && v.note.length < 10) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Give the reason for keeping it (at least 10 characters)' });
    if (v.decision === 'DELETE' && v.evidence.length < 3) ctx.addIssue({ code: 'custom', path: ['evidence'], message: 'A deletion needs its evidence (job id, ticket, query log)' });
  });
export type MinimisationAnswerInput = z.input<typeof minimisationAnswerSchema>;
export const minimisationAnswerFormSchema = z.object({ reviewId: id, itemId: id, decision: z.enum(['KEEP', 'DELETE'], 'Choose keep or delete'), note: text(2000).default(''), evidence: text(2000).default('') }).strict();

/** The anonymisation check's form: a CSV sample (≤ 900 KB), the quasi-identifiers, the sensitive attribute and k. */
export const ANONYMISATION_MAX_BYTES = 900 * 1024;
export const anonymisationFormSchema = z
  .object({
    file: z
      .instanceof(File, { message: 'Choose a CSV sample' })
      .refine((f) => f.size > 0, 'The file is empty')
      .refine((f) => f.size <= ANONYMISATION_MAX_BYTES, 'The sample is larger than 900 KB; check a smaller sample'),
    // Also takes the list the form's parse already made (the action parses, then the check parses again).
    quasiIdentifiers: z.preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string().trim().min(1, 'Name at least one quasi-identifier column').max(2000)).transform(itemsOf).pipe(z.array(z.string().min(1).max(200)).min(1, 'Name at least one quasi-identifier column').max(30)),
    sensitive: z.string().trim().max(200).default(''),
    k: z.coerce.number().int().min(2, 'k is at least 2').max(1000).default(5),
    datasetId: z.preprocess((v) => (v === '' || v === null ? undefined : v), id.optional()),
  })
  .strict();
