import { systemActor, type Actor } from '@/lib/auth/actor';

/** What a handler knows about the run it is part of. */
export type JobContext = {
  jobId: string;
  name: string;
  /** The time the run acts on: every time-based rule compares against this. */
  now: Date;
  /** 0 on the first attempt. */
  retryCount: number;
  signal: AbortSignal;
  /** The identity the run writes under in an organisation: a system actor,
   *  labelled with the job's name, whose request id is the job's id. */
  actor(orgId: string): Actor;
};

export type RetryPolicy = {
  /** Attempts after the first. */
  limit: number;
  /** The first retry waits this long; each further one about twice as long. */
  delaySeconds: number;
  maxDelaySeconds?: number;
};

export type JobDefinition = {
  /** Queue name: `<domain>.<what-it-does>`. */
  name: string;
  description: string;
  /** Five-field cron expression in UTC; absent for jobs that are only sent. */
  cron?: string;
  retry: RetryPolicy;
  /** Also run once when an app or worker process starts (catches up on runs missed while it was down). */
  runOnStart?: boolean;
  /** A run still active after this long is failed (and retried). */
  timeoutSeconds?: number;
  /** What the run did, kept as the job's output (shown on Admin → Jobs). */
  handler(ctx: JobContext, data: unknown): Promise<Record<string, unknown> | void>;
};

export function defineJob(definition: JobDefinition): JobDefinition {
  if (!/^[a-z0-9-]+\.[a-z0-9.-]+$/.test(definition.name)) throw new Error(`job name "${definition.name}" must look like <domain>.<what-it-does>`);
  return definition;
}

export function jobActor(orgId: string, name: string, jobId: string): Actor {
  return { ...systemActor(orgId, `job:${name}`), request: { id: `job:${jobId}`, ip: null } };
}
