import type { Metadata } from 'next';
import Link from 'next/link';
import { directionSign, fmt, HealthLight } from '@/components/monitoring/badges';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, Combobox, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createMonitorAction } from '@/lib/monitoring/actions';
import { listMonitors } from '@/lib/monitoring/queries';
import { createMonitorFormSchema, listMonitorsQuerySchema } from '@/lib/monitoring/schema';

export const metadata: Metadata = { title: 'Monitoring' };

export default async function MonitoringPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listMonitorsQuerySchema.safeParse(await searchParams);
  const list = await loadPage(listMonitors(actor, parsed.success ? parsed.data : {}));
  return (
    <>
      <PageHeader
        title="Monitoring"
        description="Production behaviour of every monitored model version against its documented thresholds, per protected group, with data drift (EU AI Act Art. 72, NIST AI RMF MANAGE 4.1)."
        actions={<ButtonLink href="/monitoring/alerts?status=UNRESOLVED">Alerts</ButtonLink>}
      />
      {list.monitors.length === 0 ? (
        <EmptyState title="No model version is monitored yet">{list.capabilities.configure ? 'Configure a monitor below, then send windows from your pipeline (docs/monitoring.md).' : 'A model owner or compliance configures monitors.'}</EmptyState>
      ) : (
        <Table caption={`Monitored versions (${list.total})`} columns={['Model version', 'Status', 'Open alerts', 'Last window', 'Worst metric vs threshold', 'Owner']}>
          {list.monitors.map((m) => (
            <tr key={m.id} data-testid="monitor-row">
              <Td>
                <Link href={`/monitoring/${m.versionId}`} className="font-medium">
                  {m.model.name} {m.version}
                </Link>
                <div className="text-xs text-slate-600">
                  {m.system} {m.highRisk ? <Badge tone="warn">High risk</Badge> : null}
                </div>
              </Td>
              <Td>
                <HealthLight health={m.health} />
              </Td>
              <Td>
                {m.openBreaches + m.openWarnings === 0 ? 'None' : `${m.openBreaches} breach${m.openBreaches === 1 ? '' : 'es'}, ${m.openWarnings} warning${m.openWarnings === 1 ? '' : 's'}`}
              </Td>
              <Td>{m.lastWindowEnd ? <LocalTime iso={m.lastWindowEnd} /> : 'None yet'}</Td>
              <Td>
                {m.worst ? (
                  <>
                    {m.worst.metric}
                    {m.worst.attribute ? ` (${m.worst.attribute} ${m.worst.group})` : ''}: {fmt(m.worst.value)} {directionSign(m.worst.direction)} {m.worst.threshold}
                  </>
                ) : (
                  '—'
                )}
              </Td>
              <Td>{m.owner}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{}} basePath="/monitoring" />
      {list.capabilities.configure ? (
        <Card title="Configure a monitor" className="mt-6">
          <p className="mb-3 text-sm text-slate-700">
            The monitor watches the version&apos;s documented metrics that have a threshold, overall (the validation value as baseline) and per group, plus the system&apos;s fairness thresholds. Engineers configure monitors for the versions they own.
          </p>
          <ActionForm action={createMonitorAction} schema={createMonitorFormSchema} label="Configure a monitor" submit="Configure monitor" className="grid gap-3 sm:grid-cols-2">
            <Combobox label="Model version" name="versionId" source="model-versions" required placeholder="Type a model name or version" />
            <TextField label="Protected attributes" name="groupAttributes" hint="Separated by commas; leave empty for the attributes of the version's fairness results." />
            <TextField label="Window cadence (hours)" name="cadenceHours" type="number" defaultValue="24" />
            <TextField label="Missing data after (hours)" name="missingAfterHours" type="number" defaultValue="26" />
            <TextField label="Escalate unacknowledged breaches after (days)" name="escalateAfterDays" type="number" defaultValue="3" />
            <TextField label="Who reviews" name="reviewer" hint="For the post-market monitoring plan, e.g. the model owner weekly, compliance monthly." />
            <TextField label="Review cadence" name="reviewCadence" />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
