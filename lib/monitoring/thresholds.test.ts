import { describe, expect, it } from 'vitest';
import { judge, judgeDrift, warningPoint } from './thresholds';

describe('the 80 % warning rule', () => {
  it('warns from 80 % of a "≤" threshold and breaches past it', () => {
    expect(warningPoint('AT_MOST', 0.1)).toBeCloseTo(0.08, 12);
    expect(judge('AT_MOST', 0.079, 0.1)).toBe('OK');
    expect(judge('AT_MOST', 0.08, 0.1)).toBe('WARNING');
    expect(judge('AT_MOST', 0.1, 0.1)).toBe('WARNING');
    expect(judge('AT_MOST', 0.1001, 0.1)).toBe('BREACH');
  });

  it('warns once 80 % of the room below the ideal is used for a "≥" threshold', () => {
    expect(warningPoint('AT_LEAST', 0.8)).toBeCloseTo(0.84, 12);
    expect(judge('AT_LEAST', 0.85, 0.8)).toBe('OK');
    expect(judge('AT_LEAST', 0.84, 0.8)).toBe('WARNING');
    expect(judge('AT_LEAST', 0.8, 0.8)).toBe('WARNING');
    expect(judge('AT_LEAST', 0.7999, 0.8)).toBe('BREACH');
  });

  it('takes the ratio per metric and the baseline as ideal above 1', () => {
    expect(warningPoint('AT_MOST', 0.1, 0.5)).toBeCloseTo(0.05, 12);
    expect(warningPoint('AT_LEAST', 100, 0.8, 150)).toBeCloseTo(110, 12);
  });

  it('judges drift distances and p-values', () => {
    expect(judgeDrift(false, 0.07, 0.1)).toBe('OK');
    expect(judgeDrift(false, 0.08, 0.1)).toBe('WARNING');
    expect(judgeDrift(false, 0.1, 0.1)).toBe('BREACH');
    expect(judgeDrift(true, 0.07, 0.05)).toBe('OK');
    expect(judgeDrift(true, 0.06, 0.05)).toBe('WARNING');
    expect(judgeDrift(true, 0.01, 0.05)).toBe('BREACH');
  });
});

describe('"warning at 80 % of the threshold", read in both directions', () => {
  it('is exactly 80 % of a "≤" threshold, and 80 % of the way from the ideal 1 to a "≥" threshold', () => {
    for (const t of [0.05, 0.1, 0.25, 0.5]) expect(warningPoint('AT_MOST', t)).toBeCloseTo(0.8 * t, 12);
    // A literal 80 % of "≥ 0.8" (0.64) lies past the threshold: it would warn only after the breach.
    expect(judge('AT_LEAST', 0.64, 0.8)).toBe('BREACH');
    for (const t of [0.5, 0.7, 0.8, 0.95]) expect(warningPoint('AT_LEAST', t)).toBeCloseTo(1 - 0.8 * (1 - t), 12);
  });

  it('always warns before the breach, on the safe side of the threshold, for any ratio', () => {
    for (const ratio of [0.5, 0.8, 0.9, 0.99]) {
      for (const t of [0.1, 0.5, 0.8, 0.95]) {
        expect(warningPoint('AT_LEAST', t, ratio)).toBeGreaterThan(t);
        expect(warningPoint('AT_MOST', t, ratio)).toBeLessThan(t);
      }
    }
  });

  it('warns earlier with a smaller ratio in both directions', () => {
    expect(warningPoint('AT_LEAST', 0.8, 0.5)).toBeGreaterThan(warningPoint('AT_LEAST', 0.8, 0.8));
    expect(warningPoint('AT_MOST', 0.1, 0.5)).toBeLessThan(warningPoint('AT_MOST', 0.1, 0.8));
  });
});
