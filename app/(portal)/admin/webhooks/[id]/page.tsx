import type { Metadata } from 'next';
import Link from 'next/link';
import { RotateSecretForm } from '@/components/webhooks/rotate-secret-form';
import { Badge, type Tone } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, ConfirmAction, schemaHints } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td, Th } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { deleteEndpointAction, replayDeliveryAction, sendTestEventAction, setEndpointEnabledAction } from '@/lib/webhooks/actions';
import { PRESET_LABELS } from '@/lib/webhooks/payload';
import { getEndpoint } from '@/lib/webhooks/queries';
import { deliveryPageSchema, rotateSecretSchema } from '@/lib/webhooks/schema';

export const metadata: Metadata = { title: 'Webhook endpoint' };

const STATUS_TONE: Record<string, Tone> = { PENDING: 'warn', SUCCEEDED: 'good', FAILED: 'bad' };

export default async function WebhookEndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { page } = deliveryPageSchema.parse(await searchParams);
  const { endpoint, deliveries, total, pageSize } = await loadPage(getEndpoint(actor, id, page));
  return (
    <>
      <PageHeader
        title={endpoint.description || endpoint.url}
        description={
          <>
            <Link href="/admin/webhooks">Webhooks</Link> · <code>{endpoint.url}</code> · {PRESET_LABELS[endpoint.preset]}
          </>
        }
        actions={endpoint.disabledAt ? <Badge tone="bad">Disabled</Badge> : <Badge tone="good">Enabled</Badge>}
      />
      {endpoint.disabledAt ? (
        <p className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm" role="status">
          Disabled <LocalTime iso={endpoint.disabledAt} />. {endpoint.disabledReason}
        </p>
      ) : null}
      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card title="Endpoint">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Events</dt>
            <dd>{endpoint.eventTypes.join(', ')}</dd>
            <dt className="font-medium">Secret</dt>
            <dd>
              <code>{endpoint.secretPrefix}</code>
              {endpoint.previousSecretActiveUntil ? (
                <> (the previous secret also signs until <LocalTime iso={endpoint.previousSecretActiveUntil} />)</>
              ) : null}
            </dd>
            <dt className="font-medium">Registered</dt>
            <dd><LocalTime iso={endpoint.createdAt} /> by {endpoint.createdBy}</dd>
          </dl>
          <div className="mt-4 flex flex-wrap gap-2">
            {endpoint.disabledAt ? null : <ActionForm action={sendTestEventAction} label="Send a test message" fields={{ id: endpoint.id }} submit="Send test message" variant="secondary" />}
            <ActionForm
              action={setEndpointEnabledAction}
              label={endpoint.disabledAt ? 'Enable the endpoint' : 'Disable the endpoint'}
              fields={{ id: endpoint.id, enabled: endpoint.disabledAt ? 'true' : 'false' }}
              submit={endpoint.disabledAt ? 'Enable' : 'Disable'}
              variant="secondary"
            />
            <ConfirmAction action={deleteEndpointAction} fields={{ id: endpoint.id }} label="Delete endpoint" buttonClassName="px-3 py-2 text-sm" title="Delete this endpoint?" body="It receives nothing more and its delivery log is deleted with it. The audit trail keeps the record." />
          </div>
        </Card>
        <Card title="Signing secret">
          <RotateSecretForm id={endpoint.id} hints={schemaHints(rotateSecretSchema)} />
        </Card>
      </div>
      <h2 className="mb-2">Delivery log</h2>
      {deliveries.length === 0 ? (
        <EmptyState title="No deliveries yet">Deliveries appear here when a subscribed event happens, or send a test message.</EmptyState>
      ) : (
        <>
          <Table caption="Deliveries, newest first">
            <thead>
              <tr>
                <Th>Event</Th>
                <Th>Status</Th>
                <Th>Response</Th>
                <Th>Duration</Th>
                <Th>Last attempt</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {deliveries.map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <Td>
                    <code className="text-xs">{d.eventType}</code>
                    <div className="text-sm">{d.summary}</div>
                    {d.replayOfId ? <div className="text-xs text-slate-600">Replay</div> : null}
                  </Td>
                  <Td>
                    <Badge tone={STATUS_TONE[d.status]}>{d.status === 'PENDING' ? 'Pending' : d.status === 'SUCCEEDED' ? 'Delivered' : 'Failed'}</Badge>
                    <div className="text-xs text-slate-600">
                      {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                      {d.status === 'PENDING' && d.nextAttemptAt ? <> · next <LocalTime iso={d.nextAttemptAt} /></> : null}
                    </div>
                  </Td>
                  <Td className="text-sm">
                    {d.responseCode ?? '—'}
                    {d.lastError ? <div className="max-w-xs break-words text-xs text-slate-600">{d.lastError}</div> : null}
                  </Td>
                  <Td className="text-sm">{d.durationMs == null ? '—' : `${d.durationMs} ms`}</Td>
                  <Td className="text-sm"><LocalTime iso={d.lastAttemptAt ?? d.createdAt} /></Td>
                  <Td>{d.canReplay ? <ActionForm action={replayDeliveryAction} label={`Replay ${d.eventType}`} fields={{ deliveryId: d.id }} submit="Replay" variant="secondary" submitClassName="px-2 py-1 text-xs" /> : null}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={page} pageSize={pageSize} total={total} params={{}} basePath={`/admin/webhooks/${endpoint.id}`} />
        </>
      )}
    </>
  );
}
