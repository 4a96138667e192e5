import { ActionForm, TextAreaField, TextField } from '@/components/ui/form';
import { Card } from '@/components/ui/card';
import { updateDetailsAction } from '@/lib/incidents/actions';
import { detailsFormSchema } from '@/lib/incidents/schema';
import type { IncidentDetail } from './types';

export function DetailsCard({ inc }: { inc: IncidentDetail }) {
  return (
    <Card title="What happened">
      <p className="whitespace-pre-wrap text-sm">{inc.description}</p>
      <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600">Reported by</dt>
        <dd>{inc.reportedBy ?? 'API token'}</dd>
        <dt className="text-slate-600">People affected (estimate)</dt>
        <dd>{inc.peopleAffected ?? 'Unknown'}</dd>
        <dt className="text-slate-600">Protected group affected</dt>
        <dd>{inc.protectedGroup ? 'Yes' : 'No'}</dd>
        <dt className="text-slate-600">Personal data involved</dt>
        <dd>
          {inc.personalData ? 'Yes' : 'No'}
          {inc.healthData ? ' (health / special category)' : ''}
        </dd>
        <dt className="text-slate-600">AI systems</dt>
        <dd>{inc.systems.map((s) => `${s.name} (${s.riskTier.toLowerCase()}, ${s.regions.join('/')})`).join('; ') || '—'}</dd>
        <dt className="text-slate-600">Models</dt>
        <dd>{inc.models.map((m) => `${m.key}${m.production ? ` (production ${m.production})` : ''}`).join('; ') || '—'}</dd>
        <dt className="text-slate-600">Versions</dt>
        <dd>{inc.versions.map((v) => `${v.model} ${v.label}`).join('; ') || '—'}</dd>
      </dl>
      {inc.may.update ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">Edit details</summary>
          <ActionForm action={updateDetailsAction} schema={detailsFormSchema} fields={{ id: inc.id }} submit="Save details" label="Edit details" resetOnSuccess={false} className="mt-2 space-y-3">
            <TextField label="Title" name="title" defaultValue={inc.title} />
            <TextAreaField label="Description" name="description" rows={4} defaultValue={inc.description} />
            <TextField label="People affected (estimate)" name="peopleAffected" type="number" defaultValue={inc.peopleAffected ?? ''} />
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}
