import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { idListSchema, idSchema } from '../schema';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;
export const FINDING_STATUSES = ['OPEN', 'IN_REMEDIATION', 'READY_FOR_VERIFICATION', 'CLOSED', 'RISK_ACCEPTED'] as const;
export const FINDING_SOURCES = ['AUDIT', 'INCIDENT', 'SELF_IDENTIFIED', 'RED_TEAM'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = { CRITICAL: 'Critical', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' };
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  OPEN: 'Open',
  IN_REMEDIATION: 'Remediation in progress',
  READY_FOR_VERIFICATION: 'Ready for verification',
  CLOSED: 'Closed',
  RISK_ACCEPTED: 'Risk accepted',
};
export const SOURCE_LABELS: Record<(typeof FINDING_SOURCES)[number], string> = {
  AUDIT: 'Audit',
  INCIDENT: 'Incident',
  SELF_IDENTIFIED: 'Self-identified',
  RED_TEAM: 'Red team',
};

/** A calendar date (YYYY-MM-DD) that is today or later, in UTC. */
export const futureDateSchema = z.iso
  .date('Enter a date as YYYY-MM-DD')
  .refine((d) => d >= new Date().toISOString().slice(0, 10), 'The due date cannot be in the past');

export const createFindingSchema = z.object({
  title: z.string().trim().min(3, 'Give the finding a title of at least 3 characters').max(200),
  description: z.string().trim().min(1, 'Describe the finding').max(10_000),
  severity: z.enum(SEVERITIES),
  source: z.enum(FINDING_SOURCES).default('SELF_IDENTIFIED'),
  auditId: blankAsUndefined(idSchema),
  incidentId: blankAsUndefined(idSchema),
  ownerId: blankAsUndefined(idSchema),
  remediationPlan: blankAsUndefined(z.string().trim().max(10_000)),
  /** Omit to use the default for the severity. */
  dueDate: blankAsUndefined(futureDateSchema),
  requirementIds: idListSchema,
  controlIds: idListSchema,
  systemIds: idListSchema,
  modelVersionIds: idListSchema,
});
export type CreateFindingInput = z.input<typeof createFindingSchema>;

export const updateFindingSchema = z.object({
  id: idSchema,
  title: blankAsUndefined(z.string().trim().min(3).max(200)),
  description: blankAsUndefined(z.string().trim().max(10_000)),
  severity: blankAsUndefined(z.enum(SEVERITIES)),
  ownerId: blankAsUndefined(idSchema),
  remediationPlan: z.string().trim().max(10_000).optional(),
  dueDate: blankAsUndefined(futureDateSchema),
});
export type UpdateFindingInput = z.input<typeof updateFindingSchema>;

export const TRANSITIONS = ['start_remediation', 'ready_for_verification', 'close', 'reject_verification', 'reopen'] as const;
export type Transition = (typeof TRANSITIONS)[number];
export const transitionSchema = z.object({
  id: idSchema,
  transition: z.enum(TRANSITIONS),
  comment: blankAsUndefined(z.string().trim().max(5000)),
});

export const acceptRiskSchema = z.object({
  id: idSchema,
  rationale: z.string().trim().min(10, 'Explain why the risk is accepted (at least 10 characters)').max(5000),
  expiresAt: futureDateSchema,
});

export const commentSchema = z.object({
  id: idSchema,
  body: z.string().trim().min(1, 'Write a comment').max(5000),
});

export const listFindingsQuerySchema = z.object({
  q: blankAsUndefined(z.string().trim().max(120)),
  auditId: blankAsUndefined(idSchema),
  severity: blankAsUndefined(z.enum(SEVERITIES)),
  status: blankAsUndefined(z.enum([...FINDING_STATUSES, 'ACTIVE'] as const)),
  ownerId: blankAsUndefined(idSchema),
  frameworkId: blankAsUndefined(idSchema),
  overdue: blankAsUndefined(z.enum(['true', 'false'])),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListFindingsQuery = z.input<typeof listFindingsQuerySchema>;

export const findingSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  /** As it stands now: an accepted risk past its expiry shows as OPEN. */
  status: z.enum(FINDING_STATUSES),
  /** The risk acceptance ran out; the scheduled reopening has not written it down yet. */
  riskAcceptanceExpired: z.boolean(),
  source: z.enum(FINDING_SOURCES),
  auditId: z.string().nullable(),
  auditTitle: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  ageDays: z.number(),
  overdue: z.boolean(),
});
export type FindingSummary = z.infer<typeof findingSummarySchema>;

export const findingListSchema = z.object({
  items: z.array(findingSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ACTIVE_STATUSES: FindingStatus[] = ['OPEN', 'IN_REMEDIATION', 'READY_FOR_VERIFICATION'];
