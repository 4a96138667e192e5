import { Countdown } from '@/components/incidents/countdown';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ActionForm, DateTimeField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td, Th } from '@/components/ui/table';
import { recordNotificationAction } from '@/lib/incidents/actions';
import { FACTS, type Fact } from '@/lib/incidents/clocks';
import { notificationSchema } from '@/lib/incidents/schema';
import type { IncidentDetail } from './types';

export const STATE_TONE = { running: 'info', overdue: 'bad', met: 'good', missed: 'bad' } as const;

export function ResponseClocksCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="Response clocks">
      {inc.clocks.length === 0 ? (
        <p className="text-sm text-slate-600">A near miss has no response clock.</p>
      ) : (
        <Table caption="Response targets for this severity">
          <thead>
            <tr>
              <Th>Step</Th>
              <Th>Due</Th>
              <Th>Remaining</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {inc.clocks.map((c) => (
              <tr key={c.key} data-testid={`clock-${c.key}`}>
                <Td>
                  {c.label} <Badge tone={STATE_TONE[c.state]}>{c.state}</Badge>
                </Td>
                <Td>
                  <LocalTime iso={c.dueAt} />
                </Td>
                <Td>
                  <Countdown dueAt={c.dueAt} doneAt={c.doneAt} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

export function NotificationsCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="Regulatory notifications">
      {inc.deadlines.length === 0 ? (
        <p className="text-sm text-slate-600">No notification rule applies to the facts of this incident.</p>
      ) : (
        <ul className="space-y-4">
          {inc.deadlines.map((d) => (
            <li key={d.ruleKey} className="rounded-md border border-slate-200 p-3 text-sm" data-testid={`deadline-${d.ruleKey}`}>
              <p className="font-medium">
                {d.label} <Badge tone={STATE_TONE[d.state]}>{d.state}</Badge>
              </p>
              <p>
                To: {d.recipient} · within {d.hours} h · due <LocalTime iso={d.dueAt} />
              </p>
              <p>
                <Countdown dueAt={d.dueAt} doneAt={d.doneAt} />
              </p>
              {d.notification ? (
                <p className="mt-1">
                  Notified <LocalTime iso={d.notification.notifiedAt} /> to {d.notification.recipient}, reference {d.notification.reference}
                </p>
              ) : inc.may.manage ? (
                <details className="mt-2">
                  <summary className="cursor-pointer font-medium">Record the notification</summary>
                  <ActionForm action={recordNotificationAction} schema={notificationSchema} fields={{ id: inc.id, ruleKey: d.ruleKey }} submit="Record notification" label={`Record notification for ${d.regulation}`} className="mt-2 space-y-3">
                    <DateTimeField name="notifiedAt" label="Notified at" defaultNow />
                    <TextField label="To whom" name="recipient" defaultValue={d.recipient} />
                    <TextField label="Reference" name="reference" />
                  </ActionForm>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-xs text-slate-600">
        Facts:{' '}
        {(Object.keys(FACTS) as Fact[])
          .filter((f) => inc.facts[f])
          .map((f) => FACTS[f])
          .join('; ') || 'none'}
        . Clocks start at detection (awareness).
      </p>
    </Card>
  );
}
