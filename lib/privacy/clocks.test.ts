import { describe, expect, it } from 'vitest';
import { requestClocks, requestDeadlines } from './clocks';

describe('data-subject request clocks', () => {
  it('GDPR: one month from receipt, ending with the day of the same date (Reg. 1182/71)', () => {
    expect(requestDeadlines('GDPR', new Date('2026-03-10T15:20:00Z')).dueAt.toISOString()).toBe('2026-04-11T00:00:00.000Z');
    // Received late on the day still counts that day as the day of receipt.
    expect(requestDeadlines('GDPR', new Date('2026-03-10T23:59:00Z')).dueAt.toISOString()).toBe('2026-04-11T00:00:00.000Z');
  });

  it('GDPR month-end: received 31 January, due 28 February, or 29 February in a leap year', () => {
    expect(requestDeadlines('GDPR', new Date('2025-01-31T09:00:00Z')).dueAt.toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(requestDeadlines('GDPR', new Date('2028-01-31T09:00:00Z')).dueAt.toISOString()).toBe('2028-03-01T00:00:00.000Z');
    expect(requestDeadlines('GDPR', new Date('2028-01-30T09:00:00Z')).dueAt.toISOString()).toBe('2028-03-01T00:00:00.000Z');
    // Received 31 March: April has no 31st, so 30 April.
    expect(requestDeadlines('GDPR', new Date('2026-03-31T09:00:00Z')).dueAt.toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });

  it('GDPR extension: two further months, three months from receipt in all (Art. 12(3))', () => {
    // 30 November + 3 months = 28 February (no 30th).
    expect(requestDeadlines('GDPR', new Date('2026-11-30T09:00:00Z')).extendedDueAt.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(requestDeadlines('GDPR', new Date('2026-01-15T09:00:00Z')).extendedDueAt.toISOString()).toBe('2026-04-16T00:00:00.000Z');
  });

  it('CCPA: 10 business days to confirm, skipping Thanksgiving and the day after (California holidays)', () => {
    // Monday 23 Nov 2026, Pacific time. Business days: 24, 25, (26-27 holidays), 30, 1, 2, 3, 4, 7, 8, 9 Dec → 10th is Wed 9 Dec.
    const d = requestDeadlines('CCPA', new Date('2026-11-23T18:00:00Z'));
    expect(d.confirmDueAt!.toISOString()).toBe('2026-12-10T08:00:00.000Z');
    // 45 calendar days: 7 January 2027, to the end of that Pacific day.
    expect(d.dueAt.toISOString()).toBe('2027-01-08T08:00:00.000Z');
    // Extended once by 45: 90 days, 21 February 2027.
    expect(d.extendedDueAt.toISOString()).toBe('2027-02-22T08:00:00.000Z');
  });

  it('CCPA counts the Pacific calendar date of receipt, not the UTC one', () => {
    // 02:00 UTC on 24 Nov is still Monday 23 Nov in California.
    expect(requestDeadlines('CCPA', new Date('2026-11-24T02:00:00Z')).confirmDueAt!.toISOString()).toBe('2026-12-10T08:00:00.000Z');
  });

  it('clock states: running, overdue, met, missed', () => {
    const base = { regime: 'GDPR' as const, receivedAt: new Date('2026-01-01T00:00:00Z'), dueAt: new Date('2026-02-02T00:00:00Z'), confirmDueAt: null, confirmedAt: null };
    expect(requestClocks({ ...base, closedAt: null }, new Date('2026-01-20T00:00:00Z'))[0].state).toBe('running');
    expect(requestClocks({ ...base, closedAt: null }, new Date('2026-02-03T00:00:00Z'))[0].state).toBe('overdue');
    expect(requestClocks({ ...base, closedAt: new Date('2026-01-30T00:00:00Z') }, new Date('2026-02-03T00:00:00Z'))[0].state).toBe('met');
    expect(requestClocks({ ...base, closedAt: new Date('2026-02-05T00:00:00Z') }, new Date('2026-02-06T00:00:00Z'))[0].state).toBe('missed');
  });
});
