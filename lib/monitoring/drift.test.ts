import { describe, expect, it } from 'vitest';
import { binCounts, chiSquare, defaultDriftMethod, driftScores, jensenShannon, ksHistogram, ksPValue, ksTwoSample, methodScore, psi, sharedEdges, wassersteinHistogram, wassersteinSamples } from './drift';
import { featureDrift } from './evaluate';

describe('two-sample Kolmogorov–Smirnov', () => {
  it('finds the largest gap between the empirical CDFs (hand-worked)', () => {
    // F_a − F_b at 2: 1/2 − 0; at 3: 3/4 − 1/6; at 4: 1 − 2/6 = 2/3 (the largest).
    expect(ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6, 7, 8]).statistic).toBeCloseTo(2 / 3, 12);
    expect(ksTwoSample([1, 2, 3], [1, 2, 3]).statistic).toBe(0);
    expect(ksTwoSample([1, 2, 3], [4, 5, 6])).toEqual({ statistic: 1, pValue: 0 });
  });

  it('gives the published critical values their 5 % p-value', () => {
    // Kolmogorov table: n = 10, α = 0.05 → D = 0.40925 (an effective size of 10 is n = m = 20).
    expect(ksPValue(0.40925, 20, 20)).toBeCloseTo(0.05, 3);
    // Asymptotically √n·D = 1.3581 at α = 0.05 (effective size 10,000 is n = m = 20,000).
    expect(ksPValue(1.3581 / 100, 20_000, 20_000)).toBeCloseTo(0.05, 2);
    // ...and 1.6276 at α = 0.01.
    expect(ksPValue(1.6276 / 100, 20_000, 20_000)).toBeCloseTo(0.01, 2);
  });

  it('computes the statistic from histograms at the bin edges', () => {
    // CDFs over 3 bins: (0.5, 0.8, 1) and (0.2, 0.5, 1) → 0.3.
    expect(ksHistogram([50, 30, 20], [20, 30, 50]).statistic).toBeCloseTo(0.3, 12);
    expect(ksHistogram([1, 1], [0, 0])).toEqual({ statistic: 0, pValue: 1 });
  });

  it('leaves the p-value out only where it is not the score: the same statistic and every other figure, and a KS judgement still gets it', () => {
    const reference = { edges: [0, 1, 2, 3, 4], counts: [2500, 2500, 2500, 2500] };
    const current = [180, 260, 300, 260];
    const full = driftScores('NUMERIC', reference, current);
    const lean = driftScores('NUMERIC', reference, current, { ksPValue: false });
    expect(lean).toEqual({ ...full, ks: { statistic: full.ks!.statistic, pValue: null } });
    expect(full.ks!.pValue).toBeGreaterThan(0);
    // A score that needs the p-value is never taken from scores without it.
    expect(() => methodScore('KS', lean)).toThrow(/not computed/);
    expect(methodScore('WASSERSTEIN', lean)).toBe(methodScore('WASSERSTEIN', full));
    const feature = (method: 'KS' | 'WASSERSTEIN') => ({ name: 'amount', kind: 'NUMERIC' as const, method, threshold: method === 'KS' ? 0.05 : 0.1, reference });
    expect(featureDrift(feature('KS'), { counts: current })).toMatchObject({ method: 'KS', score: full.ks!.pValue, ks: full.ks!.statistic });
    expect(featureDrift(feature('WASSERSTEIN'), { counts: current })).toMatchObject({ method: 'WASSERSTEIN', score: full.wasserstein, ks: full.ks!.statistic });
  });
});

describe('population stability index', () => {
  it('matches the hand-worked value on two bins', () => {
    // (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5)
    expect(psi([50, 50], [25, 75])).toBeCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(1.5), 12);
    expect(psi([10, 20, 30], [10, 20, 30])).toBe(0);
  });

  it('replaces an empty bin by 0.0001 instead of dividing by zero', () => {
    const value = psi([100, 0], [50, 50]);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeCloseTo((0.5 - 1) * Math.log(0.5 / 1) + (0.5 - 0.0001) * Math.log(0.5 / 0.0001), 10);
  });

  it('bins numbers in 30 equal-width bins over the combined range', () => {
    const edges = sharedEdges([0, 10], [20, 30]);
    expect(edges).toHaveLength(31);
    expect(edges[0]).toBe(0);
    expect(edges[30]).toBe(30);
    expect(binCounts([0, 0.5, 1, 29.9, 30, 31, -1], edges)).toEqual([3, 1, ...new Array(27).fill(0), 3]);
  });
});

describe('Jensen–Shannon distance', () => {
  it('matches scipy.spatial.distance.jensenshannon (natural logarithm)', () => {
    expect(jensenShannon([1, 0], [0.5, 0.5])).toBeCloseTo(0.46450140402245893, 12);
    expect(jensenShannon([1, 0, 0], [0, 1, 0])).toBeCloseTo(Math.sqrt(Math.log(2)), 12);
    expect(jensenShannon([3, 3], [5, 5])).toBe(0);
  });
});

describe('Wasserstein distance', () => {
  it('matches scipy.stats.wasserstein_distance on samples', () => {
    expect(wassersteinSamples([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
    expect(wassersteinSamples([0, 1, 1, 1], [0, 0, 1, 1])).toBeCloseTo(0.25, 12);
  });

  it('integrates the CDF gap exactly over histograms, crossings included', () => {
    expect(wassersteinHistogram({ edges: [0, 1, 2], counts: [1, 0] }, [0, 1])).toBeCloseTo(1, 12);
    // Gap goes 0 → +0.5 → 0 over [0,1],[1,2]: two triangles of height 0.5 = 0.5.
    expect(wassersteinHistogram({ edges: [0, 1, 2], counts: [1, 1] }, [0, 2])).toBeCloseTo(0.5, 12);
    // Gap 0 → +1 → −1 → 0 over three unit bins: 0.5 + 2·(1/4) + 0.5.
    expect(wassersteinHistogram({ edges: [0, 1, 2, 3], counts: [1, 0, 0] }, [0, 0, 1])).toBeCloseTo(2, 12);
  });
});

describe('chi-square', () => {
  it('matches scipy.stats.chisquare([16, 18, 16, 14, 12, 12])', () => {
    const result = chiSquare([1, 1, 1, 1, 1, 1], [16, 18, 16, 14, 12, 12]);
    expect(result.statistic).toBeCloseTo(2, 12);
    expect(result.df).toBe(5);
    expect(result.pValue).toBeCloseTo(0.84914503608460956, 10);
  });

  it('uses the reference shares as the expectation', () => {
    // expected 30 and 70 for 100 rows: (40−30)²/30 + (60−70)²/70
    expect(chiSquare([3, 7], [40, 60]).statistic).toBeCloseTo(100 / 30 + 100 / 70, 12);
  });
});

describe('the default method per feature type (Evidently)', () => {
  it('uses KS and chi-square for small references, Wasserstein and Jensen–Shannon for large ones', () => {
    expect(defaultDriftMethod('NUMERIC', 1000)).toEqual({ method: 'KS', threshold: 0.05 });
    expect(defaultDriftMethod('NUMERIC', 1001)).toEqual({ method: 'WASSERSTEIN', threshold: 0.1 });
    expect(defaultDriftMethod('CATEGORICAL', 500)).toEqual({ method: 'CHI_SQUARE', threshold: 0.05 });
    expect(defaultDriftMethod('CATEGORICAL', 5000)).toEqual({ method: 'JENSEN_SHANNON', threshold: 0.1 });
  });
});

describe('every statistic from raw samples at once', () => {
  it('agrees with each statistic computed on its own', async () => {
    const { sampleDriftScores, ksTwoSample, wassersteinSamples, sampleStd, sharedEdges, binCounts, psi, jensenShannon } = await import('./drift');
    const a = Array.from({ length: 2000 }, (_, i) => Math.sin(i) * 3 + (i % 7));
    const b = Array.from({ length: 1500 }, (_, i) => Math.cos(i) * 3 + (i % 5) + 0.4);
    const s = sampleDriftScores(a, b);
    expect(s.ks).toEqual(ksTwoSample(a, b));
    expect(s.wasserstein).toBeCloseTo(wassersteinSamples(a, b) / sampleStd(a), 12);
    const edges = sharedEdges(a, b);
    expect(s.psi).toBeCloseTo(psi(binCounts(a, edges), binCounts(b, edges)), 12);
    expect(s.jensenShannon).toBeCloseTo(jensenShannon(binCounts(a, edges), binCounts(b, edges)), 12);
  });
});

describe('the radix sort behind the sample statistics', () => {
  it('orders doubles as the engine\'s numeric sort does, negatives, zeros and ties included', async () => {
    const { radixSort } = await import('./drift');
    const xs = Float64Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? -1 : 1) * Math.sin(i * 7.3) * 10 ** ((i % 9) - 4) + (i % 11 === 0 ? 0 : 0));
    xs[5] = -0.5;
    xs[6] = 1e300;
    xs[7] = -1e300;
    xs[8] = Number.MIN_VALUE;
    const expected = Float64Array.from(xs).sort();
    expect(Array.from(radixSort(Float64Array.from(xs)))).toEqual(Array.from(expected));
  });
});
