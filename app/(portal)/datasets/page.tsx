import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm, CheckboxField, DateField, SelectField, TextAreaField, TextField } from '@/components/ui/form';
import { Pagination } from '@/components/ui/pagination';
import { Table, Td } from '@/components/ui/table';
import { registryCapabilities } from '@/lib/models/capabilities';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createDatasetAction } from '@/lib/models/actions';
import { listDatasets } from '@/lib/models/queries';
import { CLASSIFICATIONS, createDatasetSchema } from '@/lib/models/schema';

export const metadata: Metadata = { title: 'Datasets' };

const classes = CLASSIFICATIONS.map((c) => ({ value: c, label: c[0] + c.slice(1).toLowerCase() }));

export default async function DatasetsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const params = { q: sp.q, classification: sp.classification };
  const list = await loadPage(listDatasets(actor, { ...params, page: sp.page }));
  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href="/models">← Models</Link></p>
      <PageHeader title="Datasets" description="The data inventory the models draw on. Restricted datasets show their details only to compliance, administrators, auditors and their owner." />
      <form method="get" role="search" className="no-print mb-4 grid gap-3 md:grid-cols-3" aria-label="Filter datasets">
        <TextField label="Search" name="q" defaultValue={sp.q ?? ''} />
        <SelectField label="Classification" name="classification" defaultValue={sp.classification ?? ''} options={[{ value: '', label: 'Any' }, ...classes]} />
        <div className="flex items-end"><button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">Apply filters</button></div>
      </form>
      {list.items.length === 0 ? <EmptyState title="No datasets">Register one below.</EmptyState> : (
        <Table caption="Datasets" columns={['Dataset', 'Classification', 'Owner', 'Personal data', 'Retention', 'Used by']}>
          {list.items.map((d) => (
            <tr key={d.id}>
              <Td><Link href={`/datasets/${d.id}`} className="font-medium">{d.name}</Link></Td>
              <Td><Badge tone={d.classification === 'RESTRICTED' ? 'bad' : d.classification === 'CONFIDENTIAL' ? 'warn' : 'neutral'}>{d.classification.toLowerCase()}</Badge></Td>
              {d.details ? (
                <>
                  <Td>{d.details.owner}</Td>
                  <Td>{d.details.personalData ? d.details.personalDataCategories.join(', ') || 'yes' : 'no'}</Td>
                  <Td>{d.details.retentionDays ? `${d.details.retentionDays} days` : '—'}</Td>
                </>
              ) : (
                <Td colSpan={3} className="text-slate-600">Restricted: details hidden</Td>
              )}
              <Td>{d.usageCount} version{d.usageCount === 1 ? '' : 's'}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={params} basePath="/datasets" />
      {registryCapabilities(actor).create ? (
        <Card title="Register a dataset" className="no-print mt-8">
          <ActionForm action={createDatasetAction} schema={createDatasetSchema} submit="Register dataset" label="Register a dataset">
            <div className="grid gap-4 md:grid-cols-2">
              <TextField label="Name" name="name" />
              <SelectField label="Classification" name="classification" options={classes} defaultValue="INTERNAL" />
              <TextField label="Source" name="source" />
              <TextField label="Storage location" name="storageLocation" />
              <TextAreaField label="Description" name="description" rows={2} className="md:col-span-2" />
              <CheckboxField label="Contains personal data" name="personalData" className="self-center" />
              <TextField label="Personal data categories" name="personalDataCategories" hint="Comma-separated, e.g. health, age" />
              <TextField label="Legal basis" name="legalBasis" hint="Required for personal data, e.g. GDPR Art. 6(1)(f)" />
              <TextField label="Retention (days)" name="retentionDays" type="number" min={1} />
              <DateField label="Deletion date" name="deletionDate" />
              <TextAreaField label="Who may access it" name="accessPolicy" rows={2} />
            </div>
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
