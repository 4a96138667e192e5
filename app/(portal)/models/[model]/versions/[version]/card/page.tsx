import type { Metadata } from 'next';
import Link from 'next/link';
import { DownloadLink } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { Table, Td } from '@/components/ui/table';
import { loadPage } from '@/lib/auth/page';
import { requireActor } from '@/lib/auth/session';
import { fmt, metricMeets } from '@/lib/models/promotion';
import { developmentDecisionsForCard } from '@/lib/decisions/queries';
import { getModelCard } from '@/lib/models/queries';
import { CARD_SECTIONS } from '@/lib/models/schema';

export const metadata: Metadata = { title: 'Model card' };

export default async function ModelCardPage({ params }: { params: Promise<{ model: string; version: string }> }) {
  const p = await params;
  const actor = await requireActor();
  const [d, development] = await loadPage(Promise.all([getModelCard(actor, decodeURIComponent(p.model), decodeURIComponent(p.version)), developmentDecisionsForCard(actor, decodeURIComponent(p.model), decodeURIComponent(p.version))]));
  const api = `/api/v1/models/${d.model.key}/versions/${encodeURIComponent(d.version.label)}/card`;
  return (
    <article className="mx-auto max-w-3xl">
      <p className="no-print mb-2 text-sm"><Link href={`/models/${d.model.key}/versions/${encodeURIComponent(d.version.label)}`}>← Version {d.version.label}</Link></p>
      <PageHeader
        title={`Model card: ${d.model.name} ${d.version.label}`}
        description={`${d.model.system} · ${d.version.stage.toLowerCase().replace('_', ' ')} · owner ${d.model.owner.name}${d.model.businessOwner ? ` · business owner ${d.model.businessOwner.name}` : ''}`}
        actions={
          <>
            <DownloadLink href={`${api}?format=md`}>Export Markdown</DownloadLink>
            <DownloadLink href={`${api}?format=json`}>Export JSON</DownloadLink>
          </>
        }
      />
      <p className="mb-6 text-sm">{d.model.purpose}</p>
      {CARD_SECTIONS.map(([key, label]) => (
        <section key={key} className="mb-5 break-inside-avoid" aria-labelledby={`card-${key}`}>
          <h2 id={`card-${key}`} className="mb-1">{label}</h2>
          {d.card[key]?.trim() ? <p className="whitespace-pre-line text-sm">{d.card[key]}</p> : <p className="text-sm italic text-red-800">Not written yet.</p>}
        </section>
      ))}
      <section className="mb-5 break-inside-avoid" aria-labelledby="card-thresholds">
        <h2 id="card-thresholds" className="mb-1">Performance thresholds</h2>
        {d.metrics.length ? (
          <Table caption="Metrics against their thresholds" columns={['Metric', 'Value', 'Threshold', 'Meets']}>
            {d.metrics.map((m) => (
              <tr key={m.name}><Td>{m.name}</Td><Td>{fmt(m.value)}</Td><Td>{m.threshold == null ? '—' : `${m.direction === 'AT_MOST' ? '≤' : '≥'} ${fmt(m.threshold)}`}</Td><Td>{m.threshold == null ? '—' : metricMeets(m) ? 'yes' : 'no'}</Td></tr>
            ))}
          </Table>
        ) : <p className="text-sm">No metrics recorded.</p>}
      </section>
      <section className="mb-5 break-inside-avoid" aria-labelledby="card-data">
        <h2 id="card-data" className="mb-1">Datasets</h2>
        {d.datasets.length ? <ul className="list-disc pl-5 text-sm">{d.datasets.map((ds) => <li key={`${ds.name}-${ds.role}`}>{ds.name} ({ds.role.toLowerCase()}, {ds.classification.toLowerCase()})</li>)}</ul> : <p className="text-sm">None linked.</p>}
      </section>
      {d.mitigations.length ? (
        <section className="mb-5 break-inside-avoid" aria-labelledby="card-mitigations">
          <h2 id="card-mitigations" className="mb-1">Accepted fairness mitigations</h2>
          <ul className="list-disc pl-5 text-sm">{d.mitigations.map((m) => <li key={`${m.attribute}-${m.check}`}>{m.attribute}, {m.check.toLowerCase().replace(/_/g, ' ')}: {m.mitigation}</li>)}</ul>
        </section>
      ) : null}
      <section className="mb-5 break-inside-avoid" aria-labelledby="card-development">
        <h2 id="card-development" className="mb-1">Development decisions</h2>
        {development.length ? (
          <ul className="list-disc pl-5 text-sm">
            {development.map((r) => (
              <li key={r.id}><Link href={`/decisions/development/${r.id}`}>{r.title}</Link>{r.version ? '' : ' (whole model)'}: {r.decision} Approved by {r.approver.name}.</li>
            ))}
          </ul>
        ) : <p className="text-sm">None recorded.</p>}
      </section>
    </article>
  );
}
