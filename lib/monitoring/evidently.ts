import type { InvalidRow, MetricValue } from './aggregate';
import type { DriftResult } from './evaluate';
import { judgeDrift } from './thresholds';

// Adapter for the JSON of an Evidently 0.4.x Report (`report.json()` /
// `report.as_dict()` of evidently.report.Report, metrics DataDriftTable,
// ColumnDriftMetric and ClassificationQualityMetric). Evidently's own drift
// scores and thresholds are kept as it computed them.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Evidently's stat test names → the portal's methods (others are kept under their own name). */
const METHODS: Record<string, string> = {
  ks: 'KS',
  'K-S p_value': 'KS',
  psi: 'PSI',
  PSI: 'PSI',
  jensenshannon: 'JENSEN_SHANNON',
  'Jensen-Shannon distance': 'JENSEN_SHANNON',
  wasserstein: 'WASSERSTEIN',
  'Wasserstein distance (normed)': 'WASSERSTEIN',
  chisquare: 'CHI_SQUARE',
  'chi-square p_value': 'CHI_SQUARE',
};
const P_VALUE_TESTS = new Set(['KS', 'CHI_SQUARE', 'Z-test p_value', 'z', 'fisher_exact']);

const QUALITY: Record<string, string> = { accuracy: 'accuracy', precision: 'precision', recall: 'recall', f1: 'f1', roc_auc: 'auc', fpr: 'false_positive_rate', fnr: 'false_negative_rate' };

function columnDrift(name: string, c: Json, at: string, invalid: InvalidRow[], row: number): DriftResult | null {
  const score = num(c.drift_score);
  const threshold = num(c.stattest_threshold);
  const test = typeof c.stattest_name === 'string' ? c.stattest_name : null;
  if (score === null || threshold === null || !test) {
    invalid.push({ row, ref: `${at}.${name}`, reason: 'needs drift_score, stattest_threshold and stattest_name' });
    return null;
  }
  const method = METHODS[test] ?? test;
  const pValue = P_VALUE_TESTS.has(method) || /p_value/i.test(test);
  return { feature: name, method, score, threshold, level: judgeDrift(pValue, score, threshold) };
}

export function fromEvidentlyReport(report: { metrics: { metric: string; result?: unknown }[] }): { ok: true; metrics: MetricValue[]; drift: DriftResult[]; rowCount: number } | { ok: false; invalid: InvalidRow[] } {
  const invalid: InvalidRow[] = [];
  const metrics: MetricValue[] = [];
  const drift: DriftResult[] = [];
  let rowCount = 0;
  report.metrics.forEach((m, i) => {
    const row = i + 1;
    const result = m.result;
    if (!isObj(result)) {
      invalid.push({ row, ref: m.metric, reason: 'result must be an object' });
      return;
    }
    if (m.metric === 'DataDriftTable') {
      const columns = result.drift_by_columns;
      if (!isObj(columns)) return void invalid.push({ row, ref: m.metric, reason: 'drift_by_columns must be an object' });
      for (const [name, c] of Object.entries(columns)) {
        if (!isObj(c)) invalid.push({ row, ref: `${m.metric}.${name}`, reason: 'must be an object' });
        else {
          const d = columnDrift(name, c, m.metric, invalid, row);
          if (d) drift.push(d);
        }
      }
      rowCount = Math.max(rowCount, num(result.number_of_rows) ?? 0);
    } else if (m.metric === 'ColumnDriftMetric') {
      const name = typeof result.column_name === 'string' ? result.column_name : null;
      if (!name) return void invalid.push({ row, ref: m.metric, reason: 'column_name is missing' });
      const d = columnDrift(name, result, m.metric, invalid, row);
      if (d) drift.push(d);
    } else if (m.metric === 'ClassificationQualityMetric') {
      const current = result.current;
      if (!isObj(current)) return void invalid.push({ row, ref: m.metric, reason: 'current must be an object' });
      for (const [key, name] of Object.entries(QUALITY)) {
        const v = num(current[key]);
        if (v !== null) metrics.push({ name, value: v });
      }
    }
    // Other metrics (dataset summaries, presets' extras) carry nothing the portal judges.
  });
  if (!metrics.length && !drift.length && !invalid.length) invalid.push({ row: 0, ref: null, reason: 'The report has no DataDriftTable, ColumnDriftMetric or ClassificationQualityMetric result' });
  return invalid.length ? { ok: false, invalid } : { ok: true, metrics, drift, rowCount };
}
