import type { Metadata } from 'next';
import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, PersonPicker, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { registryCapabilities } from '@/lib/models/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createModelAction } from '@/lib/models/actions';
import { listModels, listSystemsForModels } from '@/lib/models/queries';
import { createModelSchema, STAGES, STAGE_LABELS } from '@/lib/models/schema';

export const metadata: Metadata = { title: 'Models' };

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const params = { q: sp.q, systemId: sp.systemId, stage: sp.stage };
  const [list, systems] = await loadPage(Promise.all([listModels(actor, { ...params, page: sp.page }), listSystemsForModels(actor)]));
  const mayCreate = registryCapabilities(actor).create;
  return (
    <>
      <PageHeader
        title="Models"
        description="The model registry: every model belongs to an AI system, and nothing reaches production without passing the same gates."
        actions={
          <>
            <ButtonLink href="/datasets">Datasets</ButtonLink>
            <ButtonLink href="/models/fairness-thresholds">Fairness thresholds</ButtonLink>
          </>
        }
      />
      <form method="get" role="search" className="no-print mb-4 grid gap-3 md:grid-cols-4" aria-label="Filter models">
        <TextField label="Search" name="q" defaultValue={sp.q ?? ''} placeholder="Name or key" />
        <SelectField label="AI system" name="systemId" defaultValue={sp.systemId ?? ''} options={[{ value: '', label: 'All systems' }, ...systems.map((s) => ({ value: s.id, label: s.name }))]} />
        <SelectField label="Has a version in stage" name="stage" defaultValue={sp.stage ?? ''} options={[{ value: '', label: 'Any stage' }, ...STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))]} />
        <div className="flex items-end">
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply filters</button>
        </div>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title={sp.q || sp.systemId || sp.stage ? 'No models match these filters' : 'No models registered yet'}>
          {mayCreate ? 'Register the first one below.' : 'Engineers register models; they will appear here.'}
        </EmptyState>
      ) : (
        <Table caption="Models" columns={['Model', 'AI system', 'Owner', 'In production', 'Versions', 'Updated']}>
          {list.items.map((m) => (
            <tr key={m.id}>
              <Td>
                <Link href={`/models/${m.key}`} className="font-medium">{m.name}</Link>
                <div className="text-xs text-slate-600"><code>{m.key}</code></div>
              </Td>
              <Td>{m.system.name}</Td>
              <Td>{m.owner}</Td>
              <Td>{m.production ?? <span className="text-slate-600">none</span>}</Td>
              <Td>{m.versionCount}</Td>
              <Td><LocalTime iso={m.updatedAt} dateOnly /></Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={params} basePath="/models" />
      {mayCreate ? (
        <Card title="Register a model" className="no-print mt-8">
          {systems.length === 0 ? (
            <p className="text-sm">There are no AI systems yet. A model belongs to an AI system: create one in the requirements section first.</p>
          ) : (
            <ActionForm action={createModelAction} schema={createModelSchema} submit="Register model" label="Register a model">
              <div className="grid gap-4 md:grid-cols-2">
                <SelectField label="AI system" name="systemId" options={systems.map((s) => ({ value: s.id, label: s.name }))} />
                <TextField label="Key" name="key" placeholder="e.g. triage-classifier" hint="Lowercase letters, digits and hyphens; used in URLs and the API." />
                <TextField label="Name" name="name" />
                <PersonPicker label="Business owner" name="businessOwnerId" hint="Signs off each version for the business." />
                <TextAreaField label="Purpose" name="purpose" rows={2} className="md:col-span-2" />
              </div>
            </ActionForm>
          )}
        </Card>
      ) : null}
    </>
  );
}
