import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';

// Zod schemas and labels for audits, certifications and the workspace
// settings. Safe for the client.

export const AUDIT_KINDS = ['INTERNAL', 'EXTERNAL', 'CERTIFICATION'] as const;
export const AUDIT_STANDARDS = ['SOC2_TYPE2', 'ISO_27001', 'ISO_42001', 'HIPAA', 'EU_AI_ACT', 'OTHER'] as const;
export const AUDIT_STATUSES = ['PLANNED', 'FIELDWORK', 'REPORTING', 'CLOSED'] as const;

export const AUDIT_KIND_LABELS: Record<(typeof AUDIT_KINDS)[number], string> = {
  INTERNAL: 'Internal',
  EXTERNAL: 'External',
  CERTIFICATION: 'Certification',
};
export const STANDARD_LABELS: Record<(typeof AUDIT_STANDARDS)[number], string> = {
  SOC2_TYPE2: 'SOC 2 Type II',
  ISO_27001: 'ISO/IEC 27001',
  ISO_42001: 'ISO/IEC 42001',
  HIPAA: 'HIPAA',
  EU_AI_ACT: 'EU AI Act conformity assessment',
  OTHER: 'Other',
};
export const AUDIT_STATUS_LABELS: Record<(typeof AUDIT_STATUSES)[number], string> = {
  PLANNED: 'Planned',
  FIELDWORK: 'Fieldwork',
  REPORTING: 'Reporting',
  CLOSED: 'Closed',
};

export const idSchema = z.string().min(1).max(64);
const dateSchema = z.iso.date('Enter a date as YYYY-MM-DD');
/** Ids from a form (one or many) or JSON (an array). */
export const idListSchema = z
  .preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(idSchema).max(500))
  .default([]);

export const auditInputSchema = z
  .object({
    title: z.string().trim().min(3, 'Give the audit a title of at least 3 characters').max(200),
    kind: z.enum(AUDIT_KINDS),
    standard: z.enum(AUDIT_STANDARDS),
    firm: blankAsUndefined(z.string().trim().max(200)),
    periodStart: dateSchema,
    periodEnd: dateSchema,
    status: z.enum(AUDIT_STATUSES).default('PLANNED'),
    frameworkIds: idListSchema,
    systemIds: idListSchema,
    auditorIds: idListSchema,
  })
  .refine((a) => a.periodEnd >= a.periodStart, { path: ['periodEnd'], message: 'The period must end on or after its start' });
export type AuditInput = z.input<typeof auditInputSchema>;

export const updateAuditSchema = z.object({
  id: idSchema,
  status: blankAsUndefined(z.enum(AUDIT_STATUSES)),
  firm: blankAsUndefined(z.string().trim().max(200)),
  /** Absent keeps the current auditors; a list replaces them. */
  auditorIds: z.preprocess((v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(idSchema).max(500).optional()),
  reportEvidenceId: blankAsUndefined(idSchema),
});
export type UpdateAuditInput = z.input<typeof updateAuditSchema>;

export const listAuditsQuerySchema = z.object({
  status: blankAsUndefined(z.enum(AUDIT_STATUSES)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditsQuery = z.input<typeof listAuditsQuerySchema>;

export const certificationInputSchema = z
  .object({
    name: z.string().trim().min(2, 'Name the certification').max(200),
    standard: z.enum(AUDIT_STANDARDS),
    issuer: z.string().trim().min(2, 'Name the issuer').max(200),
    scope: z.string().trim().min(2, 'Describe the scope').max(2000),
    issuedAt: dateSchema,
    expiresAt: dateSchema,
    auditId: blankAsUndefined(idSchema),
    reportEvidenceId: blankAsUndefined(idSchema),
  })
  .refine((c) => c.expiresAt > c.issuedAt, { path: ['expiresAt'], message: 'The expiry date must be after the issue date' });
export type CertificationInput = z.input<typeof certificationInputSchema>;

export const SEVERITY_KEYS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
const days = z.coerce.number().int().min(1, 'At least 1 day').max(3650, 'At most 10 years');

export const auditSettingsSchema = z.object({
  dueDays: z.object({ CRITICAL: days, HIGH: days, MEDIUM: days, LOW: days }),
  /** Every auditor sees every audit (an internal audit function). */
  allAuditorsSeeAll: z.boolean(),
  /** Auditors who are internal staff and see everything. */
  internalAuditorIds: z.array(idSchema).max(500),
});
export type AuditSettings = z.infer<typeof auditSettingsSchema>;

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = {
  dueDays: { CRITICAL: 30, HIGH: 60, MEDIUM: 90, LOW: 180 },
  allAuditorsSeeAll: false,
  internalAuditorIds: [],
};

/** The settings form: flat fields and a checkbox. */
export const auditSettingsFormSchema = z.object({
  dueCRITICAL: days,
  dueHIGH: days,
  dueMEDIUM: days,
  dueLOW: days,
  allAuditorsSeeAll: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  internalAuditorIds: idListSchema,
});

export const CERT_EXPIRY_WARN_DAYS = 90;
