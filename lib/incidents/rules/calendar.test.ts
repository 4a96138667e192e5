import { describe, expect, it } from 'vitest';
import { addBusinessDays, addDuration, isBusinessDay, publicHolidays, yearEnd, zonedInstant } from './calendar';

describe('deadline arithmetic', () => {
  it('knows US federal holidays from date-holidays, incl. observed days', () => {
    const h = publicHolidays('US', 2026);
    expect(h.has('2026-07-03')).toBe(true); // Independence Day falls on a Saturday, observed Friday
    expect(h.has('2026-11-26')).toBe(true); // Thanksgiving
    expect(h.has('2026-11-27')).toBe(false);
    expect(isBusinessDay({ y: 2026, m: 12, d: 25 }, 'US')).toBe(false);
    expect(isBusinessDay({ y: 2026, m: 12, d: 28 }, 'US')).toBe(true);
  });

  it('counts business days from the next local day and ends at a local time', () => {
    // Wednesday 25 Nov 2026, 23:00 in New York is Thursday 04:00 UTC: the local date counts.
    const due = addBusinessDays(new Date('2026-11-26T04:00:00Z'), 4, 'US', 'America/New_York', '17:30');
    // Thu 26 (Thanksgiving) skipped; Fri 27 (1), Mon 30 (2), Tue 1 (3), Wed 2 Dec (4), 17:30 EST = 22:30 UTC.
    expect(due.toISOString()).toBe('2026-12-02T22:30:00.000Z');
    // Without an end time the deadline is the end of that local day.
    expect(addBusinessDays(new Date('2026-11-26T04:00:00Z'), 4, 'US', 'America/New_York').toISOString()).toBe('2026-12-03T05:00:00.000Z');
  });

  it('handles daylight saving time and calendar months', () => {
    expect(zonedInstant({ y: 2026, m: 7, d: 9 }, 17, 30, 'America/New_York').toISOString()).toBe('2026-07-09T21:30:00.000Z');
    expect(yearEnd(new Date('2026-06-01T00:00:00Z'), 'America/New_York').toISOString()).toBe('2027-01-01T05:00:00.000Z');
    expect(addDuration(new Date('2026-01-31T10:00:00Z'), { amount: 1, unit: 'months' }).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addDuration(new Date('2026-01-31T10:00:00Z'), { amount: 72, unit: 'hours' }).toISOString()).toBe('2026-02-03T10:00:00.000Z');
  });
});
