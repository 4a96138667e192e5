import { describe, expect, it } from 'vitest';
import { band, mergeScale, nextReview, score, scoreProblems } from './scale';

describe('risk scoring', () => {
  it('scores likelihood × impact into bands', () => {
    expect(score(4, 3)).toBe(12);
    expect([1, 4, 5, 9, 10, 14, 15, 25].map(band)).toEqual(['LOW', 'LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'HIGH', 'CRITICAL', 'CRITICAL']);
  });

  it('keeps residual at or below inherent on each axis, paired, and stated once treated', () => {
    const base = { inherentLikelihood: 4, inherentImpact: 3 };
    expect(scoreProblems({ ...base, residualLikelihood: null, residualImpact: null }, 'UNDECIDED', 0)).toEqual({});
    expect(scoreProblems({ ...base, residualLikelihood: 2, residualImpact: 3 }, 'TRANSFER', 0)).toEqual({});
    expect(scoreProblems({ ...base, residualLikelihood: 5, residualImpact: 3 }, 'TRANSFER', 0)).toHaveProperty('residualLikelihood');
    expect(scoreProblems({ ...base, residualLikelihood: 2, residualImpact: 4 }, 'TRANSFER', 0)).toHaveProperty('residualImpact');
    expect(scoreProblems({ ...base, residualLikelihood: 2, residualImpact: null }, 'UNDECIDED', 0)).toHaveProperty('residualImpact');
    expect(scoreProblems({ ...base, residualLikelihood: null, residualImpact: null }, 'AVOID', 0)).toHaveProperty('residualLikelihood');
    expect(scoreProblems({ ...base, residualLikelihood: 2, residualImpact: 2 }, 'MITIGATE', 0)).toHaveProperty('controlIds');
    expect(scoreProblems({ ...base, residualLikelihood: 2, residualImpact: 2 }, 'MITIGATE', 1)).toEqual({});
  });

  it('uses the organisation wording over the shipped one, and schedules reviews at midnight UTC', () => {
    const merged = mergeScale([{ axis: 'IMPACT', level: 5, label: 'Catastrophic', description: 'x' }]);
    expect(merged).toHaveLength(10);
    expect(merged.find((s) => s.axis === 'IMPACT' && s.level === 5)?.label).toBe('Catastrophic');
    expect(merged.find((s) => s.axis === 'IMPACT' && s.level === 4)?.label).toBe('Major');
    expect(nextReview(new Date('2026-01-01T15:00:00Z'), 90).toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });
});
