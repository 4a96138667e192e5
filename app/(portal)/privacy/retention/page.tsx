import type { Metadata } from 'next';
import { PrivacyNav } from '@/components/privacy/badges';
import { RetentionDeletionForm } from '@/components/privacy/retention-deletion-form';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, Combobox, ConfirmAction, DateField, SelectField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { deleteRetentionRuleAction, saveRetentionRuleAction } from '@/lib/privacy/actions';
import { retentionOverview } from '@/lib/privacy/retention/queries';
import { RETENTION_EVENT_LABELS, RETENTION_EVENTS } from '@/lib/privacy/schema';

export const metadata: Metadata = { title: 'Retention' };

export default async function RetentionPage() {
  const actor = await requireActor();
  const o = await loadPage(retentionOverview(actor));
  const open = o.tasks.filter((t) => t.status === 'OPEN');
  return (
    <>
      <PageHeader title="Retention" description="Each personal-data dataset’s retention rule (a period from a named event, with the legal basis for keeping the data until then) gives its deletion due date. A daily job opens a deletion task for the owner when the period is over." />
      <PrivacyNav />
      <Card title="Deletion tasks from retention">
        {open.length === 0 ? (
          <p className="text-sm">No dataset is waiting for deletion.</p>
        ) : (
          <ul className="space-y-4 text-sm">
            {open.map((t) => (
              <li key={t.id} data-testid="retention-task">
                <div className="font-medium">{t.title}</div>
                <div>{t.assignee ?? 'Unassigned'} · opened <LocalTime iso={t.createdAt} /></div>
                {t.capabilities.complete ? (
                  <RetentionDeletionForm task={t} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Personal-data datasets" className="mt-6">
        {o.datasets.length === 0 ? (
          <EmptyState title="No personal-data dataset">Datasets marked as holding personal data in the registry appear here.</EmptyState>
        ) : (
          <Table caption="Personal-data datasets and their deletion due dates" columns={['Dataset', 'Owner', 'Rule', 'Legal basis for keeping', 'Deletion due', 'Flags']}>
            {o.datasets.map((d) => (
              <tr key={d.id} data-testid="retention-dataset">
                <Td><span className="font-medium">{d.name}</span><div className="text-xs text-slate-700">{d.categories.join('; ')} · {d.storageLocation || 'no location'}</div></Td>
                <Td>{d.owner}</Td>
                <Td>{d.rule ?? <Badge tone="warn">No rule</Badge>}</Td>
                <Td>{d.keepBasis ?? '—'}</Td>
                <Td>{d.dueAt ? <LocalTime iso={d.dueAt} dateOnly /> : '—'}</Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {d.deletionTaskOpen ? <Badge tone="bad">Past retention</Badge> : null}
                    {d.developmentCopy ? <Badge tone="bad">Development copy of restricted data: mask or tokenize</Badge> : null}
                  </div>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>

      <Card title="Retention rules" className="mt-6">
        {o.rules.length === 0 ? (
          <p className="text-sm">No rule yet.</p>
        ) : (
          <Table caption="Retention rules" columns={['Applies to', 'Period', 'Counted from', 'Legal basis for keeping', '']}>
            {o.rules.map((r) => (
              <tr key={r.id}>
                <Td>{r.dataset ? `Dataset ${r.dataset}` : `Category “${r.category}”`}</Td>
                <Td>{r.periodDays} days</Td>
                <Td>{r.event === 'EVENT_DATE' ? <>{r.eventName}, <LocalTime iso={r.eventAt} dateOnly /></> : 'Collection'}</Td>
                <Td>{r.keepBasis}</Td>
                <Td>
                  {o.capabilities.manage ? (
                    <ConfirmAction action={deleteRetentionRuleAction} fields={{ id: r.id }} label={`Remove the rule for ${r.dataset ?? r.category}`} title="Remove this retention rule?" body={<p>Datasets it covered fall back to their categories’ rules, or have none.</p>} confirmLabel="Remove" variant="secondary" />
                  ) : null}
                </Td>
              </tr>
            ))}
          </Table>
        )}
        {o.capabilities.manage ? (
          <ActionForm action={saveRetentionRuleAction} label="Add or replace a retention rule" submit="Save rule" className="mt-4">
            <p className="mb-2 text-sm">A dataset’s own rule wins; otherwise the strictest rule of its categories applies. Saving a rule for a dataset or category that has one replaces it.</p>
            <div className="grid gap-3 sm:grid-cols-2">
              <Combobox source="datasets" label="Dataset" name="datasetId" hint="Or leave empty and name a category." />
              <SelectField label="Or a personal-data category" name="category" id="rule-category" options={[{ value: '', label: '—' }, ...o.categories.map((c) => ({ value: c, label: c }))]} />
              <TextField label="Period (days)" name="periodDays" type="number" min={1} max={36500} required />
              <SelectField label="Counted from" name="event" id="rule-event" options={RETENTION_EVENTS.map((e) => ({ value: e, label: RETENTION_EVENT_LABELS[e] }))} />
              <TextField label="Event name" name="eventName" hint="For a named event, e.g. “contract end”." />
              <DateField label="Event date" name="eventAt" required={false} />
              <TextField className="sm:col-span-2" label="Legal basis for keeping the data until then" name="keepBasis" required hint="e.g. Art. 6(1)(c): tax records kept 10 years (national law)." />
            </div>
          </ActionForm>
        ) : null}
      </Card>
    </>
  );
}
