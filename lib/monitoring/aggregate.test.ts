import { describe, expect, it } from 'vitest';
import { rocAuc } from './aggregate';

// The rank-sum formula with mean ranks for ties, written out plainly, to compare with.
function rankSumAuc(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) if (order[k][1] === 1) rankSum += (i + j) / 2 + 1;
    i = j + 1;
  }
  const pos = labels.filter((l) => l === 1).length;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (labels.length - pos));
}

describe('ROC AUC', () => {
  it('matches the published example and counts ties as one half', () => {
    // scikit-learn's roc_auc_score example: 0.75.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(rocAuc([0.2, 0.3], [1, 1])).toBeNull();
  });

  it('agrees with the rank-sum formula on large samples with many ties (radix-sorted)', () => {
    const scores = Array.from({ length: 20_000 }, (_, i) => Math.round(((Math.sin(i) + 1) / 2) * 100) / 100);
    const labels = scores.map((s, i) => ((s + ((i * 7919) % 100) / 100) > 1 ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(rankSumAuc(scores, labels), 12);
  });
});
