import type { Metadata } from 'next';
import Link from 'next/link';
import { AtlasCredit } from '@/components/threats/atlas-credit';
import { EntryFields } from '@/components/threats/entry-fields';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxGroup, Combobox, ConfirmAction, SelectField, TextAreaField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { addThreatEntryAction, removeThreatEntryAction, updateThreatEntryAction, updateThreatModelAction } from '@/lib/threats/actions';
import { componentLabel, THREAT_COMPONENTS, THREAT_STATUS_LABELS } from '@/lib/threats/components';
import { getThreatModel } from '@/lib/threats/queries';

export const metadata: Metadata = { title: 'Threat model' };

const names = (items: { label: string }[]) => (items.length ? items.map((i) => i.label).join('; ') : '—');

export default async function ThreatModelPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const m = await loadPage(getThreatModel(actor, id));
  const edit = m.capabilities.edit;
  const gaps = m.coverage.filter((c) => c.techniques > 0 && c.unmitigated > 0);

  return (
    <>
      <PageHeader title={`Threat model: ${m.systemName}`} description={`Written against MITRE ATLAS ${m.atlasVersion}${m.atlasVersion !== m.currentAtlasVersion ? ` (the library is now ${m.currentAtlasVersion})` : ''}.`} />
      <p className="mb-4 text-sm"><Link href="/threats">← Threat models</Link> · updated <LocalTime iso={m.updatedAt} /></p>
      {m.summary ? <p className="mb-4 whitespace-pre-wrap text-sm">{m.summary}</p> : null}

      <Card title="Coverage by ATLAS tactic" className="mb-6">
        <p className="mb-3 text-sm">{gaps.length ? `${gaps.length} tactic${gaps.length === 1 ? ' has' : 's have'} techniques with neither an ATLAS mitigation nor a control.` : 'Every applicable technique has a mitigation.'}</p>
        <Table caption="Techniques and unmitigated techniques per tactic" columns={['Tactic', 'Applicable techniques', 'Without mitigation']}>
          {m.coverage.map((c) => (
            <tr key={c.tacticId}>
              <Td>{c.tacticId} {c.tacticName}</Td>
              <Td>{c.techniques}</Td>
              <Td>{c.unmitigated ? <Badge tone="bad">{c.unmitigated}</Badge> : c.techniques ? <Badge tone="good">0</Badge> : '—'}</Td>
            </tr>
          ))}
        </Table>
      </Card>

      {m.entries.length === 0 ? (
        <EmptyState title="No techniques recorded yet">{edit ? 'Add the ATLAS techniques that apply below.' : 'Compliance or a system owner records them.'}</EmptyState>
      ) : (
        <Table caption={`Applicable techniques (${m.entries.length})`} columns={['Technique', 'Component', 'L × I', 'Status', 'Mitigations', 'Risks', ...(edit ? [''] : [])]}>
          {m.entries.map((e) => (
            <tr key={e.id} data-testid="threat-entry-row">
              <Td>
                <span className="font-medium">{e.techniqueLabel}</span>
                {e.notes ? <div className="whitespace-pre-wrap text-xs text-slate-700">{e.notes}</div> : null}
              </Td>
              <Td>{componentLabel(e.component)}</Td>
              <Td>{e.likelihood} × {e.impact} = {e.score}</Td>
              <Td>{THREAT_STATUS_LABELS[e.status]}</Td>
              <Td>
                <div>ATLAS: {names(e.atlasMitigations)}</div>
                <div>Controls: {names(e.controls)}</div>
                {!e.atlasMitigations.length && e.suggestedMitigations.length ? <div className="text-xs text-slate-700">ATLAS suggests: {names(e.suggestedMitigations.slice(0, 5))}</div> : null}
              </Td>
              <Td>{e.risks.length ? e.risks.map((r) => <div key={r.id}><Link href={`/risks/${r.id}`}>{r.label}</Link></div>) : '—'}</Td>
              {edit ? (
                <Td>
                  <details>
                    <summary className="cursor-pointer text-sm">Edit</summary>
                    <ActionForm action={updateThreatEntryAction} label={`Edit ${e.techniqueId} on ${componentLabel(e.component)}`} submit="Save technique" className="mt-2 grid min-w-80 gap-3">
                      <input type="hidden" name="id" value={e.id} />
                      <EntryFields idPrefix={`edit-${e.id}`} values={{ likelihood: e.likelihood, impact: e.impact, status: e.status, notes: e.notes, atlasMitigations: e.atlasMitigations.map((x) => ({ value: x.id, label: x.label })), controls: e.controls.map((x) => ({ value: x.id, label: x.label })), risks: e.risks.map((x) => ({ value: x.id, label: x.label })) }} />
                    </ActionForm>
                  </details>
                  <div className="mt-2">
                    <ConfirmAction action={removeThreatEntryAction} fields={{ id: e.id }} label="Remove" title={`Remove ${e.techniqueId} from ${componentLabel(e.component)}?`} body="The entry and its links to controls and risks are removed; the audit trail keeps what it said." confirmLabel="Remove technique" />
                  </div>
                </Td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}

      {edit ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <Card title="Add a technique">
            <ActionForm action={addThreatEntryAction} label="Add a technique" submit="Add technique" className="grid gap-3 md:grid-cols-2">
              <input type="hidden" name="threatModelId" value={m.id} />
              <Combobox label="ATLAS technique" name="techniqueId" id="add-technique" source="atlas-techniques" required placeholder="Type AML.T… or a name" className="md:col-span-2" />
              <SelectField label="Component" name="component" id="add-component" options={m.components.map((c) => ({ value: c, label: componentLabel(c) }))} required />
              <EntryFields idPrefix="add" />
            </ActionForm>
          </Card>
          <Card title="Components and summary">
            <ActionForm action={updateThreatModelAction} label="Components and summary" submit="Save threat model" variant="secondary" className="grid gap-3">
              <input type="hidden" name="id" value={m.id} />
              <CheckboxGroup label="Components" name="components" id="model-components" options={THREAT_COMPONENTS.map((c) => ({ value: c.key, label: c.label }))} defaultValue={m.components} />
              <TextAreaField label="Summary" name="summary" id="model-summary" rows={3} defaultValue={m.summary} />
            </ActionForm>
          </Card>
        </div>
      ) : null}
      <AtlasCredit version={m.currentAtlasVersion} />
    </>
  );
}
