import { describe, expect, it } from 'vitest';
import { previousQuarter, quarterOf, quarterPeriod, quarterSchema } from './quarter';

describe('quarters', () => {
  it('maps a quarter to its UTC period', () => {
    expect(quarterPeriod('2026-Q4')).toEqual({ start: new Date('2026-10-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') });
    expect(quarterPeriod('2026-Q1').start.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('finds the quarter of a date and the one before', () => {
    expect(quarterOf(new Date('2026-11-23T12:00:00Z'))).toBe('2026-Q4');
    expect(quarterOf(new Date('2026-03-31T23:59:59Z'))).toBe('2026-Q1');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
  });

  it('rejects malformed quarters', () => {
    expect(quarterSchema.safeParse('2026-Q5').success).toBe(false);
    expect(quarterSchema.safeParse('Q4 2026').success).toBe(false);
  });
});
