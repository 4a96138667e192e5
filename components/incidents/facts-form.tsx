import { ActionForm } from '@/components/incidents/action-form';
import { DateTimeField } from '@/components/incidents/datetime-field';
import { Select, Text } from '@/components/incidents/fields';
import { LocalTime } from '@/components/ui/local-time';
import { updateNotificationFactsAction } from '@/lib/incidents/actions';
import type { IncidentDetail } from '@/lib/incidents/queries';
import { formatResidents } from '@/lib/incidents/rules/facts';
import { DATA_CATEGORIES, DATA_CATEGORY_KEYS, ENTITY_ROLE_KEYS, ENTITY_ROLES, FLAGS } from '@/lib/incidents/rules/language';
import { SETTABLE_FLAGS } from '@/lib/incidents/schema';

function CheckGroup({ legend, name, options, checked, idPrefix }: { legend: string; name: string; options: readonly { value: string; label: string }[]; checked: readonly string[]; idPrefix: string }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {/* Present even when nothing is ticked, so "none" is recorded as none. */}
      <input type="hidden" name={`${name}[]`} value="" />
      {options.map((o) => (
        <label key={o.value} htmlFor={`${idPrefix}-${o.value}`} className="flex items-start gap-2 text-sm">
          <input id={`${idPrefix}-${o.value}`} type="checkbox" name={`${name}[]`} value={o.value} defaultChecked={checked.includes(o.value)} className="mt-1" />
          <span>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export const DATA_OPTIONS = DATA_CATEGORY_KEYS.map((k) => ({ value: k, label: DATA_CATEGORIES[k] }));
export const ROLE_OPTIONS = ENTITY_ROLE_KEYS.map((k) => ({ value: k, label: ENTITY_ROLES[k] }));
export const FLAG_OPTIONS = SETTABLE_FLAGS.map((k) => ({ value: k, label: FLAGS[k] }));

/** The facts the notification rules read, shown and (for those who may update the incident) edited. */
export function NotificationFacts({ inc }: { inc: IncidentDetail }) {
  const f = inc.facts;
  const flags = SETTABLE_FLAGS.filter((k) => f.flags[k]);
  return (
    <>
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
        <dd><LocalTime iso={f.events.awareness ?? f.events.detection} />{f.events.awareness ? '' : ' (detection)'}</dd>
        <dt className="text-slate-600">Classified (NIS2/DORA)</dt>
        <dd><LocalTime iso={f.events.classification} /></dd>
        <dt className="text-slate-600">Materiality</dt>
        <dd>{f.materiality.toLowerCase().replace('_', ' ')}{f.events.materialityDetermination ? <> (determined <LocalTime iso={f.events.materialityDetermination} />)</> : null}</dd>
      </dl>
      {inc.may.update ? (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">Edit notification facts</summary>
          <ActionForm action={updateNotificationFactsAction} submitLabel="Save facts" label="Notification facts" className="mt-2 space-y-4">
            <input type="hidden" name="id" value={inc.id} />
            <CheckGroup legend="Data involved" name="dataCategories" idPrefix="fact-data" options={DATA_OPTIONS} checked={f.dataCategories} />
            <CheckGroup legend="Our organisation’s role" name="entityRoles" idPrefix="fact-role" options={ROLE_OPTIONS} checked={f.roles} />
            <CheckGroup legend="What happened, in the laws’ terms" name="notificationFlags" idPrefix="fact-flag" options={FLAG_OPTIONS} checked={flags} />
            <Text id="fact-residents" label="Affected people by residence (e.g. US-CA: 600, US-NY: 20, EU: 40)" name="residents" defaultValue={formatResidents(f.residents)} />
            <DateTimeField idPrefix="fact-" name="awareAt" label="Became aware at (if later than detection)" defaultIso={f.events.awareness} />
            <DateTimeField idPrefix="fact-" name="classifiedAt" label="Classified as significant / major at" defaultIso={f.events.classification} hint="Left empty, ticking “significant” or “major” records now." />
            <Select id="fact-materiality" label="Materiality (SEC Item 1.05)" name="materiality" defaultValue={f.materiality} options={[{ value: 'NOT_ASSESSED', label: 'Not yet determined' }, { value: 'MATERIAL', label: 'Material' }, { value: 'NOT_MATERIAL', label: 'Not material' }]} />
            <DateTimeField idPrefix="fact-" name="materialityDeterminedAt" label="Materiality determined at" defaultIso={f.events.materialityDetermination} hint="Left empty, a determination records now." />
          </ActionForm>
        </details>
      ) : null}
    </>
  );
}
