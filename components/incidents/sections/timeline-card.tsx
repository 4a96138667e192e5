import { Card } from '@/components/ui/card';
import { ActionForm, DateTimeField, TextAreaField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { addTimelineEntryAction, recordMilestoneAction } from '@/lib/incidents/actions';
import { MILESTONES, REQUIRES_POSTMORTEM, STATUSES, milestoneFormSchema, timelineEntrySchema } from '@/lib/incidents/schema';
import type { IncidentDetail } from './types';

export function TimelineCard({ inc }: { inc: IncidentDetail }) {
  const next = MILESTONES[STATUSES.indexOf(inc.status)] ?? null;
  const mayDoNext = next ? (next === 'closed' ? inc.capabilities.manage : inc.capabilities.update) : false;
  const needsPostmortem = REQUIRES_POSTMORTEM.includes(inc.severity);
  return (
    <Card title="Timeline" className="mt-6">
      <Table caption="Milestones" columns={['Milestone', 'When', 'By']}>
        {inc.milestones.map((m) => (
          <tr key={m.key}>
            <Td>{m.label}</Td>
            <Td>
              <LocalTime iso={m.at} />
            </Td>
            <Td>{m.by ?? '—'}</Td>
          </tr>
        ))}
      </Table>
      {next && mayDoNext ? (
        <div className="mt-4 max-w-md">
          <ActionForm action={recordMilestoneAction} schema={milestoneFormSchema} fields={{ id: inc.id, milestone: next }} submit={`Mark ${next}`} label={`Mark ${next}`} announce="toast">
            <DateTimeField name="at" label={`${next.charAt(0).toUpperCase() + next.slice(1)} at`} defaultNow required />
            {next === 'closed' && needsPostmortem && !inc.postmortem ? <p className="text-xs text-amber-900">A postmortem is required before closing a {inc.severity} incident.</p> : null}
          </ActionForm>
        </div>
      ) : null}
      <h3 className="mt-6 text-sm font-semibold">What was done</h3>
      {inc.timeline.length === 0 ? (
        <p className="text-sm text-slate-600">No entries yet.</p>
      ) : (
        <ol className="mt-2 space-y-2 text-sm" data-testid="timeline">
          {inc.timeline.map((t) => (
            <li key={t.id} className="border-l-2 border-slate-300 pl-3">
              <span className="text-slate-600">
                <LocalTime iso={t.at} /> · {t.author}
              </span>
              <p>{t.text}</p>
            </li>
          ))}
        </ol>
      )}
      {inc.capabilities.update ? (
        <details className="mt-4 max-w-xl">
          <summary className="cursor-pointer text-sm font-medium">Add a timeline entry</summary>
          <ActionForm action={addTimelineEntryAction} schema={timelineEntrySchema} fields={{ id: inc.id }} submit="Add entry" label="Add a timeline entry" className="mt-2 space-y-3">
            <DateTimeField name="at" label="When" defaultNow />
            <TextAreaField label="What was done, by whom" name="text" rows={2} />
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}
