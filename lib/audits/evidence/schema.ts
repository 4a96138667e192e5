import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { idListSchema, idSchema } from '../schema';

export const evidenceMetaSchema = z.object({
  title: z.string().trim().min(2, 'Give the evidence a title').max(200),
  description: blankAsUndefined(z.string().trim().max(5000)),
  /** For a link instead of a file. */
  url: blankAsUndefined(z.url('Enter a full URL (https://…)').max(2000).refine((u) => /^https?:\/\//i.test(u), 'Only http(s) links')),
  validUntil: blankAsUndefined(z.iso.date('Enter a date as YYYY-MM-DD')),
  collectedAt: blankAsUndefined(z.iso.date('Enter a date as YYYY-MM-DD')),
  ownerId: blankAsUndefined(idSchema),
  requirementIds: idListSchema,
  cellIds: idListSchema,
  controlIds: idListSchema,
  findingIds: idListSchema,
  modelVersionIds: idListSchema,
  /** Fulfils this evidence request. */
  requestId: blankAsUndefined(idSchema),
});
export type EvidenceMetaInput = z.input<typeof evidenceMetaSchema>;

export const withdrawEvidenceSchema = z.object({
  id: idSchema,
  reason: z.string().trim().min(3, 'Say why the evidence is withdrawn').max(2000),
  /** The evidence that replaces it, when it is superseded. */
  supersededById: blankAsUndefined(idSchema),
});
export type WithdrawEvidenceInput = z.input<typeof withdrawEvidenceSchema>;

export const listEvidenceQuerySchema = z.object({
  q: blankAsUndefined(z.string().trim().max(120)),
  stale: blankAsUndefined(z.enum(['true', 'false'])),
  findingId: blankAsUndefined(idSchema),
  requirementId: blankAsUndefined(idSchema),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListEvidenceQuery = z.input<typeof listEvidenceQuerySchema>;

export const evidenceSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['FILE', 'LINK']),
  fileName: z.string().nullable(),
  contentType: z.string().nullable(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  url: z.string().nullable(),
  ownerName: z.string().nullable(),
  collectedByName: z.string().nullable(),
  collectedAt: z.string(),
  validUntil: z.string().nullable(),
  stale: z.boolean(),
  withdrawnAt: z.string().nullable(),
  supersededById: z.string().nullable(),
  capabilities: z.object({ withdraw: z.boolean() }),
});
export type EvidenceSummary = z.infer<typeof evidenceSummarySchema>;

export const evidenceListSchema = z.object({ items: z.array(evidenceSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });
