import type { Metadata } from 'next';
import Link from 'next/link';
import { StageBadge } from '@/components/models/stage-badge';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { LocalTime } from '@/components/ui/local-time';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { getDataset } from '@/lib/models/queries';

export const metadata: Metadata = { title: 'Dataset' };

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const d = await loadPage(getDataset(actor, id));
  return (
    <>
      <p className="no-print mb-2 text-sm"><Link href="/datasets">← Datasets</Link></p>
      <PageHeader title={d.name} description={<Badge tone={d.classification === 'RESTRICTED' ? 'bad' : 'neutral'}>{d.classification.toLowerCase()}</Badge>} />
      <Card title="Details" className="mb-6">
        {d.details ? (
          <dl className="grid gap-3 text-sm md:grid-cols-2">
            <div><dt className="text-slate-600">Description</dt><dd>{d.details.description || '—'}</dd></div>
            <div><dt className="text-slate-600">Source</dt><dd>{d.details.source || '—'}</dd></div>
            <div><dt className="text-slate-600">Owner</dt><dd>{d.details.owner}</dd></div>
            <div><dt className="text-slate-600">Personal data</dt><dd>{d.details.personalData ? `yes: ${d.details.personalDataCategories.join(', ') || 'unspecified'}` : 'no'}</dd></div>
            <div><dt className="text-slate-600">Legal basis</dt><dd>{d.details.legalBasis ?? '—'}</dd></div>
            <div><dt className="text-slate-600">Retention</dt><dd>{d.details.retentionDays ? `${d.details.retentionDays} days` : '—'}{d.details.deletionDate ? <> · delete by <LocalTime iso={d.details.deletionDate} dateOnly /></> : null}</dd></div>
            <div><dt className="text-slate-600">Storage location</dt><dd>{d.details.storageLocation || '—'}</dd></div>
            <div><dt className="text-slate-600">Who may access it</dt><dd>{d.details.accessPolicy || '—'}</dd></div>
          </dl>
        ) : (
          <p className="text-sm">This dataset is restricted. Its details are visible to compliance officers, administrators, auditors and its owner.</p>
        )}
      </Card>
      <h2 className="mb-2">Model versions it fed</h2>
      {d.lineage.length === 0 ? <EmptyState title="Not used by any model version yet" /> : (
        <Table caption="Model versions this dataset fed" columns={['Model', 'Version', 'Stage', 'Used for', 'Transformations']}>
          {d.lineage.map((u) => (
            <tr key={`${u.model.key}-${u.version}-${u.role}`}>
              <Td><Link href={`/models/${u.model.key}`}>{u.model.name}</Link></Td>
              <Td><Link href={`/models/${u.model.key}/versions/${encodeURIComponent(u.version)}`}>{u.version}</Link></Td>
              <Td><StageBadge stage={u.stage} /></Td>
              <Td>{u.role === 'TRAINING' ? 'Training' : 'Evaluation'}</Td>
              <Td>
                {u.transformation ? <p>{u.transformation}</p> : null}
                {u.steps.length ? <ol className="list-decimal pl-5 text-xs">{u.steps.map((s, i) => <li key={i}>{s}</li>)}</ol> : null}
                {!u.transformation && !u.steps.length ? '—' : null}
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
