import { Table, Td, Th } from '@/components/ui/table';
import type { ReviewFiguresView } from '@/lib/reviews/schema';
import { figureRows, previousFigure, WITHHELD } from '@/lib/reviews/figure-rows';

/** The review's figures, with the previous closed review's for comparison. */
export function FiguresTable({ figures, previous, previousQuarter }: { figures: ReviewFiguresView; previous: ReviewFiguresView | null; previousQuarter: string | null }) {
  const breached = figures.monitoring?.versionsInBreach ?? [];
  return (
    <>
    <Table caption="Review figures">
      <thead>
        <tr>
          <Th>Area</Th>
          <Th>Figure</Th>
          <Th className="text-right">This review</Th>
          <Th className="text-right">{previous ? `Previous (${previousQuarter})` : 'Previous'}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {figureRows(figures).map((row) => (
          <tr key={`${row.area}-${row.name}`}>
            <Td>{row.href ? <a href={row.href}>{row.area}</a> : row.area}</Td>
            <Td>{row.name}</Td>
            <Td className="text-right font-medium">{row.value ?? WITHHELD}</Td>
            <Td className="text-right text-slate-600">{previousFigure(row, previous)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
    {breached.length ? (
      <div className="mt-3 text-sm">
        <h3 className="font-semibold">Model versions in breach in the quarter</h3>
        <ul className="list-disc pl-5">
          {breached.map((v) => (
            <li key={v.versionId}>
              <a href={`/monitoring/${v.versionId}`}>
                {v.model} {v.version}
              </a>
            </li>
          ))}
        </ul>
      </div>
    ) : null}
    {figures.privacy?.overdueReviews.length ? (
      <div className="mt-3 text-sm">
        <h3 className="font-semibold">Data-minimisation reviews overdue</h3>
        <ul className="list-disc pl-5">
          {figures.privacy.overdueReviews.map((m) => (
            <li key={m.id}>
              <a href={`/privacy/minimisation/${m.id}`}>{m.quarter}, {m.owner || 'unknown owner'}</a>: due {m.dueAt.slice(0, 10)}
            </li>
          ))}
        </ul>
      </div>
    ) : null}
    {figures.privacy?.datasetsPastRetention.length ? (
      <div className="mt-3 text-sm">
        <h3 className="font-semibold">Datasets past retention</h3>
        <ul className="list-disc pl-5">
          {figures.privacy.datasetsPastRetention.map((d) => (
            <li key={d.id}>
              {d.name} ({d.owner || 'unknown owner'}){d.deletionDate ? `: deletion date ${d.deletionDate.slice(0, 10)}` : ': deletion task open'}
            </li>
          ))}
        </ul>
      </div>
    ) : null}
    </>
  );
}
