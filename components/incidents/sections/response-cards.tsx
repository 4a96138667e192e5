import { formatMinutes } from '@/components/incidents/badges';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ActionForm, ConfirmAction, DateField, PersonPicker, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { addCorrectiveActionAction, completeCorrectiveActionAction, createFindingAction, rollbackAction } from '@/lib/incidents/actions';
import { FINDING_SEVERITIES, correctiveActionSchema, incidentFindingSchema } from '@/lib/incidents/schema';
import type { IncidentDetail } from './types';

export function RollbackCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="Rollback">
      <p className="text-sm">
        Time from detection to rollback: <strong data-testid="time-to-rollback">{formatMinutes(inc.minutesToRollback)}</strong>
      </p>
      {inc.deployments.length ? (
        <ul className="mt-2 text-sm">
          {inc.deployments.map((d) => (
            <li key={d.id}>
              <LocalTime iso={d.at} />: {d.kind.toLowerCase()} of {d.model} {d.from ? `from ${d.from} ` : ''}to {d.to ?? '—'}
              {d.reason ? ` (${d.reason})` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {inc.models.length === 0 ? <p className="mt-2 text-sm text-slate-600">No model is linked to this incident.</p> : null}
      <ul className="mt-3 space-y-2">
        {inc.models.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center gap-2 text-sm">
            <span>
              {m.key}: production {m.production ?? 'none'}; approved {m.approved.join(', ') || 'none'}
            </span>
            {inc.capabilities.rollback && m.production && m.approved.length ? (
              <ConfirmAction
                action={rollbackAction}
                fields={{ id: inc.id, modelId: m.id }}
                label={`Roll back ${m.key}`}
                title={`Roll back ${m.key}?`}
                body={
                  <>
                    <p>Production moves from {m.production} to the previous approved version; {m.production} returns to validation. This is recorded with the incident.</p>
                    <TextAreaField label="Reason" name="reason" required rows={2} defaultValue={`Incident: ${inc.title}`} className="mt-3 space-y-1" />
                  </>
                }
                confirmLabel="Roll back"
                pendingText="Rolling back…"
              />
            ) : null}
          </li>
        ))}
      </ul>
      {!inc.capabilities.rollback && inc.models.length ? <p className="mt-2 text-xs text-slate-600">Rolling back needs the models:promote permission (compliance officers and administrators).</p> : null}
    </Card>
  );
}

export function FindingsCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="Findings">
      {inc.findings.length === 0 ? (
        <p className="text-sm text-slate-600">No findings raised from this incident.</p>
      ) : (
        <ul className="space-y-1 text-sm" data-testid="findings">
          {inc.findings.map((f) => (
            <li key={f.id}>
              <Badge>{f.severity}</Badge> {f.title} — {f.status.toLowerCase().replace(/_/g, ' ')}, owner {f.owner ?? '—'}, due <LocalTime iso={f.dueDate} dateOnly />
            </li>
          ))}
        </ul>
      )}
      {inc.capabilities.update ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">Raise a finding</summary>
          <ActionForm action={createFindingAction} schema={incidentFindingSchema} fields={{ id: inc.id }} submit="Raise finding" label="Raise a finding" className="mt-2 space-y-3">
            <TextField label="Finding title" name="title" />
            <TextAreaField label="Finding description" name="description" rows={2} />
            <SelectField label="Finding severity" name="severity" options={FINDING_SEVERITIES.map((s) => ({ value: s, label: s.toLowerCase() }))} />
            <PersonPicker label="Finding owner" name="ownerId" />
            <DateField name="dueDate" label="Finding due date" required={false} hint="Leave empty for the default due date of its severity." />
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}

export function CorrectiveActionsCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="Corrective actions" className="mt-6">
      {inc.actions.length === 0 ? (
        <p className="text-sm text-slate-600">No corrective actions yet.</p>
      ) : (
        <Table caption="Corrective actions" columns={['Action', 'Owner', 'Due', 'Status']}>
          {inc.actions.map((a) => (
            <tr key={a.id}>
              <Td>{a.title}</Td>
              <Td>{a.owner ?? '—'}</Td>
              <Td>
                <LocalTime iso={a.dueDate} dateOnly /> {a.overdue ? <Badge tone="bad">Overdue</Badge> : null}
              </Td>
              <Td>
                {a.status === 'DONE' ? (
                  <Badge tone="good">Done</Badge>
                ) : a.capabilities.complete ? (
                  <ActionForm action={completeCorrectiveActionAction} fields={{ actionId: a.id }} submit="Mark done" label={`Mark ${a.title} done`} variant="secondary" submitClassName="px-2 py-1 text-xs" announce="toast" />
                ) : (
                  <Badge tone="warn">Open</Badge>
                )}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {inc.capabilities.update ? (
        <details className="mt-4 max-w-xl">
          <summary className="cursor-pointer text-sm font-medium">Add a corrective action</summary>
          <ActionForm action={addCorrectiveActionAction} schema={correctiveActionSchema} fields={{ id: inc.id }} submit="Add action" label="Add a corrective action" className="mt-2 space-y-3">
            <TextField label="Action" name="title" />
            <PersonPicker label="Action owner" name="ownerId" />
            <DateField name="dueDate" label="Action due date" />
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}
