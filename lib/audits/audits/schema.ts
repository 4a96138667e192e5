import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { dateSchema, idListSchema, idSchema } from '../schema';

// Zod schemas and labels for audits. Safe for the client.

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
