import { binCounts, radixSort } from './drift';

// Raw prediction rows → one window's figures, pure and single-pass (the
// portal aggregates what the ML stack sends; bench/monitoring.ts measures it).

export type RawRow = {
  y_true?: number | boolean | null;
  y_pred: number | boolean;
  score?: number | null;
  /** { attribute: group }, or the group of the monitor's first attribute. */
  group?: string | Record<string, string>;
  features?: Record<string, number | string | null>;
};

export type FeatureReference = { name: string; kind: 'NUMERIC' | 'CATEGORICAL'; edges?: number[]; categories?: string[] };
export type InvalidRow = { row: number; ref: string | null; reason: string };
export type MetricValue = { name: string; value: number; attribute?: string; group?: string; count?: number };
export type Aggregate = {
  rowCount: number;
  labelledCount: number;
  metrics: MetricValue[];
  features: Record<string, { counts: number[] } | { categories: Record<string, number> }>;
};

class Tally {
  n = 0;
  positives = 0;
  scoreSum = 0;
  scored = 0;
  tp = 0;
  fp = 0;
  tn = 0;
  fn = 0;
  // For AUC and calibration: labelled rows with a score.
  scores: number[] = [];
  labels: number[] = [];

  add(yTrue: number | null, yPred: number, score: number | null) {
    this.n++;
    this.positives += yPred;
    if (score !== null) {
      this.scoreSum += score;
      this.scored++;
    }
    if (yTrue === null) return;
    if (yPred === 1) {
      if (yTrue === 1) this.tp++;
      else this.fp++;
    } else if (yTrue === 1) this.fn++;
    else this.tn++;
    if (score !== null) {
      this.scores.push(score);
      this.labels.push(yTrue);
    }
  }

  metrics(): [string, number][] {
    const out: [string, number][] = [];
    if (!this.n) return out;
    out.push(['selection_rate', this.positives / this.n]);
    if (this.scored) out.push(['mean_score', this.scoreSum / this.scored]);
    const labelled = this.tp + this.fp + this.tn + this.fn;
    if (!labelled) return out;
    out.push(['accuracy', (this.tp + this.tn) / labelled]);
    const precision = this.tp + this.fp ? this.tp / (this.tp + this.fp) : null;
    const recall = this.tp + this.fn ? this.tp / (this.tp + this.fn) : null;
    if (precision !== null) out.push(['precision', precision]);
    if (recall !== null) out.push(['recall', recall]);
    if (precision !== null && recall !== null && precision + recall > 0) out.push(['f1', (2 * precision * recall) / (precision + recall)]);
    if (this.fp + this.tn) out.push(['false_positive_rate', this.fp / (this.fp + this.tn)]);
    if (this.tp + this.fn) out.push(['false_negative_rate', this.fn / (this.tp + this.fn)]);
    const auc = rocAuc(this.scores, this.labels);
    if (auc !== null) out.push(['auc', auc]);
    if (this.scores.length) out.push(['calibration_error', expectedCalibrationError(this.scores, this.labels)]);
    return out;
  }
}

/**
 * ROC AUC as the Mann–Whitney U of the positives' scores against the
 * negatives' (ties count one half, the same as the rank-sum formula with mean
 * ranks), over the two classes' scores sorted apart; null without both classes.
 */
export function rocAuc(scores: readonly number[], labels: readonly number[]): number | null {
  const n = scores.length;
  let pos = 0;
  for (const l of labels) pos += l;
  const neg = n - pos;
  if (!pos || !neg) return null;
  const p = new Float64Array(pos);
  const q = new Float64Array(neg);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (labels[i] === 1) p[a++] = scores[i];
    else q[b++] = scores[i];
  }
  const sort = (x: Float64Array) => (x.length >= 4096 ? radixSort(x) : x.sort());
  sort(p);
  sort(q);
  let u = 0;
  let below = 0;
  for (let i = 0; i < pos; ) {
    const v = p[i];
    let k = i;
    while (k < pos && p[k] === v) k++;
    while (below < neg && q[below] < v) below++;
    let tied = below;
    while (tied < neg && q[tied] === v) tied++;
    u += (k - i) * (below + (tied - below) / 2);
    i = k;
  }
  return u / (pos * neg);
}

/** Expected calibration error over 10 equal-width score bins: Σ (n_b / n)·|mean score − positive rate|. */
export function expectedCalibrationError(scores: readonly number[], labels: readonly number[], bins = 10): number {
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const n = new Float64Array(bins);
  for (let i = 0; i < scores.length; i++) {
    const b = Math.min(bins - 1, Math.floor(scores[i] * bins));
    sum[b] += scores[i];
    hits[b] += labels[i];
    n[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (n[b]) ece += (n[b] / scores.length) * Math.abs(sum[b] / n[b] - hits[b] / n[b]);
  return ece;
}

function binary(v: unknown): number | null | undefined {
  if (v === true || v === 1) return 1;
  if (v === false || v === 0) return 0;
  if (v === null || v === undefined) return null;
  return undefined;
}

/**
 * Aggregates raw rows, or lists every bad row (then nothing is aggregated:
 * the caller stores nothing). Groups are counted for the monitor's
 * attributes; numeric features are binned on the reference's edges.
 */
export function aggregateRows(rows: readonly unknown[], attributes: readonly string[], references: readonly FeatureReference[]): { ok: true; aggregate: Aggregate } | { ok: false; invalid: InvalidRow[] } {
  const invalid: InvalidRow[] = [];
  const overall = new Tally();
  const byGroup = new Map<string, Tally>();
  const numeric = references.filter((r) => r.kind === 'NUMERIC' && r.edges);
  const values = new Map<string, number[]>(numeric.map((r) => [r.name, []]));
  const categories = new Map<string, Map<string, number>>(references.filter((r) => r.kind === 'CATEGORICAL').map((r) => [r.name, new Map()]));
  let labelled = 0;
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i] as Record<string, unknown> | null;
    const fail = (reason: string) => invalid.push({ row: i + 1, ref: typeof raw?.id === 'string' ? raw.id.slice(0, 100) : null, reason });
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      fail('A row must be an object');
      continue;
    }
    const yPred = binary(raw.y_pred);
    if (yPred === null || yPred === undefined) {
      fail('y_pred must be 0, 1, true or false');
      continue;
    }
    const yTrue = binary(raw.y_true);
    if (yTrue === undefined) {
      fail('y_true must be 0, 1, true, false or null');
      continue;
    }
    const score = raw.score ?? null;
    if (score !== null && (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1)) {
      fail('score must be a number between 0 and 1');
      continue;
    }
    // The common shape, one group of the first attribute as a string, is taken without building an object.
    const single = typeof raw.group === 'string' && attributes.length ? raw.group : null;
    let groups: Record<string, string> | null = null;
    if (single !== null) {
      if (!single || single.length > 120) {
        fail(`group "${attributes[0]}" must be a non-empty text`);
        continue;
      }
    } else if (raw.group && typeof raw.group === 'object' && !Array.isArray(raw.group)) groups = raw.group as Record<string, string>;
    else if (raw.group !== undefined && raw.group !== null) {
      fail(attributes.length ? 'group must be a string or { attribute: group }' : 'group was sent but the monitor watches no protected attribute');
      continue;
    }
    const badGroup = groups ? Object.entries(groups).find(([a, g]) => !attributes.includes(a) || typeof g !== 'string' || !g || g.length > 120) : undefined;
    if (badGroup) {
      fail(attributes.includes(badGroup[0]) ? `group "${badGroup[0]}" must be a non-empty text` : `"${badGroup[0]}" is not an attribute this monitor watches (${attributes.join(', ') || 'none'})`);
      continue;
    }
    const features = raw.features ?? {};
    if (typeof features !== 'object' || Array.isArray(features)) {
      fail('features must be an object');
      continue;
    }
    let badFeature: string | null = null;
    for (const k in features as Record<string, unknown>) {
      const v = (features as Record<string, unknown>)[k];
      if (v === null || v === undefined) continue;
      if (values.has(k) && (typeof v !== 'number' || !Number.isFinite(v))) badFeature = `feature "${k}" must be a number`;
      else if (categories.has(k) && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') badFeature = `feature "${k}" must be a category`;
      if (badFeature) break;
    }
    if (badFeature) {
      fail(badFeature);
      continue;
    }
    if (invalid.length) continue;
    overall.add(yTrue, yPred, score as number | null);
    if (yTrue !== null) labelled++;
    const tally = (a: string, g: string) => {
      const key = `${a}\u0000${g}`;
      let t = byGroup.get(key);
      if (!t) byGroup.set(key, (t = new Tally()));
      t.add(yTrue, yPred, score as number | null);
    };
    if (single !== null) tally(attributes[0], single);
    else if (groups) for (const a in groups) tally(a, groups[a]);
    for (const k in features as Record<string, unknown>) {
      const v = (features as Record<string, unknown>)[k];
      if (v === null || v === undefined) continue;
      const list = values.get(k);
      if (list) list.push(v as number);
      else {
        const cats = categories.get(k);
        if (cats) cats.set(String(v), (cats.get(String(v)) ?? 0) + 1);
      }
    }
  }
  if (invalid.length) return { ok: false, invalid };
  const metrics: MetricValue[] = overall.metrics().map(([name, value]) => ({ name, value, count: overall.n }));
  for (const [key, t] of byGroup) {
    const [attribute, group] = key.split('\u0000');
    for (const [name, value] of t.metrics()) metrics.push({ name, value, attribute, group, count: t.n });
  }
  const summaries: Aggregate['features'] = {};
  // A feature no row carried has no data in this window: it is left out (not judged), not sent as empty counts.
  for (const r of numeric) if (values.get(r.name)!.length) summaries[r.name] = { counts: binCounts(values.get(r.name)!, r.edges!) };
  for (const [name, cats] of categories) if (cats.size) summaries[name] = { categories: Object.fromEntries(cats) };
  return { ok: true, aggregate: { rowCount: rows.length, labelledCount: labelled, metrics, features: summaries } };
}
