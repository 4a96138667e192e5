import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/requirements/status-badge';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, ConfirmAction, PersonPicker, SelectField, TextAreaField, TextField, inputClass } from '@/components/ui/form';
import { requirementsCapabilities } from '@/lib/requirements/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { addMappingAction, createControlAction, removeMappingAction, setControlStatusAction } from '@/lib/requirements/actions';
import { AREA_LABELS, AREAS, RELATIONSHIPS, type Area } from '@/lib/requirements/library-schema';
import { listControls, listFrameworks } from '@/lib/requirements/queries';
import { STATUS_LABELS, STATUSES } from '@/lib/requirements/schema';

export const metadata: Metadata = { title: 'Controls' };

export default async function ControlsPage() {
  const actor = await requireActor();
  const [controls, frameworks] = await loadPage(Promise.all([listControls(actor), listFrameworks(actor)]));
  const manage = requirementsCapabilities(actor).manageLibrary;
  return (
    <>
      <PageHeader title="Consolidated controls" description="One internal control satisfies requirements across frameworks: do the work once. Requirements can take their matrix status from their controls." />
      {controls.length === 0 ? <EmptyState title="No controls yet">{manage ? 'Create one below, or reload the shipped library for the starter set.' : null}</EmptyState> : null}
      <div className="space-y-4">
        {controls.map((c) => (
          <Card key={c.id} title={<span id={c.key}><span className="font-mono text-sm">{c.key}</span> {c.name}</span>} actions={<StatusBadge status={c.status} />}>
            {c.description ? <p className="text-sm text-slate-800">{c.description}</p> : null}
            <p className="mt-1 text-sm text-slate-700">
              {c.area ? AREA_LABELS[c.area as Area] : 'No area'} · Owner: {c.ownerName ?? <Badge tone="warn">Unowned</Badge>}
            </p>
            {c.mappings.length ? (
              <ul className="mt-3 space-y-2 text-sm">
                {c.mappings.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-start gap-2 border-t border-slate-100 pt-2">
                    <Badge>{m.relationship.toLowerCase()}</Badge>
                    <span>
                      {m.requirement.framework.name} <Link href={`/requirements/items/${m.requirement.id}`}>{m.requirement.ref}</Link> — {m.requirement.title}
                      <span className="block text-xs text-slate-700">{m.rationale}</span>
                    </span>
                    {manage ? (
                      <span className="ml-auto">
                        <ConfirmAction action={removeMappingAction} fields={{ id: m.id }} label="Remove" title="Remove this mapping?" body={`${c.key} will no longer count towards ${m.requirement.framework.name} ${m.requirement.ref}.`} confirmLabel="Remove mapping" />
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-2 text-sm text-slate-600">Not mapped to any requirement yet.</p>
            )}
            {c.canSetStatus ? (
              <ActionForm action={setControlStatusAction} submit="Save status" label={`Status of ${c.key}`} className="mt-3 flex flex-wrap items-end gap-3" variant="secondary">
                <input type="hidden" name="id" value={c.id} />
                <div>
                  <label htmlFor={`status-${c.id}`} className="block text-xs font-medium">Implementation status</label>
                  <select id={`status-${c.id}`} name="status" defaultValue={c.status} className={inputClass}>
                    {STATUSES.map((s) => (
                      <option key={s} value={s}>{STATUS_LABELS[s]}</option>
                    ))}
                  </select>
                </div>
              </ActionForm>
            ) : null}
            {manage ? (
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium">Map to a requirement</summary>
                <ActionForm action={addMappingAction} submit="Add mapping" label={`Map ${c.key}`} className="mt-2 grid gap-3 md:grid-cols-2">
                  <input type="hidden" name="controlId" value={c.id} />
                  <div>
                    <label htmlFor={`fw-${c.id}`} className="block text-xs font-medium">Framework</label>
                    <select id={`fw-${c.id}`} name="frameworkKey" className={inputClass}>
                      {frameworks.map((f) => (
                        <option key={f.key} value={f.key}>{f.name}</option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`ref-${c.id}`} className="block text-xs font-medium">Requirement reference</label>
                    <input id={`ref-${c.id}`} name="ref" required className={inputClass} placeholder="e.g. Art. 10" />
                  </div>
                  <div>
                    <label htmlFor={`rel-${c.id}`} className="block text-xs font-medium">Relationship (control to requirement)</label>
                    <select id={`rel-${c.id}`} name="relationship" className={inputClass}>
                      {RELATIONSHIPS.map((r) => (
                        <option key={r} value={r}>{r.toLowerCase()}</option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`why-${c.id}`} className="block text-xs font-medium">Rationale</label>
                    <input id={`why-${c.id}`} name="rationale" required className={inputClass} />
                  </div>
                </ActionForm>
              </details>
            ) : null}
          </Card>
        ))}
      </div>
      {manage ? (
        <Card title="Create a control" className="mt-6">
          <ActionForm action={createControlAction} submit="Create control" label="Create a control" className="grid gap-4 md:grid-cols-2">
            <TextField label="Key" name="key" required hint="e.g. CTL-DATA-02" />
            <TextField label="Name" name="name" required />
            <TextAreaField label="Description" name="description" rows={2} className="md:col-span-2" />
            <SelectField label="Area" name="area" options={[{ value: '', label: 'None' }, ...AREAS.map((a) => ({ value: a, label: AREA_LABELS[a] }))]} />
            <PersonPicker label="Owner" name="ownerId" hint="Empty: unowned." />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
