import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, type Tone } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, Th } from '@/components/ui/table';
import { ConfirmAction, inputClass } from '@/components/ui/form';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { cancelJobAction, retryJobAction } from '@/lib/jobs/actions';
import { listJobs } from '@/lib/jobs/queries';
import { JOB_STATE_LABELS, JOB_STATES, listJobsQuerySchema, type JobState } from '@/lib/jobs/schema';

export const metadata: Metadata = { title: 'Jobs' };

const STATE_TONES: Record<JobState, Tone> = {
  created: 'info',
  retry: 'warn',
  active: 'info',
  completed: 'good',
  cancelled: 'neutral',
  failed: 'bad',
};

function summarise(output: Record<string, unknown> | null): string {
  if (!output) return '';
  return Object.entries(output)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listJobsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listJobsQuerySchema.parse({});
  const list = await loadPage(listJobs(actor, query));
  const filtered = Boolean(query.queue || query.state);

  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work on the PostgreSQL job queue: the scheduled jobs that write every time-based change (with its audit event), and their runs."
      />
      {!parsed.success ? <p role="alert" className="mb-4 text-sm text-red-700">Some filters were not understood and were ignored.</p> : null}

      <Card title="Scheduled jobs" className="mb-6">
        <Table caption="Registered queues, their schedules (UTC) and retry policies" columns={['Queue', 'What it does', 'Schedule', 'Retries']}>
          {list.queues.map((q) => (
            <tr key={q.name}>
              <Td><code className="text-xs">{q.name}</code></Td>
              <Td className="text-sm">{q.description ?? '—'}</Td>
              <Td><code className="text-xs">{q.cron ?? 'on demand'}</code></Td>
              <Td className="text-sm">{q.retryLimit} × from {q.retryDelaySeconds} s, doubling</Td>
            </tr>
          ))}
        </Table>
      </Card>

      <form className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter jobs">
        <div>
          <label htmlFor="f-queue" className="block text-sm font-medium">Queue</label>
          <select id="f-queue" name="queue" defaultValue={query.queue ?? ''} className={inputClass}>
            <option value="">Any</option>
            {list.queues.map((q) => (
              <option key={q.name} value={q.name}>{q.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-state" className="block text-sm font-medium">State</label>
          <select id="f-state" name="state" defaultValue={query.state ?? ''} className={inputClass}>
            <option value="">Any</option>
            {JOB_STATES.map((s) => (
              <option key={s} value={s}>{JOB_STATE_LABELS[s]} ({list.counts[s]})</option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
        {filtered ? <Link href="/admin/jobs" className="py-2 text-sm">Clear filters</Link> : null}
      </form>

      {list.items.length === 0 ? (
        <EmptyState title="No jobs match">Scheduled jobs appear here once they have run.</EmptyState>
      ) : (
        <Table caption="Jobs, newest first">
          <thead>
            <tr>
              <Th>Queue</Th>
              <Th>State</Th>
              <Th>Attempts</Th>
              <Th>Created</Th>
              <Th>Started</Th>
              <Th>Finished</Th>
              <Th>Result or error</Th>
              <Th><span className="sr-only">Actions</span></Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {list.items.map((job) => (
              <tr key={job.id} data-testid={`job-row-${job.id}`}>
                <Td>
                  <code className="text-xs">{job.queue}</code>
                  <div className="text-xs text-slate-600">{job.id}</div>
                </Td>
                <Td><Badge tone={STATE_TONES[job.state]}>{JOB_STATE_LABELS[job.state]}</Badge></Td>
                <Td className="text-sm">
                  {job.retryCount + 1} of {job.retryLimit + 1}
                  {job.retryCount > 0 ? <div className="text-xs text-slate-600">retried {job.retryCount}×</div> : null}
                </Td>
                <Td><LocalTime iso={job.createdAt} /></Td>
                <Td><LocalTime iso={job.startedAt} /></Td>
                <Td><LocalTime iso={job.completedAt} /></Td>
                <Td className="max-w-sm text-xs">
                  {job.error ? <span className="text-red-800">{job.error}</span> : summarise(job.output)}
                </Td>
                <Td>
                  <div className="flex gap-2">
                    {job.capabilities.retry ? (
                      <ConfirmAction
                        action={retryJobAction}
                        fields={{ queue: job.queue, id: job.id }}
                        label="Retry"
                        variant="secondary"
                        title={`Retry this ${job.queue} job?`}
                        body="It goes back to the queue for one more attempt. The retry is recorded in the audit trail."
                      />
                    ) : null}
                    {job.capabilities.cancel ? (
                      <ConfirmAction
                        action={cancelJobAction}
                        fields={{ queue: job.queue, id: job.id }}
                        label="Cancel"
                        title={`Cancel this ${job.queue} job?`}
                        body="It will not run. The cancellation is recorded in the audit trail."
                        confirmLabel="Cancel the job"
                      />
                    ) : null}
                  </div>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{ queue: query.queue, state: query.state }} basePath="/admin/jobs" />
    </>
  );
}
