import { Card, EmptyState } from '@/components/ui/card';
import { ActionForm, TextAreaField } from '@/components/ui/form';
import { savePostmortemAction } from '@/lib/incidents/actions';
import { REQUIRES_POSTMORTEM, postmortemSchema } from '@/lib/incidents/schema';
import type { IncidentDetail } from './types';

const PARTS = [
  ['summary', 'Summary'],
  ['impact', 'Impact'],
  ['rootCause', 'Root cause'],
  ['wentWell', 'What went well'],
  ['wentPoorly', 'What went poorly'],
  ['correctiveActions', 'Corrective actions (summary)'],
  ['lessons', 'Lessons learned'],
] as const;

export function PostmortemCard({ inc }: { inc: IncidentDetail }) {
  const pm = inc.postmortem;
  const required = REQUIRES_POSTMORTEM.includes(inc.severity);
  return (
    <Card title={`Postmortem${required ? ' (required before closing)' : ''}`} className="mt-6">
      {pm ? (
        <dl className="space-y-2 text-sm" data-testid="postmortem">
          {PARTS.map(([key, label]) => (
            <div key={key}>
              <dt className="font-medium">{label === 'Corrective actions (summary)' ? 'Corrective actions' : label}</dt>
              <dd className="whitespace-pre-wrap">{pm[key]}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <EmptyState title="No postmortem yet">{required ? 'This incident cannot be closed until one is written.' : 'Optional for SEV3 and SEV4.'}</EmptyState>
      )}
      {inc.may.update ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">{pm ? 'Edit the postmortem' : 'Write the postmortem'}</summary>
          <ActionForm action={savePostmortemAction} schema={postmortemSchema} fields={{ id: inc.id }} submit="Save postmortem" label="Postmortem" resetOnSuccess={false} className="mt-2 grid gap-3 md:grid-cols-2">
            {PARTS.map(([key, label]) => (
              <TextAreaField key={key} label={label} name={key} rows={3} defaultValue={pm?.[key]} className={key === 'lessons' ? 'md:col-span-2' : undefined} />
            ))}
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}
