import { Table, Td, Th } from '@/components/ui/table';
import type { ReviewFigures } from '@/lib/reviews/schema';
import { enumLabel } from '@/components/ui/format';

const label = enumLabel;

function rows(f: ReviewFigures): [string, string, number | undefined, (p: ReviewFigures) => number | undefined, string?][] {
  const r: [string, string, number | undefined, (p: ReviewFigures) => number | undefined, string?][] = [];
  for (const [k, v] of Object.entries(f.matrix)) r.push(['Requirements matrix', label(k), v, (p) => p.matrix[k], '/requirements']);
  for (const [k, v] of Object.entries(f.findings.openBySeverity)) r.push(['Open findings', label(k), v, (p) => p.findings.openBySeverity[k], '/audits']);
  r.push(['Findings', 'Opened in the quarter', f.findings.newInPeriod, (p) => p.findings.newInPeriod, '/audits']);
  r.push(['Findings', 'Closed in the quarter', f.findings.closedInPeriod, (p) => p.findings.closedInPeriod, '/audits']);
  r.push(['Findings', 'Overdue', f.findings.overdue, (p) => p.findings.overdue, '/audits']);
  for (const [k, v] of Object.entries(f.incidents.inPeriodBySeverity)) r.push(['Incidents in the quarter', k, v, (p) => p.incidents.inPeriodBySeverity[k], '/incidents']);
  r.push(['Incidents', 'Open now', f.incidents.open, (p) => p.incidents.open, '/incidents']);
  for (const [k, v] of Object.entries(f.models.versionsByStage)) r.push(['Model versions', label(k), v, (p) => p.models.versionsByStage[k], '/models']);
  r.push(['Deployments', 'Promotions to production', f.models.promotions, (p) => p.models.promotions, '/models']);
  r.push(['Deployments', 'Rollbacks', f.models.rollbacks, (p) => p.models.rollbacks, '/models']);
  r.push(['Action items', 'Open', f.actionItems.open, (p) => p.actionItems.open]);
  r.push(['Action items', 'Overdue', f.actionItems.overdue, (p) => p.actionItems.overdue]);
  return r;
}

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
        {rows(figures).map(([area, name, value, prev, href]) => (
          <tr key={`${area}-${name}`}>
            <Td>{href ? <a href={href}>{area}</a> : area}</Td>
            <Td>{name}</Td>
            <Td className="text-right font-medium">{value ?? 0}</Td>
            <Td className="text-right text-slate-600">{previous ? (prev(previous) ?? 0) : '—'}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
