import { driftScores, methodScore, P_VALUE_METHODS, type DriftMethodName } from './drift';
import { judge, judgeDrift, warningPoint, worse, type Direction, type Level } from './thresholds';

// One window judged against its monitor's specs, pure.

export type MetricSpec = { name: string; attribute: string; direction: Direction; threshold: number; warningRatio: number; baseline: number | null; fairness: boolean };
export type FeatureSpec = {
  name: string;
  kind: 'NUMERIC' | 'CATEGORICAL';
  method: DriftMethodName;
  threshold: number;
  reference: { edges: number[]; counts: number[] } | { categories: Record<string, number> };
};
export type WindowFigures = {
  metrics: { name: string; value: number; attribute?: string; group?: string; count?: number }[];
  features: Record<string, { counts: number[] } | { categories: Record<string, number> }>;
  /** Drift a tool already computed (the Evidently adapter): used as sent. */
  drift?: DriftResult[];
};
export type Finding = {
  kind: 'METRIC' | 'DRIFT';
  level: Level;
  subject: string;
  attribute: string;
  group: string;
  value: number;
  threshold: number;
  warningAt: number;
  fairness: boolean;
};
export type DriftResult = { feature: string; method: DriftMethodName | string; score: number; threshold: number; level: Level; psi?: number; js?: number; wasserstein?: number | null; ks?: number | null };

/** Aligns categorical counts on the union of categories (reference order first, new ones after). */
export function alignCategories(reference: Record<string, number>, current: Record<string, number>): { reference: number[]; current: number[]; labels: string[] } {
  const labels = [...Object.keys(reference), ...Object.keys(current).filter((k) => !(k in reference))];
  return { labels, reference: labels.map((k) => reference[k] ?? 0), current: labels.map((k) => current[k] ?? 0) };
}

export function featureDrift(spec: FeatureSpec, summary: WindowFigures['features'][string]): DriftResult | string {
  const pValue = P_VALUE_METHODS.includes(spec.method);
  if (spec.kind === 'NUMERIC') {
    if (!('edges' in spec.reference)) return `feature "${spec.name}" has no histogram reference`;
    if (!('counts' in summary)) return `feature "${spec.name}" is numeric: send { counts } over the reference's ${spec.reference.counts.length} bins`;
    if (summary.counts.length !== spec.reference.counts.length) return `feature "${spec.name}": ${summary.counts.length} counts sent, the reference has ${spec.reference.counts.length} bins`;
    if (!summary.counts.some((c) => c > 0)) return `feature "${spec.name}": every count is 0`;
    // The KS p-value is the costliest figure and is kept only as the KS method's score.
    const scores = driftScores('NUMERIC', spec.reference, summary.counts, { ksPValue: spec.method === 'KS' });
    const score = methodScore(spec.method, scores);
    return { feature: spec.name, method: spec.method, score, threshold: spec.threshold, level: judgeDrift(pValue, score, spec.threshold), psi: scores.psi, js: scores.jensenShannon, wasserstein: scores.wasserstein, ks: scores.ks?.statistic ?? null };
  }
  if (!('categories' in spec.reference)) return `feature "${spec.name}" has no category reference`;
  if (!('categories' in summary)) return `feature "${spec.name}" is categorical: send { categories }`;
  const aligned = alignCategories(spec.reference.categories, summary.categories);
  if (!aligned.current.some((c) => c > 0)) return `feature "${spec.name}": every count is 0`;
  const scores = driftScores('CATEGORICAL', { counts: aligned.reference }, aligned.current);
  const score = methodScore(spec.method, scores);
  return { feature: spec.name, method: spec.method, score, threshold: spec.threshold, level: judgeDrift(pValue, score, spec.threshold), psi: scores.psi, js: scores.jensenShannon };
}

/**
 * Judges every metric spec (overall, and per group of its attribute: a group
 * with count 0 has no data and is not judged) and every feature's drift.
 * Returns the problems it finds in the summaries instead of guessing.
 */
export function evaluateWindow(metrics: readonly MetricSpec[], features: readonly FeatureSpec[], w: WindowFigures): { health: Level; findings: Finding[]; drift: DriftResult[]; problems: string[] } {
  const findings: Finding[] = [];
  const problems: string[] = [];
  let health: Level = 'OK';
  for (const spec of metrics) {
    const values = w.metrics.filter((m) => m.name === spec.name && (spec.attribute === '' ? m.attribute === undefined : m.attribute === spec.attribute));
    const warningAt = warningPoint(spec.direction, spec.threshold, spec.warningRatio, spec.baseline);
    for (const v of values) {
      if (v.count === 0) continue;
      const level = judge(spec.direction, v.value, spec.threshold, spec.warningRatio, spec.baseline);
      health = worse(health, level);
      findings.push({ kind: 'METRIC', level, subject: spec.name, attribute: spec.attribute, group: v.group ?? '', value: v.value, threshold: spec.threshold, warningAt, fairness: spec.fairness && spec.attribute !== '' });
    }
  }
  const drift: DriftResult[] = [];
  if (w.drift) drift.push(...w.drift);
  else
    for (const spec of features) {
      const summary = w.features[spec.name];
      if (!summary) continue;
      const result = featureDrift(spec, summary);
      if (typeof result === 'string') problems.push(result);
      else drift.push(result);
    }
  for (const d of drift) {
    health = worse(health, d.level);
    const pValue = P_VALUE_METHODS.includes(d.method as DriftMethodName);
    findings.push({ kind: 'DRIFT', level: d.level, subject: d.feature, attribute: '', group: '', value: d.score, threshold: d.threshold, warningAt: pValue ? d.threshold / 0.8 : d.threshold * 0.8, fairness: false });
  }
  const known = new Set(features.map((f) => f.name));
  for (const name of Object.keys(w.features)) if (!known.has(name)) problems.push(`feature "${name}" has no reference distribution on this monitor`);
  return { health, findings, drift, problems };
}

/**
 * Per-group fairness figures derived from per-group selection rates when the
 * sender did not send them: disparate impact (rate ÷ the highest group's rate)
 * and parity difference (highest rate − rate). Groups with no data are left out.
 */
export function withDerivedFairness(metrics: WindowFigures['metrics']): WindowFigures['metrics'] {
  const out = [...metrics];
  const sent = new Set(metrics.filter((m) => m.attribute).map((m) => `${m.name}|${m.attribute}|${m.group}`));
  const byAttribute = new Map<string, { group: string; rate: number; count?: number }[]>();
  for (const m of metrics) {
    if (m.name !== 'selection_rate' || !m.attribute || m.count === 0) continue;
    const list = byAttribute.get(m.attribute) ?? [];
    list.push({ group: m.group!, rate: m.value, count: m.count });
    byAttribute.set(m.attribute, list);
  }
  for (const [attribute, groups] of byAttribute) {
    if (groups.length < 2) continue;
    const top = Math.max(...groups.map((g) => g.rate));
    for (const g of groups) {
      if (top > 0 && !sent.has(`disparate_impact|${attribute}|${g.group}`)) out.push({ name: 'disparate_impact', value: g.rate / top, attribute, group: g.group, count: g.count });
      if (!sent.has(`parity_difference|${attribute}|${g.group}`)) out.push({ name: 'parity_difference', value: top - g.rate, attribute, group: g.group, count: g.count });
    }
  }
  return out;
}
