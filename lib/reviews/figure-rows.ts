import { enumLabel as label } from '@/lib/format';
import type { ReviewFigures } from './schema';

// The review's figures as rows, the same for the page and the PDF. Pure.

export type FigureRow = { area: string; name: string; value: number; previous: (p: ReviewFigures) => number | undefined; href?: string };

export function figureRows(f: ReviewFigures): FigureRow[] {
  const r: FigureRow[] = [];
  const add = (area: string, name: string, value: number | undefined, previous: FigureRow['previous'], href?: string) => r.push({ area, name, value: value ?? 0, previous, href });
  for (const [k, v] of Object.entries(f.matrix)) add('Requirements matrix', label(k), v, (p) => p.matrix[k], '/requirements');
  for (const [k, v] of Object.entries(f.findings.openBySeverity)) add('Open findings', label(k), v, (p) => p.findings.openBySeverity[k], '/audits');
  add('Findings', 'Opened in the quarter', f.findings.newInPeriod, (p) => p.findings.newInPeriod, '/audits');
  add('Findings', 'Closed in the quarter', f.findings.closedInPeriod, (p) => p.findings.closedInPeriod, '/audits');
  add('Findings', 'Overdue', f.findings.overdue, (p) => p.findings.overdue, '/audits');
  for (const [k, v] of Object.entries(f.incidents.inPeriodBySeverity)) add('Incidents in the quarter', k, v, (p) => p.incidents.inPeriodBySeverity[k], '/incidents');
  add('Incidents', 'Open now', f.incidents.open, (p) => p.incidents.open, '/incidents');
  for (const [k, v] of Object.entries(f.models.versionsByStage)) add('Model versions', label(k), v, (p) => p.models.versionsByStage[k], '/models');
  add('Deployments', 'Promotions to production', f.models.promotions, (p) => p.models.promotions, '/models');
  add('Deployments', 'Rollbacks', f.models.rollbacks, (p) => p.models.rollbacks, '/models');
  add('Action items', 'Open', f.actionItems.open, (p) => p.actionItems.open);
  add('Action items', 'Overdue', f.actionItems.overdue, (p) => p.actionItems.overdue);
  return r;
}
