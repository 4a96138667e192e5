import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import pKolmogorov from '@stdlib/stats-kstest/lib/marsaglia.js';

// Drift statistics, pure. Two representations are accepted:
// raw samples (the drift benchmark, raw-row ingestion before binning) and
// histograms over shared bin edges (what references and windows store).
// The defaults per feature type follow Evidently (see docs/monitoring.md).

/** A histogram: counts[i] falls in [edges[i], edges[i+1]); edges are ascending. */
export type Histogram = { edges: number[]; counts: number[] };

/** Proportions with empty bins replaced by a small value so logarithms stay finite (Evidently uses 0.0001). */
export const EMPTY_BIN = 0.0001;

function proportions(counts: readonly number[], floor = 0): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  if (total <= 0) return counts.map(() => floor);
  return counts.map((c) => (c === 0 && floor > 0 ? floor : c / total));
}

function sameLength(a: readonly number[], b: readonly number[]) {
  if (a.length !== b.length || a.length === 0) throw new Error(`distributions must have the same, non-zero number of bins (${a.length} and ${b.length})`);
}

/** Population stability index: Σ (c − r)·ln(c / r) over bins, empty bins as 0.0001. */
export function psi(reference: readonly number[], current: readonly number[]): number {
  sameLength(reference, current);
  const r = proportions(reference, EMPTY_BIN);
  const c = proportions(current, EMPTY_BIN);
  let sum = 0;
  for (let i = 0; i < r.length; i++) sum += (c[i] - r[i]) * Math.log(c[i] / r[i]);
  return sum;
}

/** Jensen–Shannon distance (the square root of the divergence, natural logarithm, as scipy's jensenshannon): 0 … √ln 2. */
export function jensenShannon(reference: readonly number[], current: readonly number[]): number {
  sameLength(reference, current);
  const p = proportions(reference);
  const q = proportions(current);
  let div = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) div += 0.5 * p[i] * Math.log(p[i] / m);
    if (q[i] > 0) div += 0.5 * q[i] * Math.log(q[i] / m);
  }
  return Math.sqrt(Math.max(0, div));
}

/**
 * Chi-square goodness of fit of the current counts against the reference
 * proportions (as scipy.stats.chisquare with expected = reference share × n,
 * which Evidently uses); categories absent from the reference get 0.0001 of it.
 * p-value from the chi-square distribution with k − 1 degrees of freedom.
 */
export function chiSquare(reference: readonly number[], current: readonly number[]): { statistic: number; pValue: number; df: number } {
  sameLength(reference, current);
  const r = proportions(reference, EMPTY_BIN);
  const rTotal = r.reduce((s, x) => s + x, 0);
  const n = current.reduce((s, c) => s + c, 0);
  let statistic = 0;
  for (let i = 0; i < r.length; i++) {
    const expected = (r[i] / rTotal) * n;
    statistic += (current[i] - expected) ** 2 / expected;
  }
  const df = r.length - 1;
  const pValue = df <= 0 || n === 0 ? 1 : 1 - chisquareCdf(statistic, df);
  return { statistic, pValue, df };
}

/**
 * The p-value of a two-sample KS statistic: scipy's asymptotic method,
 * P(D > d) under the Kolmogorov distribution of the effective sample size
 * n·m/(n+m), taken from @stdlib/stats-kstest (Marsaglia–Tsang–Wang). That
 * algorithm is a matrix power of size ~2·√n, so beyond an effective size of
 * 200 the distribution of √n·D (which has converged to well under 1 % by then)
 * is evaluated at n = 200 with the statistic rescaled.
 */
export const KS_EXACT_LIMIT = 200;
export function ksPValue(statistic: number, n: number, m: number): number {
  if (n <= 0 || m <= 0) return 1;
  if (statistic <= 0) return 1;
  if (statistic >= 1) return 0;
  const en = Math.max(1, Math.round((n * m) / (n + m)));
  const size = Math.min(en, KS_EXACT_LIMIT);
  const d = en > size ? Math.min(1, statistic * Math.sqrt(en / size)) : statistic;
  return Math.min(1, Math.max(0, 1 - pKolmogorov(d, size)));
}

/** Samples from this size up are sorted by radix (4 passes of 16 bits over the doubles' order-preserving bits), the engine's sort below. */
const RADIX_FROM = 4096;

function sorted(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  return out.length < RADIX_FROM ? out.sort() : radixSort(out);
}

/**
 * Sorts finite doubles ascending, in place, by LSD radix over their IEEE-754
 * bits made order-preserving (negatives: every bit flipped; positives: the
 * sign bit set), 16 bits a pass. Linear time: the drift of 100,000-row
 * samples is dominated by sorting otherwise.
 */
export function radixSort(values: Float64Array): Float64Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  // Little-endian: words[2i] is the low half, words[2i + 1] the high half (with the sign).
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const h = words[2 * i + 1];
    const l = words[2 * i];
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  const count = new Uint32Array(65_536);
  for (let pass = 0; pass < 4; pass++) {
    const key = pass < 2 ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 0xffff]++;
    let sum = 0;
    for (let b = 0; b < 65_536; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = count[(key[i] >>> shift) & 0xffff]++;
      lo2[at] = lo[i];
      hi2[at] = hi[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
  }
  for (let i = 0; i < n; i++) {
    const h = hi[i];
    if (h & 0x80000000) {
      words[2 * i + 1] = (h & 0x7fffffff) >>> 0;
      words[2 * i] = lo[i];
    } else {
      words[2 * i + 1] = ~h >>> 0;
      words[2 * i] = ~lo[i] >>> 0;
    }
  }
  return values;
}

/** Two-sample Kolmogorov–Smirnov: the largest gap between the two empirical CDFs, and its p-value. */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): { statistic: number; pValue: number } {
  return ksSorted(sorted(a), sorted(b));
}

function ksSorted(x: Float64Array, y: Float64Array): { statistic: number; pValue: number } {
  const n = x.length;
  const m = y.length;
  if (!n || !m) return { statistic: 0, pValue: 1 };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return { statistic: d, pValue: ksPValue(d, n, m) };
}

/**
 * KS between two histograms over the same edges: the gap between their CDFs at
 * the bin edges (a lower bound of the raw-sample statistic). The p-value, a
 * matrix power and the costliest figure of a window's drift, is left out
 * (null) when `withPValue` is false: a feature judged by another method keeps
 * only the statistic.
 */
export function ksHistogram(reference: readonly number[], current: readonly number[], withPValue = true): { statistic: number; pValue: number | null } {
  sameLength(reference, current);
  const n = reference.reduce((s, c) => s + c, 0);
  const m = current.reduce((s, c) => s + c, 0);
  if (!n || !m) return { statistic: 0, pValue: withPValue ? 1 : null };
  let cr = 0;
  let cc = 0;
  let d = 0;
  for (let i = 0; i < reference.length; i++) {
    cr += reference[i];
    cc += current[i];
    d = Math.max(d, Math.abs(cr / n - cc / m));
  }
  return { statistic: d, pValue: withPValue ? ksPValue(d, n, m) : null };
}

/** Earth mover's (1-Wasserstein) distance between two samples: ∫ |F(x) − G(x)| dx. */
export function wassersteinSamples(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return wassersteinSorted(sorted(a), sorted(b));
}

function wassersteinSorted(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  const m = y.length;
  if (!n || !m) return 0;
  let i = 0;
  let j = 0;
  let prev = Math.min(x[0], y[0]);
  let area = 0;
  while (i < n || j < m) {
    const v = j >= m || (i < n && x[i] <= y[j]) ? x[i] : y[j];
    area += Math.abs(i / n - j / m) * (v - prev);
    prev = v;
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
  }
  return area;
}

/** Wasserstein between two histograms over the same edges, with each bin's mass spread evenly over the bin. */
export function wassersteinHistogram(h: Histogram, current: readonly number[]): number {
  sameLength(h.counts, current);
  if (h.edges.length !== h.counts.length + 1) throw new Error('a histogram needs one more edge than bins');
  const p = proportions(h.counts);
  const q = proportions(current);
  // Within a bin both CDFs are linear, so |F − G| integrates exactly (a crossing splits the bin).
  let f = 0;
  let g = 0;
  let area = 0;
  for (let i = 0; i < p.length; i++) {
    const width = h.edges[i + 1] - h.edges[i];
    const d0 = f - g;
    const d1 = f + p[i] - (g + q[i]);
    area += d0 * d1 >= 0 ? (width * (Math.abs(d0) + Math.abs(d1))) / 2 : (width * (d0 * d0 + d1 * d1)) / (2 * (Math.abs(d0) + Math.abs(d1)));
    f += p[i];
    g += q[i];
  }
  return area;
}

/** Mean and standard deviation of a histogram (bin midpoints), for normalising Wasserstein as Evidently does. */
export function histogramStd(h: Histogram): number {
  const total = h.counts.reduce((s, c) => s + c, 0);
  if (!total) return 0;
  let mean = 0;
  for (let i = 0; i < h.counts.length; i++) mean += ((h.edges[i] + h.edges[i + 1]) / 2) * h.counts[i];
  mean /= total;
  let v = 0;
  for (let i = 0; i < h.counts.length; i++) v += (((h.edges[i] + h.edges[i + 1]) / 2 - mean) ** 2) * h.counts[i];
  return Math.sqrt(v / total);
}

export function sampleStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (!n) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (values[i] - mean) ** 2;
  return Math.sqrt(v / n);
}

/** Equal-width bins over [min, max] of both samples (Evidently's binning for PSI and JS: 30 bins over the combined range). */
export function sharedEdges(a: ArrayLike<number>, b: ArrayLike<number>, bins = 30): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of [a, b]) for (let i = 0; i < s.length; i++) {
    if (s[i] < lo) lo = s[i];
    if (s[i] > hi) hi = s[i];
  }
  if (!Number.isFinite(lo)) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
}

/** Counts of `values` over `edges`; values outside go to the first or last bin, the last bin includes its right edge. */
export function binCounts(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const lo = edges[0];
  const hi = edges[bins];
  const uniform = bins > 1 && edges.every((e, i) => i === 0 || Math.abs(e - edges[i - 1] - (hi - lo) / bins) < 1e-9 * Math.max(1, Math.abs(hi - lo)));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let k: number;
    if (v <= lo) k = 0;
    else if (v >= hi) k = bins - 1;
    else if (uniform) k = Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins));
    else {
      let l = 0;
      let r = bins - 1;
      while (l < r) {
        const mid = (l + r + 1) >> 1;
        if (edges[mid] <= v) l = mid;
        else r = mid - 1;
      }
      k = l;
    }
    counts[k]++;
  }
  return counts;
}

export const DRIFT_METHODS = ['PSI', 'JENSEN_SHANNON', 'WASSERSTEIN', 'KS', 'CHI_SQUARE'] as const;
export type DriftMethodName = (typeof DRIFT_METHODS)[number];
/** Methods whose score is a p-value: drift when it falls below the threshold. */
export const P_VALUE_METHODS: readonly DriftMethodName[] = ['KS', 'CHI_SQUARE'];

/**
 * Evidently's defaults (DataDriftPreset, "auto" stat test): numeric features —
 * KS p-value < 0.05 up to 1,000 reference rows, normed Wasserstein ≥ 0.1 above;
 * categorical — chi-square p-value < 0.05 up to 1,000 rows, Jensen–Shannon ≥ 0.1 above.
 */
export function defaultDriftMethod(kind: 'NUMERIC' | 'CATEGORICAL', referenceRows: number): { method: DriftMethodName; threshold: number } {
  if (kind === 'NUMERIC') return referenceRows <= 1000 ? { method: 'KS', threshold: 0.05 } : { method: 'WASSERSTEIN', threshold: 0.1 };
  return referenceRows <= 1000 ? { method: 'CHI_SQUARE', threshold: 0.05 } : { method: 'JENSEN_SHANNON', threshold: 0.1 };
}

export type DriftScores = { psi: number; jensenShannon: number; wasserstein: number | null; ks: { statistic: number; pValue: number | null } | null; chiSquare: { statistic: number; pValue: number } | null };

/**
 * Every statistic for one feature from histograms (numeric) or aligned
 * category counts (categorical). `ksPValue: false` skips the KS p-value (the
 * statistic is kept), for a feature whose method is not KS.
 */
export function driftScores(kind: 'NUMERIC' | 'CATEGORICAL', reference: Histogram | { counts: number[] }, current: readonly number[], opts: { ksPValue?: boolean } = {}): DriftScores {
  const base = { psi: psi(reference.counts, current), jensenShannon: jensenShannon(reference.counts, current) };
  if (kind === 'CATEGORICAL') return { ...base, wasserstein: null, ks: null, chiSquare: chiSquare(reference.counts, current) };
  const h = reference as Histogram;
  const std = histogramStd(h);
  const w = wassersteinHistogram(h, current);
  return { ...base, wasserstein: std > 0 ? w / std : w, ks: ksHistogram(h.counts, current, opts.ksPValue ?? true), chiSquare: null };
}

/** The score the method judges by: a p-value for KS and chi-square, a distance otherwise (normed Wasserstein). */
export function methodScore(method: DriftMethodName, scores: DriftScores): number {
  switch (method) {
    case 'PSI':
      return scores.psi;
    case 'JENSEN_SHANNON':
      return scores.jensenShannon;
    case 'WASSERSTEIN':
      return scores.wasserstein ?? 0;
    case 'KS':
      if (scores.ks && scores.ks.pValue === null) throw new Error('methodScore: the KS p-value was not computed (driftScores with ksPValue: false)');
      return scores.ks?.pValue ?? 1;
    case 'CHI_SQUARE':
      return scores.chiSquare?.pValue ?? 1;
  }
}

/**
 * Every statistic of one numeric feature from raw samples (a reference and a
 * window): each sample is sorted once and shared by KS, Wasserstein (normed
 * by the reference's standard deviation, as Evidently) and the 30 equal-width
 * bins over the combined range that PSI and JS use.
 */
export function sampleDriftScores(reference: ArrayLike<number>, current: ArrayLike<number>, bins = 30): DriftScores {
  const x = sorted(reference);
  const y = sorted(current);
  const edges = sharedEdges(x, y, bins);
  const r = binCounts(x, edges);
  const c = binCounts(y, edges);
  const std = sampleStd(x);
  const w = wassersteinSorted(x, y);
  return { psi: psi(r, c), jensenShannon: jensenShannon(r, c), wasserstein: std > 0 ? w / std : w, ks: ksSorted(x, y), chiSquare: null };
}
