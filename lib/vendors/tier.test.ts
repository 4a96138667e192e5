import { describe, expect, it } from 'vitest';
import { tierFor, tierScore } from './tier';

describe('vendor risk tier', () => {
  it('is low with nothing ticked and rises with the points', () => {
    expect(tierFor({})).toBe('LOW');
    expect(tierFor({ noAlternative: true })).toBe('LOW');
    expect(tierFor({ personalData: true })).toBe('MEDIUM');
    expect(tierFor({ personalData: true, sensitiveData: true })).toBe('HIGH');
    expect(tierScore({ personalData: true, sensitiveData: true, highRiskSystem: true })).toBe(8);
    expect(tierFor({ personalData: true, sensitiveData: true, highRiskSystem: true })).toBe('CRITICAL');
  });
});
