import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { futureDateSchema } from '../findings/schema';
import { idSchema } from '../schema';

// Evidence requests: an auditor asks an owner for evidence. Safe for the client.

export const REQUEST_STATUSES = ['OPEN', 'SUBMITTED', 'ACCEPTED', 'REJECTED'] as const;
export const REQUEST_STATUS_LABELS: Record<(typeof REQUEST_STATUSES)[number], string> = {
  OPEN: 'Open',
  SUBMITTED: 'Submitted',
  ACCEPTED: 'Accepted',
  REJECTED: 'Rejected',
};

export const createRequestSchema = z
  .object({
    title: z.string().trim().min(3, 'Say what evidence is needed').max(200),
    details: blankAsUndefined(z.string().trim().max(5000)),
    dueDate: futureDateSchema,
    auditId: blankAsUndefined(idSchema),
    requirementId: blankAsUndefined(idSchema),
    findingId: blankAsUndefined(idSchema),
    assigneeId: blankAsUndefined(idSchema),
  })
  .refine((r) => r.requirementId || r.findingId, { path: ['requirementId'], message: 'Ask on a requirement or a finding' });
export type CreateRequestInput = z.input<typeof createRequestSchema>;

export const reviewRequestSchema = z
  .object({
    id: idSchema,
    decision: z.enum(['accept', 'reject']),
    comment: blankAsUndefined(z.string().trim().max(5000)),
  })
  .refine((r) => r.decision === 'accept' || r.comment, { path: ['comment'], message: 'Say why the evidence is rejected' });

export const listRequestsQuerySchema = z.object({
  auditId: blankAsUndefined(idSchema),
  status: blankAsUndefined(z.enum(REQUEST_STATUSES)),
  mine: blankAsUndefined(z.enum(['true', 'false'])),
});
