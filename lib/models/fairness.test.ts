import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, allFairnessChecks, fairnessChecks, groupMetricsFromPredictions, type GroupResult } from './fairness';

const byCheck = (rs: ReturnType<typeof fairnessChecks>) => Object.fromEntries(rs.map((r) => [r.check, r]));

describe('groupMetricsFromPredictions', () => {
  it('builds each group’s confusion matrix and metrics (hand-worked)', () => {
    // Group A: (1,1) (1,0) (0,1) (0,0) → tp1 fn1 fp1 tn1
    // Group B: (1,1) (1,1) (0,0) → tp2 tn1
    const rows = [
      { y_true: 1, y_pred: 1, group: 'A' },
      { y_true: 1, y_pred: 0, group: 'A' },
      { y_true: 0, y_pred: 1, group: 'A' },
      { y_true: 0, y_pred: 0, group: 'A' },
      { y_true: 1, y_pred: 1, group: 'B' },
      { y_true: 1, y_pred: 1, group: 'B' },
      { y_true: 0, y_pred: 0, group: 'B' },
    ];
    const [a, b] = groupMetricsFromPredictions('sex', rows);
    expect(a).toMatchObject({ groupValue: 'A', count: 4, positives: 2, tp: 1, fp: 1, tn: 1, fn: 1, accuracy: 0.5, precision: 0.5, recall: 0.5, selectionRate: 0.5 });
    expect(b).toMatchObject({ groupValue: 'B', count: 3, positives: 2, tp: 2, fp: 0, tn: 1, fn: 0, accuracy: 1, precision: 1, recall: 1 });
    expect(b.selectionRate).toBeCloseTo(2 / 3, 10);
  });

  it('gives a group with no positives no recall, and one with no predicted positives no precision', () => {
    const [g] = groupMetricsFromPredictions('age', [
      { y_true: 0, y_pred: 0, group: 'old' },
      { y_true: 0, y_pred: 0, group: 'old' },
    ]);
    expect(g).toMatchObject({ count: 2, positives: 0, recall: null, precision: null, accuracy: 1, selectionRate: 0 });
  });
});

describe('fairnessChecks', () => {
  const groups: GroupResult[] = [
    { attribute: 'sex', groupValue: 'female', count: 100, positives: 40, recall: 0.6, selectionRate: 0.3 },
    { attribute: 'sex', groupValue: 'male', count: 100, positives: 50, recall: 0.75, selectionRate: 0.5 },
  ];

  it('computes parity difference, impact ratio and opportunity difference (hand-worked)', () => {
    // DPD = 0.5 − 0.3 = 0.2; DIR = 0.3 / 0.5 = 0.6; EOD = 0.75 − 0.6 = 0.15
    const r = byCheck(fairnessChecks('sex', groups, DEFAULT_THRESHOLDS));
    expect(r.DEMOGRAPHIC_PARITY).toMatchObject({ value: 0.2, passed: false, threshold: 0.1 });
    expect(r.DISPARATE_IMPACT).toMatchObject({ value: 0.6, passed: false, threshold: 0.8 });
    expect(r.EQUAL_OPPORTUNITY).toMatchObject({ value: 0.15, passed: false });
  });

  it('passes at the four-fifths boundary and honours custom thresholds', () => {
    const g: GroupResult[] = [
      { attribute: 'a', groupValue: 'x', count: 10, positives: 5, recall: 0.8, selectionRate: 0.4 },
      { attribute: 'a', groupValue: 'y', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 },
    ];
    const r = byCheck(fairnessChecks('a', g, { maxParityDifference: 0.1, minDisparateImpact: 0.8, maxOpportunityDifference: 0 }));
    expect(r.DISPARATE_IMPACT).toMatchObject({ value: 0.8, passed: true });
    expect(r.DEMOGRAPHIC_PARITY).toMatchObject({ value: 0.1, passed: true });
    expect(r.EQUAL_OPPORTUNITY).toMatchObject({ value: 0, passed: true });
  });

  it('leaves empty groups out and says so', () => {
    const r = byCheck(fairnessChecks('sex', [...groups, { attribute: 'sex', groupValue: 'other', count: 0, positives: 0, selectionRate: null, recall: null }], DEFAULT_THRESHOLDS));
    expect(r.DEMOGRAPHIC_PARITY.value).toBe(0.2);
    expect(r.DEMOGRAPHIC_PARITY.note).toContain('other');
    expect(r.EQUAL_OPPORTUNITY.value).toBe(0.15);
  });

  it('leaves a group with no positives out of equal opportunity only', () => {
    // Group "c" has selection rate 0.45 but no positives: DPD uses it, EOD cannot.
    const r = byCheck(fairnessChecks('sex', [...groups, { attribute: 'sex', groupValue: 'c', count: 20, positives: 0, recall: null, selectionRate: 0.45 }], DEFAULT_THRESHOLDS));
    expect(r.DEMOGRAPHIC_PARITY.value).toBe(0.2);
    expect(r.EQUAL_OPPORTUNITY.value).toBe(0.15);
    expect(r.EQUAL_OPPORTUNITY.note).toContain('without positives');
    expect(r.EQUAL_OPPORTUNITY.note).toContain('c');
  });

  it('cannot compute (and does not pass) with fewer than two usable groups', () => {
    const r = byCheck(
      fairnessChecks('sex', [
        { attribute: 'sex', groupValue: 'f', count: 10, positives: 0, recall: null, selectionRate: 0.2 },
        { attribute: 'sex', groupValue: 'm', count: 0, positives: 0, recall: null, selectionRate: null },
      ], DEFAULT_THRESHOLDS),
    );
    expect(r.DEMOGRAPHIC_PARITY).toMatchObject({ value: null, passed: false });
    expect(r.EQUAL_OPPORTUNITY).toMatchObject({ value: null, passed: false });
  });

  it('treats no selections in any group as parity (ratio 1), not a division by zero', () => {
    const r = byCheck(
      fairnessChecks('a', [
        { attribute: 'a', groupValue: 'x', count: 5, positives: 2, recall: 0, selectionRate: 0 },
        { attribute: 'a', groupValue: 'y', count: 5, positives: 1, recall: 0, selectionRate: 0 },
      ], DEFAULT_THRESHOLDS),
    );
    expect(r.DISPARATE_IMPACT).toMatchObject({ value: 1, passed: true });
    expect(r.DEMOGRAPHIC_PARITY).toMatchObject({ value: 0, passed: true });
  });

  it('runs per attribute', () => {
    const all = allFairnessChecks([...groups, { attribute: 'age', groupValue: '<40', count: 3, positives: 1, recall: 1, selectionRate: 0.33 }], DEFAULT_THRESHOLDS);
    expect(all.map((c) => c.attribute)).toEqual(['age', 'age', 'age', 'sex', 'sex', 'sex']);
  });

  it('from predictions end to end (hand-worked)', () => {
    const groupsFromRows = groupMetricsFromPredictions('g', [
      { y_true: 1, y_pred: 1, group: 'A' },
      { y_true: 1, y_pred: 0, group: 'A' },
      { y_true: 0, y_pred: 1, group: 'A' },
      { y_true: 0, y_pred: 0, group: 'A' },
      { y_true: 1, y_pred: 1, group: 'B' },
      { y_true: 0, y_pred: 0, group: 'B' },
      { y_true: 0, y_pred: 0, group: 'B' },
      { y_true: 0, y_pred: 0, group: 'B' },
    ]);
    // A: selection 2/4 = 0.5, TPR 1/2; B: selection 1/4 = 0.25, TPR 1/1.
    const r = byCheck(fairnessChecks('g', groupsFromRows, DEFAULT_THRESHOLDS));
    expect(r.DEMOGRAPHIC_PARITY.value).toBe(0.25);
    expect(r.DISPARATE_IMPACT.value).toBe(0.5);
    expect(r.EQUAL_OPPORTUNITY.value).toBe(0.5);
  });
});
