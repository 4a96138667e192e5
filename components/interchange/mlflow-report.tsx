import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import type { SyncReport } from '@/lib/interchange/mlflow/mutations';

/** What a sync did or, for a preview, would do: imports, conflicts, versions gone from MLflow, skipped and failed ones. */
export function MlflowReport({ report, heading }: { report: SyncReport; heading: string }) {
  return (
    <section aria-label={heading} className="grid gap-4">
      <p className="text-sm text-slate-800">
        <strong>{heading}</strong> of <code>{report.url}</code> at <LocalTime iso={report.at} />: {report.applied ? 'imported' : 'would import'} {report.imported.length} version(s);{' '}
        {report.conflicts.length} conflict(s); {report.gone.length} gone from MLflow; {report.skipped.length} skipped; {report.failed.length} failed; {report.unchanged} already imported and unchanged.
      </p>
      {report.error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {report.error}
        </p>
      ) : null}
      {report.imported.length ? (
        <Table caption={report.applied ? 'Imported versions' : 'Versions the import would add'} columns={['MLflow model', 'Version', 'Portal version', 'Stage', 'MLflow suggests', 'Notes']}>
          {report.imported.map((i) => (
            <tr key={`${i.mlflowModel}/${i.mlflowVersion}`}>
              <Td>{i.mlflowModel}</Td>
              <Td>{i.mlflowVersion}</Td>
              <Td>
                {i.portal}
                {i.newModel ? <Badge tone="info" className="ml-2">new model</Badge> : null}
              </Td>
              <Td>Draft</Td>
              <Td>{i.suggestion ?? '—'}</Td>
              <Td>{i.warnings.length ? i.warnings.join(' ') : '—'}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
      {report.conflicts.length ? (
        <Table caption="Conflicts (the portal's version is kept)" columns={['MLflow model', 'Version', 'Portal version', 'Why']}>
          {report.conflicts.map((c) => (
            <tr key={`${c.mlflowModel}/${c.mlflowVersion}`}>
              <Td>{c.mlflowModel}</Td>
              <Td>{c.mlflowVersion}</Td>
              <Td>{c.portal}</Td>
              <Td>{c.reason}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
      {report.gone.length ? (
        <Table caption="Gone from MLflow (deleted there; kept in the portal)" columns={['MLflow model', 'Version', 'Portal version']}>
          {report.gone.map((g) => (
            <tr key={`${g.mlflowModel}/${g.mlflowVersion}`}>
              <Td>{g.mlflowModel}</Td>
              <Td>{g.mlflowVersion}</Td>
              <Td>{g.portal ?? '—'}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
      {report.skipped.length || report.failed.length ? (
        <Table caption="Skipped and failed versions" columns={['MLflow model', 'Version', 'Outcome', 'Why']}>
          {[...report.skipped.map((s) => ({ ...s, outcome: 'Skipped' })), ...report.failed.map((f) => ({ ...f, outcome: 'Failed' }))].map((s) => (
            <tr key={`${s.outcome}/${s.mlflowModel}/${s.mlflowVersion}`}>
              <Td>{s.mlflowModel}</Td>
              <Td>{s.mlflowVersion}</Td>
              <Td>{s.outcome}</Td>
              <Td>{s.reason}</Td>
            </tr>
          ))}
        </Table>
      ) : null}
    </section>
  );
}
