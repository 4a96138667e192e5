import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, Combobox, DateField, PersonPicker, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createDevelopmentDecisionAction } from '@/lib/decisions/actions';
import { listDevelopmentDecisions } from '@/lib/decisions/queries';
import { createDevelopmentDecisionSchema, listDevelopmentDecisionsQuerySchema } from '@/lib/decisions/schema';

export const metadata: Metadata = { title: 'Development decisions' };

export default async function DevelopmentDecisionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listDevelopmentDecisionsQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listDevelopmentDecisionsQuerySchema.parse({});
  const list = await loadPage(listDevelopmentDecisions(actor, query));
  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href="/decisions">← Decision log</Link></p>
      <PageHeader
        title="Development decisions"
        description="Why one algorithm over another, which bias tests were run, which fairness trade-off was accepted and by whom: short records attached to a model or a version, shown with its model card."
      />
      {list.items.length === 0 ? (
        <EmptyState title="No development decisions yet">{list.capabilities.create ? 'Record the first one below.' : 'Administrators and compliance officers record them.'}</EmptyState>
      ) : (
        <Table caption={`Development decisions (${list.total})`} columns={['Decision', 'Model and version', 'Approved by', 'Decided']}>
          {list.items.map((d) => (
            <tr key={d.id} data-testid="development-decision-row">
              <Td><Link href={`/decisions/development/${d.id}`} className="font-medium">{d.title}</Link></Td>
              <Td>{d.model.name}{d.version ? ` ${d.version.label}` : ' (every version)'}</Td>
              <Td>{d.approver.name}</Td>
              <Td><LocalTime iso={d.decidedAt} dateOnly /></Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{ modelId: query.modelId, versionId: query.versionId }} basePath="/decisions/development" />
      {list.capabilities.create ? (
        <Card title="Record a development decision" className="mt-6">
          <ActionForm action={createDevelopmentDecisionAction} schema={createDevelopmentDecisionSchema} label="Record a development decision" submit="Record decision" className="grid gap-3">
            <Combobox label="Model" name="modelId" source="models" required />
            <Combobox label="Version (leave empty for the whole model)" name="versionId" source="model-versions" />
            <TextField label="Title" name="title" />
            <TextAreaField label="Context" name="context" hint="The problem and the forces at play (data, law, fairness, performance)." />
            <TextAreaField label="Decision" name="decision" hint="What was chosen, including any bias tests run and the trade-off accepted." />
            <TextAreaField label="Alternatives considered" name="alternatives" />
            <TextAreaField label="Consequences" name="consequences" />
            <PersonPicker label="Approver" name="approverId" required />
            <DateField label="Decided on" name="decidedAt" defaultToday />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
