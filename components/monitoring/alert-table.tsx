import Link from 'next/link';
import { ActionForm, TextAreaField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { acknowledgeAlertAction, resolveAlertAction } from '@/lib/monitoring/actions';
import { alertActionFormSchema } from '@/lib/monitoring/schema';
import { AlertStatusBadge, fmt, LevelBadge } from './badges';

export type AlertRow = {
  id: string;
  title: string;
  kind: string;
  level: string;
  status: string;
  value: number | null;
  threshold: number | null;
  versionId: string;
  openedAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgeNote: string | null;
  resolvedAt: string | null;
  resolveNote: string | null;
  escalatedAt: string | null;
  incidentId: string | null;
  capabilities: { acknowledge: boolean; resolve: boolean };
};

const KIND = { METRIC: 'Metric', DRIFT: 'Drift', MISSING_DATA: 'Missing data' } as Record<string, string>;

/** Alerts with their lifecycle; the acknowledge and resolve forms appear where the record's capabilities allow them. */
export function AlertTable({ caption, alerts, showVersion = true }: { caption: string; alerts: AlertRow[]; showVersion?: boolean }) {
  return (
    <Table caption={caption} columns={['Alert', 'Kind', 'Level', 'Value / threshold', 'Opened', 'Status', 'Actions']}>
      {alerts.map((a) => (
        <tr key={a.id} data-testid="alert-row">
          <Td>
            {showVersion ? <Link href={`/monitoring/${a.versionId}`}>{a.title}</Link> : a.title}
            {a.incidentId ? (
              <div className="text-xs">
                <Link href={`/incidents/${a.incidentId}`}>Incident opened for this breach</Link>
              </div>
            ) : null}
            {a.escalatedAt ? (
              <div className="text-xs text-red-800">
                Escalated <LocalTime iso={a.escalatedAt} />
              </div>
            ) : null}
          </Td>
          <Td>{KIND[a.kind] ?? a.kind}</Td>
          <Td>
            <LevelBadge level={a.level} />
          </Td>
          <Td>
            {fmt(a.value)} / {fmt(a.threshold)}
          </Td>
          <Td>
            <LocalTime iso={a.openedAt} />
          </Td>
          <Td>
            <AlertStatusBadge status={a.status} />
            {a.acknowledgeNote ? (
              <div className="mt-1 text-xs text-slate-700">
                Acknowledged <LocalTime iso={a.acknowledgedAt} />: {a.acknowledgeNote}
              </div>
            ) : null}
            {a.resolveNote ? (
              <div className="mt-1 text-xs text-slate-700">
                Resolved <LocalTime iso={a.resolvedAt} />: {a.resolveNote}
              </div>
            ) : null}
          </Td>
          <Td className="min-w-64">
            {a.capabilities.acknowledge ? (
              <details>
                <summary className="inline-flex min-h-6 min-w-6 cursor-pointer items-center py-0.5 text-sm text-brand-700">Acknowledge…</summary>
                <ActionForm action={acknowledgeAlertAction} schema={alertActionFormSchema} fields={{ id: a.id }} label={`Acknowledge: ${a.title}`} submit="Acknowledge" announce="toast">
                  <TextAreaField label="Acknowledgement note" name="note" rows={2} />
                </ActionForm>
              </details>
            ) : null}
            {a.capabilities.resolve ? (
              <details>
                <summary className="inline-flex min-h-6 min-w-6 cursor-pointer items-center py-0.5 text-sm text-brand-700">Resolve…</summary>
                <ActionForm action={resolveAlertAction} schema={alertActionFormSchema} fields={{ id: a.id }} label={`Resolve: ${a.title}`} submit="Resolve" announce="toast">
                  <TextAreaField label="Resolution note" name="note" rows={2} />
                </ActionForm>
              </details>
            ) : null}
            {!a.capabilities.acknowledge && !a.capabilities.resolve ? <span className="text-xs text-slate-600">—</span> : null}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
