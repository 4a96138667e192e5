import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, Combobox, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { threatCapabilities } from '@/lib/threats/queries';
import { createRedTeamExerciseAction } from '@/lib/threats/red-team/actions';
import { listRedTeamExercises } from '@/lib/threats/red-team/queries';
import { listRedTeamQuerySchema } from '@/lib/threats/red-team/schema';

export const metadata: Metadata = { title: 'Red-team exercises' };

export default async function RedTeamPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listRedTeamQuerySchema.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listRedTeamQuerySchema.parse({});
  const list = await loadPage(listRedTeamExercises(actor, query));
  const may = threatCapabilities(actor);
  return (
    <>
      <PageHeader title="Red-team exercises" description="Attacks planned on MITRE ATLAS techniques against an AI system and a model version, with a result per technique. A successful attack raises a finding; the promotion gate can require a completed exercise with none." />
      <p className="mb-4 text-sm"><Link href="/threats">← Threat models</Link></p>
      {list.items.length === 0 ? (
        <EmptyState title="No red-team exercises yet">{may.create ? 'Plan one below.' : 'Compliance or a system owner plans them.'}</EmptyState>
      ) : (
        <Table caption={`Red-team exercises (${list.total})`} columns={['Exercise', 'AI system', 'Version', 'Team', 'Techniques', 'Succeeded', 'Completed']}>
          {list.items.map((e) => (
            <tr key={e.id} data-testid="red-team-row">
              <Td><Link href={`/threats/red-team/${e.id}`} className="font-medium">{e.title}</Link></Td>
              <Td>{e.systemName}</Td>
              <Td>{e.versionLabel ?? '—'}</Td>
              <Td>{e.team === 'EXTERNAL' ? `External: ${e.firm}` : 'Internal'}</Td>
              <Td>{e.planned}</Td>
              <Td>{e.succeeded ? <Badge tone="bad">{e.succeeded}</Badge> : 0}</Td>
              <Td>{e.completedAt ? <LocalTime iso={e.completedAt} /> : <Badge tone="warn">In progress</Badge>}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{ systemId: query.systemId }} basePath="/threats/red-team" />
      {may.create ? (
        <Card title="Plan an exercise" className="mt-6">
          <ActionForm action={createRedTeamExerciseAction} label="Plan an exercise" submit="Plan exercise" className="grid gap-4 md:grid-cols-2">
            <TextField label="Title" name="title" id="rt-title" required />
            <Combobox label="AI system" name="systemId" id="rt-systemId" source="systems" required />
            <Combobox label="Model version" name="versionId" id="rt-versionId" source="model-versions" hint="The version the results count for at the promotion gate." />
            <SelectField label="Team" name="team" id="rt-team" options={[{ value: 'INTERNAL', label: 'Internal' }, { value: 'EXTERNAL', label: 'External firm' }]} defaultValue="INTERNAL" />
            <TextField label="External firm" name="firm" id="rt-firm" hint="Required for an external team." />
            <Combobox label="ATLAS techniques" name="techniqueIds" id="rt-techniques" source="atlas-techniques" multiple required placeholder="Type AML.T… or a name" />
            <TextAreaField label="Scope" name="scope" id="rt-scope" rows={2} className="md:col-span-2" />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
