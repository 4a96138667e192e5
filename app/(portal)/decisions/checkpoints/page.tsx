import type { Metadata } from 'next';
import { PushTargetForm } from '@/components/decisions/push-target-form';
import { Badge, type Tone } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, ConfirmAction, schemaHints } from '@/components/ui/form';
import { KeysetPagination } from '@/components/ui/keyset-pagination';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { pushCheckpointsNowAction, removePushTargetAction } from '@/lib/decisions/actions';
import { getPushTarget, listCheckpoints } from '@/lib/decisions/queries';
import { pushTargetSchema } from '@/lib/decisions/schema';

export const metadata: Metadata = { title: 'Signed checkpoints' };

const STATE: Record<string, { label: string; tone: Tone }> = {
  PUSHED: { label: 'Pushed', tone: 'good' },
  PENDING: { label: 'Pending', tone: 'warn' },
  FAILED: { label: 'Failed', tone: 'bad' },
  NOT_QUEUED: { label: 'Not queued', tone: 'neutral' },
};

export default async function CheckpointsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { cursor } = await searchParams;
  const page = await loadPage(listCheckpoints(actor, { cursor: typeof cursor === 'string' ? cursor : undefined }));
  const target = page.capabilities.configurePush ? await loadPage(getPushTarget(actor)) : null;

  return (
    <>
      <PageHeader
        title="Signed checkpoints"
        description="Every 10 minutes (and on demand) the log's Merkle root is signed with the deployment key. Each checkpoint is also written to a second place, so the proof does not live only in this database: webhook endpoints subscribed to decision_log.checkpoint, and the S3-compatible bucket below."
        actions={<ButtonLink href="/decisions">Decision log</ButtonLink>}
      />
      <Card title="Second copy in an S3-compatible bucket" className="mb-6">
        {page.bucket ? (
          <p className="mb-3 text-sm text-slate-700">
            Pushing to bucket <strong>{page.bucket.bucket}</strong> at {page.bucket.endpointHost}: {page.counts.PUSHED} pushed, {page.counts.PENDING} pending, {page.counts.FAILED} failed
            {page.counts.NOT_QUEUED ? `, ${page.counts.NOT_QUEUED} not queued` : ''}.
          </p>
        ) : (
          <p className="mb-3 text-sm text-slate-700">No bucket is configured: checkpoints live in this database{page.capabilities.configurePush ? '' : ' (an administrator can configure a bucket here)'}.</p>
        )}
        {page.capabilities.configurePush ? (
          <>
            <PushTargetForm current={target} hints={schemaHints(pushTargetSchema)} />
            {page.capabilities.pushNow ? (
              <div className="mt-4 flex flex-wrap gap-2">
                <ActionForm action={pushCheckpointsNowAction} label="Push checkpoints now" submit="Push now" variant="secondary" />
                <ConfirmAction action={removePushTargetAction} fields={{}} label="Stop pushing" buttonClassName="px-3 py-2 text-sm" title="Stop pushing checkpoints to this bucket?" body="Objects already in the bucket stay there. Checkpoints issued from now on live only in this database (and with subscribed webhooks)." />
              </div>
            ) : null}
          </>
        ) : null}
      </Card>
      {page.items.length === 0 ? (
        <EmptyState title="No checkpoints yet">A checkpoint is signed once the log holds a batch of decisions.</EmptyState>
      ) : (
        <Table caption="Signed checkpoints, newest first" columns={['Tree size', 'Decisions', 'Root hash', 'Issued', 'Push to the bucket']}>
          {page.items.map((c) => (
            <tr key={c.id} data-testid="checkpoint-row">
              <Td>{c.treeSize}</Td>
              <Td>{c.decisionCount}</Td>
              <Td><code className="text-xs break-all">{c.rootHash}</code></Td>
              <Td><LocalTime iso={c.issuedAt} /></Td>
              <Td>
                {c.push ? (
                  <div className="space-y-1 text-xs">
                    <Badge tone={STATE[c.push.state].tone}>{STATE[c.push.state].label}</Badge>
                    {c.push.pushedAt ? <div>at <LocalTime iso={c.push.pushedAt} />, ETag <code>{c.push.etag ?? '—'}</code></div> : null}
                    {c.push.attempts ? <div>{c.push.attempts} attempt(s)</div> : null}
                    {c.push.lastError && c.push.state !== 'PUSHED' ? <div className="text-red-800">{c.push.lastError}</div> : null}
                    <div className="text-slate-600"><code className="break-all">{c.push.objectKey}</code></div>
                  </div>
                ) : (
                  '—'
                )}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <KeysetPagination next={page.next} first={page.first} shown={page.items.length} params={{}} basePath="/decisions/checkpoints" />
    </>
  );
}
