import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';

// pg-boss's job states, in its own order.
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_STATE_LABELS: Record<JobState, string> = {
  created: 'Queued',
  retry: 'Waiting to retry',
  active: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

const queueName = z.string().max(200).regex(/^[\w.\-/]+$/, 'A queue name has letters, digits and . _ - / only');

export const listJobsQuerySchema = z.object({
  queue: blankAsUndefined(queueName),
  state: blankAsUndefined(z.enum(JOB_STATES)),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListJobsQuery = z.input<typeof listJobsQuerySchema>;

/** A job named by its queue and id, as the retry and cancel forms send it. */
export const jobRefSchema = z.object({ queue: queueName, id: z.uuid('A job id is a UUID') });

export const jobSummarySchema = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.enum(JOB_STATES),
  /** Attempts after the first so far, and how many the policy allows. */
  retryCount: z.number(),
  retryLimit: z.number(),
  createdAt: z.string(),
  startAfter: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** The error of a failed attempt, or null. */
  error: z.string().nullable(),
  /** What a completed run reported (counts of what it changed). */
  output: z.record(z.string(), z.unknown()).nullable(),
  capabilities: z.object({ retry: z.boolean(), cancel: z.boolean() }),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobQueueSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  cron: z.string().nullable(),
  retryLimit: z.number(),
  retryDelaySeconds: z.number(),
});

export const jobListSchema = z.object({
  items: z.array(jobSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Jobs per state for the chosen queue (or all queues). */
  counts: z.record(z.enum(JOB_STATES), z.number()),
  queues: z.array(jobQueueSchema),
});
export type JobList = z.infer<typeof jobListSchema>;
