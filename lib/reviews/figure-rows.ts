import { enumLabel as label } from '@/lib/format';
import type { ReviewFiguresView } from './schema';

// The review's figures as rows, the same for the page and the PDF. Pure.

/** `null`: withheld from this viewer (findings figures outside their audit scope). */
export type FigureRow = { area: string; name: string; value: number | null; previous: (p: ReviewFiguresView) => number | null | undefined; href?: string };

export const WITHHELD = '—';

/** A row's figure for the previous review, as shown: withheld, or 0 when the figure did not exist then. */
export function previousFigure(row: FigureRow, previous: ReviewFiguresView | null): number | string {
  if (!previous) return WITHHELD;
  const v = row.previous(previous);
  return v === null ? WITHHELD : (v ?? 0);
}

export function figureRows(f: ReviewFiguresView): FigureRow[] {
  const r: FigureRow[] = [];
  const add = (area: string, name: string, value: number | null | undefined, previous: FigureRow['previous'], href?: string) => r.push({ area, name, value: value === null ? null : (value ?? 0), previous, href });
  for (const [k, v] of Object.entries(f.matrix)) add('Requirements matrix', label(k), v, (p) => p.matrix[k], '/requirements');
  const findings = f.findings;
  if (findings) {
    for (const [k, v] of Object.entries(findings.openBySeverity)) add('Open findings', label(k), v, (p) => (p.findings ? p.findings.openBySeverity[k] : null), '/audits');
    add('Findings', 'Opened in the quarter', findings.newInPeriod, (p) => p.findings?.newInPeriod ?? null, '/audits');
    add('Findings', 'Closed in the quarter', findings.closedInPeriod, (p) => p.findings?.closedInPeriod ?? null, '/audits');
    add('Findings', 'Overdue', findings.overdue, (p) => p.findings?.overdue ?? null, '/audits');
  } else {
    add('Findings', 'Not shown: they count audits you are not assigned to', null, () => null, '/audits');
  }
  for (const [k, v] of Object.entries(f.incidents.inPeriodBySeverity)) add('Incidents in the quarter', k, v, (p) => p.incidents.inPeriodBySeverity[k], '/incidents');
  add('Incidents', 'Open now', f.incidents.open, (p) => p.incidents.open, '/incidents');
  for (const [k, v] of Object.entries(f.models.versionsByStage)) add('Model versions', label(k), v, (p) => p.models.versionsByStage[k], '/models');
  add('Deployments', 'Promotions to production', f.models.promotions, (p) => p.models.promotions, '/models');
  add('Deployments', 'Rollbacks', f.models.rollbacks, (p) => p.models.rollbacks, '/models');
  if (f.risks) {
    add('Risks', 'Registered in the quarter', f.risks.newInPeriod, (p) => p.risks?.newInPeriod, '/risks');
    add('Risks', 'Score changed in the quarter', f.risks.scoreChangedInPeriod, (p) => p.risks?.scoreChangedInPeriod, '/risks');
    add('Risks', 'Review overdue', f.risks.reviewOverdue, (p) => p.risks?.reviewOverdue, '/risks?reviewOverdue=true');
    add('Risks', 'Acceptance expired', f.risks.acceptanceExpired, (p) => p.risks?.acceptanceExpired, '/risks?status=OPEN');
  }
  if (f.monitoring) {
    add('Monitoring', 'Breach alerts opened in the quarter', f.monitoring.alertsInPeriod.breach, (p) => p.monitoring?.alertsInPeriod.breach, '/monitoring/alerts?level=BREACH');
    add('Monitoring', 'Warning alerts opened in the quarter', f.monitoring.alertsInPeriod.warning, (p) => p.monitoring?.alertsInPeriod.warning, '/monitoring/alerts?level=WARNING');
    add('Monitoring', 'Missing-data alerts opened in the quarter', f.monitoring.alertsInPeriod.missingData, (p) => p.monitoring?.alertsInPeriod.missingData, '/monitoring/alerts?kind=MISSING_DATA');
    add('Monitoring', 'Model versions in breach in the quarter', f.monitoring.versionsInBreach.length, (p) => p.monitoring?.versionsInBreach.length, '/monitoring');
  }
  if (f.privacy) {
    add('Privacy', 'Minimisation reviews overdue', f.privacy.minimisationOverdue, (p) => p.privacy?.minimisationOverdue, '/privacy/minimisation');
    add('Privacy', 'Datasets past retention', f.privacy.pastRetention, (p) => p.privacy?.pastRetention, '/privacy/retention');
  }
  add('Action items', 'Open', f.actionItems.open, (p) => p.actionItems.open);
  add('Action items', 'Overdue', f.actionItems.overdue, (p) => p.actionItems.overdue);
  return r;
}
