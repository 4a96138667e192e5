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
