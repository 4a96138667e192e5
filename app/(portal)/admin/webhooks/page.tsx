import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateEndpointForm } from '@/components/webhooks/create-endpoint-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, ConfirmAction, schemaHints, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { allowHostAction, removeAllowedHostAction } from '@/lib/webhooks/actions';
import { PRESET_LABELS } from '@/lib/webhooks/payload';
import { listAllowedHosts, listEndpoints } from '@/lib/webhooks/queries';
import { allowHostSchema, createEndpointSchema } from '@/lib/webhooks/schema';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const actor = await requireActor();
  const [endpoints, hosts] = await loadPage(() => Promise.all([listEndpoints(actor), listAllowedHosts(actor)]));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Endpoints receive the portal&rsquo;s events as signed <a href="https://www.standardwebhooks.com">Standard Webhooks</a> messages, or as Slack and Microsoft Teams messages. Failed deliveries are retried for 24 hours; then the endpoint is disabled and its owner told.
          </>
        }
      />
      <Card title="Register an endpoint" className="mb-6">
        <CreateEndpointForm hints={schemaHints(createEndpointSchema)} />
      </Card>
      {endpoints.length === 0 ? (
        <EmptyState title="No webhook endpoints yet">Register one above to send events to another system or a chat channel.</EmptyState>
      ) : (
        <Table caption="Webhook endpoints">
          <thead>
            <tr>
              <Th>Endpoint</Th>
              <Th>Format</Th>
              <Th>Events</Th>
              <Th>Last delivery</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {endpoints.map((e) => (
              <tr key={e.id}>
                <Td>
                  <Link href={`/admin/webhooks/${e.id}`} className="font-medium">
                    {e.description || e.url}
                  </Link>
                  <div className="text-xs text-slate-600">
                    <code>{e.url}</code> · {e.createdBy}
                  </div>
                </Td>
                <Td className="text-xs">{PRESET_LABELS[e.preset]}</Td>
                <Td className="max-w-xs text-xs">{e.eventTypes.join(', ')}</Td>
                <Td className="text-xs">
                  {e.lastDelivery ? (
                    <>
                      {e.lastDelivery.status.toLowerCase()}
                      {e.lastDelivery.responseCode ? ` (${e.lastDelivery.responseCode})` : ''} <LocalTime iso={e.lastDelivery.at} />
                    </>
                  ) : (
                    'none yet'
                  )}
                </Td>
                <Td>{e.disabledAt ? <Badge tone="bad">Disabled</Badge> : <Badge tone="good">Enabled</Badge>}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Card title="Internal hosts allowed" className="mt-6">
        <p className="mb-3 text-sm text-slate-700">
          Webhooks never go to private, loopback, link-local, carrier-grade NAT or multicast addresses — the portal&rsquo;s own network — unless the host is listed here. Every change is in the audit trail.
        </p>
        {hosts.length ? (
          <Table caption="Allowed internal hosts">
            <thead>
              <tr>
                <Th>Host</Th>
                <Th>Reason</Th>
                <Th>Added</Th>
                <Th><span className="sr-only">Actions</span></Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {hosts.map((h) => (
                <tr key={h.id}>
                  <Td><code>{h.host}</code></Td>
                  <Td className="text-sm">{h.reason}</Td>
                  <Td className="text-xs"><LocalTime iso={h.createdAt} dateOnly /> · {h.createdBy}</Td>
                  <Td>
                    <ConfirmAction action={removeAllowedHostAction} fields={{ id: h.id }} label="Remove" title={`Remove ${h.host} from the allow-list?`} body="Deliveries to it are refused again if it resolves to an internal address." />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="text-sm text-slate-600">No internal hosts are allowed.</p>
        )}
        <ActionForm action={allowHostAction} schema={allowHostSchema} label="Allow an internal host" submit="Allow host" variant="secondary" className="mt-4 grid gap-4 md:grid-cols-2">
          <TextField label="Host" name="host" placeholder="e.g. hooks.internal.example or 10.0.4.2" />
          <TextField label="Reason" name="reason" placeholder="e.g. the SIEM collector in our network" />
        </ActionForm>
      </Card>
    </>
  );
}
