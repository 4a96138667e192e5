import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxGroup, Combobox, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createThreatModelAction } from '@/lib/threats/actions';
import { componentLabel, THREAT_COMPONENTS } from '@/lib/threats/components';
import { listThreatModels, threatCapabilities } from '@/lib/threats/queries';
import { listThreatModelsQuerySchema } from '@/lib/threats/schema';
import { AtlasCredit } from '@/components/threats/atlas-credit';

export const metadata: Metadata = { title: 'Threat models' };

export default async function ThreatModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listThreatModelsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listThreatModelsQuerySchema.parse({});
  const list = await loadPage(listThreatModels(actor, query));
  const may = threatCapabilities(actor);
  return (
    <>
      <PageHeader
        title="Threat models"
        description="One threat model per AI system: the MITRE ATLAS techniques that apply to each component, how likely and harmful they are, the mitigations against them and the risks they feed."
        actions={<ButtonLink href="/threats/red-team">Red-team exercises</ButtonLink>}
      />
      <form className="no-print mb-4 flex items-end gap-3" role="search" aria-label="Filter threat models">
        <TextField label="Search AI system" name="q" id="filter-q" defaultValue={query.q} />
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply</button>
      </form>
      {list.items.length === 0 ? (
        <EmptyState title="No threat models yet">{may.create ? 'Start one for an AI system below.' : 'Compliance or a system owner starts one per AI system.'}</EmptyState>
      ) : (
        <Table caption={`Threat models (${list.total})`} columns={['AI system', 'Components', 'Techniques', 'Open', 'ATLAS', 'Updated']}>
          {list.items.map((m) => (
            <tr key={m.id} data-testid="threat-model-row">
              <Td><Link href={`/threats/${m.id}`} className="font-medium">{m.systemName}</Link> <Badge>{m.riskTier}</Badge></Td>
              <Td>{m.components.map(componentLabel).join(', ')}</Td>
              <Td>{m.entries}</Td>
              <Td>{m.open ? <Badge tone="warn">{m.open}</Badge> : 0}</Td>
              <Td>{m.atlasVersion}</Td>
              <Td><LocalTime iso={m.updatedAt} /></Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{ q: query.q }} basePath="/threats" />
      {may.create ? (
        <Card title="Start a threat model" className="mt-6">
          <ActionForm action={createThreatModelAction} label="Start a threat model" submit="Start threat model" className="grid gap-4">
            <Combobox label="AI system" name="systemId" id="new-systemId" source="systems" required />
            <CheckboxGroup label="Components" name="components" id="new-components" options={THREAT_COMPONENTS.map((c) => ({ value: c.key, label: c.label }))} defaultValue={['data-pipeline', 'training', 'model-artifact', 'serving-api']} hint="Prompts and retrieval apply to LLM systems." />
            <TextAreaField label="Summary" name="summary" id="new-summary" rows={2} />
          </ActionForm>
        </Card>
      ) : null}
      <AtlasCredit version={list.atlasVersion} />
    </>
  );
}
