import { Card } from '@/components/ui/card';
import { ActionForm, CheckboxGroup, DateTimeField, SelectField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { updateNotificationFactsAction } from '@/lib/incidents/actions';
import { formatResidents } from '@/lib/incidents/rules/facts';
import { DATA_CATEGORIES, DATA_CATEGORY_KEYS, ENTITY_ROLE_KEYS, ENTITY_ROLES, FLAGS } from '@/lib/incidents/rules/language';
import { notificationFactsFormSchema, SETTABLE_FLAGS } from '@/lib/incidents/schema';
import type { IncidentDetail } from './types';

const DATA_OPTIONS = DATA_CATEGORY_KEYS.map((k) => ({ value: k, label: DATA_CATEGORIES[k] }));
const ROLE_OPTIONS = ENTITY_ROLE_KEYS.map((k) => ({ value: k, label: ENTITY_ROLES[k] }));
const FLAG_OPTIONS = SETTABLE_FLAGS.map((k) => ({ value: k, label: FLAGS[k] }));
const MATERIALITY_OPTIONS = [
  { value: 'NOT_ASSESSED', label: 'Not yet determined' },
  { value: 'MATERIAL', label: 'Material' },
  { value: 'NOT_MATERIAL', label: 'Not material' },
];

/** The facts the notification rules read, shown and (for those who may update the incident) edited. */
export function NotificationFactsCard({ inc }: { inc: IncidentDetail }) {
  const f = inc.facts;
  const flags = SETTABLE_FLAGS.filter((k) => f.flags[k]);
  return (
    <Card title="Notification facts">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm" data-testid="notification-facts">
        <dt className="text-slate-600">Data</dt>
        <dd>{f.dataCategories.map((d) => DATA_CATEGORIES[d]).join('; ') || 'none recorded'}</dd>
        <dt className="text-slate-600">Our role</dt>
        <dd>{f.roles.map((r) => ENTITY_ROLES[r]).join('; ') || 'none recorded'}</dd>
        <dt className="text-slate-600">Facts</dt>
        <dd>{flags.map((k) => FLAGS[k]).join('; ') || 'none'}</dd>
        <dt className="text-slate-600">Affected residents</dt>
        <dd>{formatResidents(f.residents) || 'not recorded'}</dd>
        <dt className="text-slate-600">Systems operate in</dt>
        <dd>{f.operatesIn.join(', ') || '—'}</dd>
        <dt className="text-slate-600">Became aware</dt>
        <dd>
          <LocalTime iso={f.events.awareness ?? f.events.detection} />
          {f.events.awareness ? '' : ' (detection)'}
        </dd>
        <dt className="text-slate-600">Classified (NIS2/DORA)</dt>
        <dd>
          <LocalTime iso={f.events.classification} />
        </dd>
        <dt className="text-slate-600">Materiality</dt>
        <dd>
          {MATERIALITY_OPTIONS.find((o) => o.value === f.materiality)?.label}
          {f.events.materialityDetermination ? (
            <>
              {' '}
              (determined <LocalTime iso={f.events.materialityDetermination} />)
            </>
          ) : null}
        </dd>
      </dl>
      {inc.may.update ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">Edit notification facts</summary>
          <ActionForm action={updateNotificationFactsAction} schema={notificationFactsFormSchema} fields={{ id: inc.id }} submit="Save facts" label="Notification facts" resetOnSuccess={false} className="mt-2 space-y-4">
            {/* Each group is sent even when nothing is ticked, so "none" is recorded as none. */}
            <input type="hidden" name="dataCategories[]" value="" />
            <CheckboxGroup label="Data involved" name="dataCategories" options={DATA_OPTIONS} defaultValue={f.dataCategories} columns="grid-cols-1" />
            <input type="hidden" name="entityRoles[]" value="" />
            <CheckboxGroup label="Our organisation’s role" name="entityRoles" options={ROLE_OPTIONS} defaultValue={f.roles} columns="grid-cols-1" />
            <input type="hidden" name="notificationFlags[]" value="" />
            <CheckboxGroup label="What happened, in the laws’ terms" name="notificationFlags" options={FLAG_OPTIONS} defaultValue={flags} columns="grid-cols-1" />
            <TextField label="Affected people by residence" name="residents" defaultValue={formatResidents(f.residents)} hint="e.g. US-CA: 600, US-NY: 20, EU: 40" />
            <DateTimeField name="awareAt" label="Became aware at (if later than detection)" defaultValue={f.events.awareness} />
            <DateTimeField name="classifiedAt" label="Classified as significant / major at" defaultValue={f.events.classification} hint="Left empty, ticking “significant” or “major” records now." />
            <SelectField label="Materiality (SEC Item 1.05)" name="materiality" defaultValue={f.materiality} options={MATERIALITY_OPTIONS} />
            <DateTimeField name="materialityDeterminedAt" label="Materiality determined at" defaultValue={f.events.materialityDetermination} hint="Left empty, a determination records now." />
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}
