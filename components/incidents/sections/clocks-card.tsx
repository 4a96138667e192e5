import { Countdown } from '@/components/incidents/countdown';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ActionForm, DateTimeField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { recordNotificationAction } from '@/lib/incidents/actions';
import { notificationSchema } from '@/lib/incidents/schema';
import { utcText } from '@/lib/format';
import type { IncidentDetail } from './types';

export const STATE_TONE = { running: 'info', overdue: 'bad', met: 'good', missed: 'bad' } as const;

export function ResponseClocksCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="Response clocks">
      {inc.clocks.length === 0 ? (
        <p className="text-sm text-slate-600">A near miss has no response clock.</p>
      ) : (
        <Table caption="Response targets for this severity" columns={['Step', 'Due', 'Remaining']}>
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
        </Table>
      )}
    </Card>
  );
}

const TONE = { waiting: 'warn', running: 'info', overdue: 'bad', met: 'good', missed: 'bad', open: 'neutral', sent: 'good' } as const;
const STATE_TEXT = { waiting: 'waiting', running: 'running', overdue: 'overdue', met: 'met', missed: 'missed', open: 'no outer limit', sent: 'sent' } as const;

/** Per obligation: recipient, due time (reader's locale and UTC), citation, what started the clock, and why it applies. */
export function NotificationsCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="Regulatory notifications" className="mt-6">
      {inc.obligations.length === 0 ? (
        <p className="text-sm text-slate-600">{inc.nearMiss ? 'A near miss triggers no notification obligation.' : 'No notification rule applies to the facts of this incident.'}</p>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {inc.obligations.map((o) => (
            <li key={o.ruleKey} className="rounded-md border border-slate-200 p-3 text-sm" data-testid={`deadline-${o.ruleKey}`}>
              <p className="font-medium">
                {o.citation}: {o.name} <Badge tone={TONE[o.state]}>{STATE_TEXT[o.state]}</Badge>
                {o.applies === null ? (
                  <Badge tone="warn" className="ml-1">
                    may apply
                  </Badge>
                ) : null}
              </p>
              <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
                <dt className="text-slate-600">To</dt>
                <dd>{o.recipient}</dd>
                <dt className="text-slate-600">Deadline</dt>
                <dd>{o.deadline}</dd>
                <dt className="text-slate-600">Due</dt>
                <dd data-testid="due">
                  {o.dueAt ? (
                    <>
                      <LocalTime iso={o.dueAt} /> <span className="text-slate-600">({utcText(o.dueAt)})</span> · <Countdown dueAt={o.dueAt} doneAt={o.notification?.notifiedAt ?? null} />
                    </>
                  ) : o.waitingFor ? (
                    <span>Waiting for: {o.waitingFor}</span>
                  ) : (
                    <span>No outer limit in the law</span>
                  )}
                </dd>
                <dt className="text-slate-600">Clock started by</dt>
                <dd>
                  {o.startedBy ? (
                    <>
                      {o.startedBy.event}, <LocalTime iso={o.startedBy.at} /> <span className="text-slate-600">({utcText(o.startedBy.at)})</span>
                    </>
                  ) : o.waitingFor ? (
                    `not yet: waiting for ${o.waitingFor}`
                  ) : (
                    '—'
                  )}
                </dd>
                <dt className="text-slate-600">Law</dt>
                <dd>
                  {o.sourceUrl ? (
                    <a href={o.sourceUrl} rel="noreferrer noopener" target="_blank">
                      {o.citation}
                    </a>
                  ) : (
                    o.citation
                  )}
                </dd>
              </dl>
              <p className="mt-2 font-medium">Why it applies</p>
              <ul className="list-disc pl-5 text-slate-800" data-testid="why">
                {o.why.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              {o.missing.length ? <p className="mt-1 text-amber-900">Still unknown: {o.missing.join('; ')}.</p> : null}
              {o.note ? <p className="mt-1 text-xs text-slate-600">{o.note}</p> : null}
              <p className="mt-2 text-xs">
                Notification draft:{' '}
                <a href={`/api/v1/incidents/${inc.id}/notifications/${o.ruleKey}/draft?format=md`} download>
                  Markdown
                </a>{' '}
                ·{' '}
                <a href={`/api/v1/incidents/${inc.id}/notifications/${o.ruleKey}/draft?format=txt`} download>
                  plain text
                </a>
              </p>
              {o.notification ? (
                <p className="mt-1">
                  Notified <LocalTime iso={o.notification.notifiedAt} /> to {o.notification.recipient}, reference {o.notification.reference}
                </p>
              ) : inc.capabilities.manage ? (
                <details className="mt-2">
                  <summary className="cursor-pointer font-medium">Record the notification</summary>
                  <ActionForm action={recordNotificationAction} schema={notificationSchema} fields={{ id: inc.id, ruleKey: o.ruleKey }} submit="Record notification" label={`Record notification for ${o.citation}`} className="mt-2 space-y-3">
                    <DateTimeField name="notifiedAt" label="Notified at" defaultNow />
                    <TextField label="To whom" name="recipient" defaultValue={o.recipient} />
                    <TextField label="Reference" name="reference" />
                  </ActionForm>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
