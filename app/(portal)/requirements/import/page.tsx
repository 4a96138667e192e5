import type { Metadata } from 'next';
import { ImportPanel } from '@/components/requirements/import-panel';
import { Card, PageHeader } from '@/components/ui/card';
import { authorize } from '@/lib/auth/gate';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { CSV_OPTIONAL_COLUMNS, CSV_REQUIRED_COLUMNS, CSV_STATUS_PREFIX } from '@/lib/requirements/schema';

export const metadata: Metadata = { title: 'Import requirements' };

export default async function ImportPage() {
  const actor = await requireActor();
  await loadPage(async () => authorize(actor, 'library:manage'));
  return (
    <>
      <PageHeader title="Import requirements" description="Upload a CSV of requirements or an OSCAL catalog. You see what will be created or changed, and every invalid row with its reason, before anything is written; the import then applies all or nothing." />
      <Card className="mb-6">
        <ImportPanel />
      </Card>
      <Card title="CSV format">
        <p className="text-sm">
          Required columns: <code>{CSV_REQUIRED_COLUMNS.join(', ')}</code>. Optional: <code>{CSV_OPTIONAL_COLUMNS.join(', ')}</code> (owner by email), and <code>{CSV_STATUS_PREFIX}&lt;AI system name&gt;</code> per system to set matrix statuses.
          The matrix export uses exactly this format, so you can export, edit in a spreadsheet and import again.
        </p>
      </Card>
    </>
  );
}
