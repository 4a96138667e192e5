import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';

const isoDate = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Use a date like 2026-01-31 or an ISO-8601 time');

export const auditEventQuerySchema = z.object({
  actor: blankAsUndefined(z.string().trim().max(200)),
  action: blankAsUndefined(z.string().trim().max(100)),
  entityType: blankAsUndefined(z.string().trim().max(100)),
  entityId: blankAsUndefined(z.string().trim().max(100)),
  from: blankAsUndefined(isoDate),
  to: blankAsUndefined(isoDate),
  /** Keyset cursor: events with a sequence number below this. */
  before: blankAsUndefined(z.coerce.number().int().positive()),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditEventQuery = z.input<typeof auditEventQuerySchema>;

export const auditEventSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z.unknown(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const auditEventPageSchema = z.object({
  items: z.array(auditEventSchema),
  nextBefore: z.number().nullable(),
});

export const verifyResultSchema = z.object({
  intact: z.boolean(),
  checked: z.number(),
  headSeq: z.number(),
  headHash: z.string(),
  firstBrokenSeq: z.number().nullable(),
  /** Events committed but not chained yet (the sealer chains them within a second). */
  pending: z.number(),
});
