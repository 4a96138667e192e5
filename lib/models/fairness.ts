// Fairness arithmetic, pure: per-group metrics from predictions, and the three
// group-fairness checks the compliance officer sets thresholds for. Safe for
// the client (the upload form previews with it).

export type GroupResult = {
  attribute: string;
  groupValue: string;
  count: number;
  /** Rows whose true label is positive; needed for equal opportunity. */
  positives?: number | null;
  accuracy?: number | null;
  precision?: number | null;
  recall?: number | null;
  selectionRate?: number | null;
};

export type PredictionRow = { y_true: number; y_pred: number; group: string };

export type FairnessThresholds = {
  maxParityDifference: number;
  minDisparateImpact: number;
  maxOpportunityDifference: number;
};

export const DEFAULT_THRESHOLDS: FairnessThresholds = { maxParityDifference: 0.1, minDisparateImpact: 0.8, maxOpportunityDifference: 0.1 };

export type CheckName = 'DEMOGRAPHIC_PARITY' | 'DISPARATE_IMPACT' | 'EQUAL_OPPORTUNITY';

export const CHECK_LABELS: Record<CheckName, string> = {
  DEMOGRAPHIC_PARITY: 'Demographic parity difference',
  DISPARATE_IMPACT: 'Disparate impact ratio (four-fifths rule)',
  EQUAL_OPPORTUNITY: 'Equal opportunity difference',
};

export type CheckResult = {
  attribute: string;
  check: CheckName;
  /** null when it cannot be computed (fewer than two groups with data). */
  value: number | null;
  threshold: number;
  comparison: 'at most' | 'at least';
  passed: boolean;
  /** Groups left out and why (empty, no positives). */
  note: string | null;
};

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/** Per-group confusion matrices and metrics from per-prediction rows (labels 0/1). */
export function groupMetricsFromPredictions(attribute: string, rows: readonly PredictionRow[]): (GroupResult & { tp: number; fp: number; tn: number; fn: number })[] {
  const by = new Map<string, { tp: number; fp: number; tn: number; fn: number }>();
  for (const r of rows) {
    const m = by.get(r.group) ?? { tp: 0, fp: 0, tn: 0, fn: 0 };
    if (r.y_true === 1 && r.y_pred === 1) m.tp++;
    else if (r.y_true === 0 && r.y_pred === 1) m.fp++;
    else if (r.y_true === 0 && r.y_pred === 0) m.tn++;
    else m.fn++;
    by.set(r.group, m);
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([groupValue, m]) => {
      const count = m.tp + m.fp + m.tn + m.fn;
      return {
        attribute,
        groupValue,
        count,
        positives: m.tp + m.fn,
        accuracy: ratio(m.tp + m.tn, count),
        precision: ratio(m.tp, m.tp + m.fp),
        recall: ratio(m.tp, m.tp + m.fn),
        selectionRate: ratio(m.tp + m.fp, count),
        ...m,
      };
    });
}

function spread(values: number[]) {
  return { min: Math.min(...values), max: Math.max(...values) };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The three checks for one attribute. Empty groups (count 0) are left out of
 * every check; a group with no positives has no true-positive rate and is left
 * out of equal opportunity. With fewer than two usable groups a check cannot
 * be computed and does not pass: the gate must not wave through missing data.
 */
export function fairnessChecks(attribute: string, groups: readonly GroupResult[], t: FairnessThresholds): CheckResult[] {
  const mine = groups.filter((g) => g.attribute === attribute);
  const empty = mine.filter((g) => g.count === 0).map((g) => g.groupValue);
  const rated = mine.filter((g) => g.count > 0 && g.selectionRate != null);
  const rates = rated.map((g) => g.selectionRate as number);
  const emptyNote = empty.length ? `Empty groups left out: ${empty.join(', ')}.` : null;

  const results: CheckResult[] = [];
  if (rates.length >= 2) {
    const { min, max } = spread(rates);
    const dpd = round(max - min);
    // No group selected at all is perfect parity, not a division by zero.
    const dir = max === 0 ? 1 : round(min / max);
    results.push({ attribute, check: 'DEMOGRAPHIC_PARITY', value: dpd, threshold: t.maxParityDifference, comparison: 'at most', passed: dpd <= t.maxParityDifference, note: emptyNote });
    results.push({ attribute, check: 'DISPARATE_IMPACT', value: dir, threshold: t.minDisparateImpact, comparison: 'at least', passed: dir >= t.minDisparateImpact, note: emptyNote });
  } else {
    const note = `Needs selection rates for at least two non-empty groups (has ${rates.length}).${emptyNote ? ` ${emptyNote}` : ''}`;
    results.push({ attribute, check: 'DEMOGRAPHIC_PARITY', value: null, threshold: t.maxParityDifference, comparison: 'at most', passed: false, note });
    results.push({ attribute, check: 'DISPARATE_IMPACT', value: null, threshold: t.minDisparateImpact, comparison: 'at least', passed: false, note });
  }

  const noPositives = mine.filter((g) => g.count > 0 && (g.positives === 0 || (g.recall == null && g.positives == null))).map((g) => g.groupValue);
  const withTpr = mine.filter((g) => g.count > 0 && g.recall != null && g.positives !== 0);
  const tprNotes = [emptyNote, noPositives.length ? `Groups without positives (no true-positive rate) left out: ${noPositives.join(', ')}.` : null].filter(Boolean).join(' ') || null;
  if (withTpr.length >= 2) {
    const { min, max } = spread(withTpr.map((g) => g.recall as number));
    const eod = round(max - min);
    results.push({ attribute, check: 'EQUAL_OPPORTUNITY', value: eod, threshold: t.maxOpportunityDifference, comparison: 'at most', passed: eod <= t.maxOpportunityDifference, note: tprNotes });
  } else {
    results.push({
      attribute,
      check: 'EQUAL_OPPORTUNITY',
      value: null,
      threshold: t.maxOpportunityDifference,
      comparison: 'at most',
      passed: false,
      note: `Needs true-positive rates for at least two groups (has ${withTpr.length}).${tprNotes ? ` ${tprNotes}` : ''}`,
    });
  }
  return results;
}

/** Every check for every attribute in the results. */
export function allFairnessChecks(groups: readonly GroupResult[], t: FairnessThresholds): CheckResult[] {
  const attributes = [...new Set(groups.map((g) => g.attribute))].sort();
  return attributes.flatMap((a) => fairnessChecks(a, groups, t));
}
