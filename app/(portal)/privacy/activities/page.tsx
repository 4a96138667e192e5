import type { Metadata } from 'next';
import Link from 'next/link';
import { ActivityFields } from '@/components/privacy/activity-fields';
import { PrivacyNav } from '@/components/privacy/badges';
import { Badge } from '@/components/ui/badge';
import { DownloadLink } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ActionForm } from '@/components/ui/form';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { createActivityAction } from '@/lib/privacy/actions';
import { listProcessingActivities } from '@/lib/privacy/activities/queries';
import { activityFormSchema } from '@/lib/privacy/schema';

export const metadata: Metadata = { title: 'Records of processing' };

export default async function ActivitiesPage() {
  const actor = await requireActor();
  const list = await loadPage(listProcessingActivities(actor));
  return (
    <>
      <PageHeader
        title="Records of processing"
        description="The register of processing activities (GDPR Art. 30(1)); each record says what it still lacks."
        actions={
          <>
            <DownloadLink href="/api/v1/privacy/activities/export?format=csv">Export CSV</DownloadLink>
            <DownloadLink href="/api/v1/privacy/activities/export?format=xlsx">Export XLSX</DownloadLink>
          </>
        }
      />
      <PrivacyNav />
      {list.items.length === 0 ? (
        <EmptyState title="No processing activities yet">{list.capabilities.create ? 'Add the first one below.' : 'The privacy officer records them.'}</EmptyState>
      ) : (
        <Table caption={`Processing activities (${list.items.length})`} columns={['Activity', 'Role', 'Purposes', 'Systems and datasets', 'Completeness', 'Updated']}>
          {list.items.map((a) => (
            <tr key={a.id} data-testid="activity-row">
              <Td><Link href={`/privacy/activities/${a.id}`} className="font-medium">{a.name}</Link></Td>
              <Td>{a.role.replace('_', ' ').toLowerCase()}</Td>
              <Td>{a.purposes.map((p) => p.purpose).join('; ') || '—'}</Td>
              <Td>{[...a.systems, ...a.datasets].join('; ') || '—'}</Td>
              <Td>{a.complete ? <Badge tone="good">Complete</Badge> : <Badge tone="warn">Missing: {a.missing.join(', ')}</Badge>}</Td>
              <Td><LocalTime iso={a.updatedAt} /></Td>
            </tr>
          ))}
        </Table>
      )}
      {list.capabilities.create ? (
        <Card title="Add a processing activity" className="mt-6">
          <ActionForm action={createActivityAction} schema={activityFormSchema} label="Add a processing activity" submit="Add activity">
            <ActivityFields idPrefix="new" />
          </ActionForm>
        </Card>
      ) : null}
    </>
  );
}
