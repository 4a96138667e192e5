import type { Metadata } from 'next';
import Link from 'next/link';
import { MlflowReport } from '@/components/interchange/mlflow-report';
import { MlflowSyncPanel } from '@/components/interchange/mlflow-sync-panel';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { getMlflowSettings, listMlflowImports } from '@/lib/interchange/mlflow/queries';
import { STAGE_LABELS } from '@/lib/models/schema';

export const metadata: Metadata = { title: 'Import from MLflow' };

export default async function MlflowImportPage() {
  const actor = await requireActor();
  const [conn, imports] = await loadPage(Promise.all([getMlflowSettings(actor), listMlflowImports(actor)]));
  return (
    <>
      <PageHeader
        title="Import from MLflow"
        description="Reads every registered model and version of the MLflow tracking server. New versions enter the registry as drafts and pass the portal's own gate; versions the portal already holds are never overwritten (differences are listed as conflicts), and versions deleted in MLflow are listed and kept."
      />
      {!conn ? (
        <EmptyState title="No MLflow server connected">
          <Link className="underline" href="/admin/mlflow">Connect a tracking server</Link> first.
        </EmptyState>
      ) : (
        <>
          <Card title={`Tracking server ${conn.url}`}>
            <p className="mb-4 text-sm text-slate-700">
              {conn.syncEnabled ? 'Synced every hour.' : 'The hourly sync is off.'} <Link className="underline" href="/admin/mlflow">Change the connection</Link>.
            </p>
            <MlflowSyncPanel />
          </Card>
          {conn.lastSyncReport && conn.lastSyncAt ? (
            <Card title="Last sync">
              <MlflowReport report={conn.lastSyncReport} heading="Last sync" />
            </Card>
          ) : null}
          <Card title="Imported versions">
            {imports.length ? (
              <Table caption="Imported MLflow versions" columns={['MLflow model', 'Version', 'Portal version', 'Portal stage', 'MLflow stage and aliases', 'Suggested', 'Imported', 'In MLflow']}>
                {imports.map((i) => (
                  <tr key={i.id}>
                    <Td>{i.mlflowModel}</Td>
                    <Td>{i.mlflowVersion}</Td>
                    <Td>
                      {i.portal ? (
                        <Link className="underline" href={`/models/${encodeURIComponent(i.portal.model)}/versions/${encodeURIComponent(i.portal.label)}`}>
                          {i.portal.model} {i.portal.label}
                        </Link>
                      ) : (
                        'Removed from the portal'
                      )}
                    </Td>
                    <Td>{i.portal ? STAGE_LABELS[i.portal.stage] : '—'}</Td>
                    <Td>{[i.mlflowStage ?? 'None', ...i.aliases].join(', ')}</Td>
                    <Td>{i.suggestedStage ? STAGE_LABELS[i.suggestedStage as keyof typeof STAGE_LABELS] ?? i.suggestedStage : '—'}</Td>
                    <Td>
                      <LocalTime iso={i.importedAt.toISOString()} />
                    </Td>
                    <Td>{i.goneAt ? <>Deleted (noticed <LocalTime iso={i.goneAt.toISOString()} />)</> : 'Listed'}</Td>
                  </tr>
                ))}
              </Table>
            ) : (
              <p className="text-sm text-slate-700">Nothing imported yet.</p>
            )}
          </Card>
        </>
      )}
    </>
  );
}
