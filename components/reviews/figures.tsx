import { Table, Td, Th } from '@/components/ui/table';
import type { ReviewFigures } from '@/lib/reviews/schema';
import { figureRows } from '@/lib/reviews/figure-rows';

/** The review's figures, with the previous closed review's for comparison. */
export function FiguresTable({ figures, previous, previousQuarter }: { figures: ReviewFigures; previous: ReviewFigures | null; previousQuarter: string | null }) {
  return (
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
        {figureRows(figures).map(({ area, name, value, previous: prev, href }) => (
          <tr key={`${area}-${name}`}>
            <Td>{href ? <a href={href}>{area}</a> : area}</Td>
            <Td>{name}</Td>
            <Td className="text-right font-medium">{value}</Td>
            <Td className="text-right text-slate-600">{previous ? (prev(previous) ?? 0) : '—'}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
