import { describe, expect, it } from 'vitest';
import { DAY_MS, dueTitle, reminderStage } from './stage';

const due = new Date('2026-06-24T00:00:00Z');
const at = (days: number) => new Date(due.getTime() + days * DAY_MS);
const stageAt = (days: number, options: Parameters<typeof reminderStage>[2]) => reminderStage(due, at(days), options)?.key ?? null;

describe('reminderStage', () => {
  const review = { leadDays: [14], atDue: true, overdue: 'weekly' as const };
  it('requirement reviews: 14 days before, on the day, then every full week overdue', () => {
    expect(stageAt(-15, review)).toBeNull();
    expect(stageAt(-14, review)).toBe('before-14');
    expect(stageAt(-1, review)).toBe('before-14');
    expect(stageAt(0, review)).toBe('due');
    expect(stageAt(0.5, review)).toBe('due');
    expect(stageAt(3, review)).toBeNull();
    expect(stageAt(7, review)).toBe('overdue-w1');
    expect(stageAt(13.9, review)).toBe('overdue-w1');
    expect(stageAt(14, review)).toBe('overdue-w2');
  });

  const finding = { leadDays: [7], atDue: true, overdue: 'once' as const };
  it('findings: 7 days before, on the day, overdue once', () => {
    expect(stageAt(-8, finding)).toBeNull();
    expect(stageAt(-7, finding)).toBe('before-7');
    expect(stageAt(0, finding)).toBe('due');
    expect(stageAt(1, finding)).toBe('overdue');
    expect(stageAt(40, finding)).toBe('overdue');
  });

  const expiry = { leadDays: [90, 30, 7], atDue: true, overdue: 'none' as const, atDueWindowDays: 7 };
  it('expiries: the closest lead time reached (90/30/7), then expired for a week, then nothing', () => {
    expect(stageAt(-91, expiry)).toBeNull();
    expect(stageAt(-90, expiry)).toBe('before-90');
    expect(stageAt(-31, expiry)).toBe('before-90');
    expect(stageAt(-30, expiry)).toBe('before-30');
    expect(stageAt(-5, expiry)).toBe('before-7');
    expect(stageAt(0, expiry)).toBe('due');
    expect(stageAt(6, expiry)).toBe('due');
    expect(stageAt(8, expiry)).toBeNull();
  });

  it('titles say when', () => {
    expect(dueTitle('Finding "x"', reminderStage(due, at(-7), finding)!, due)).toBe('Finding "x" is due in 7 days (2026-06-24)');
    expect(dueTitle('Finding "x"', reminderStage(due, at(0), finding)!, due)).toBe('Finding "x" is due today (2026-06-24)');
    expect(dueTitle('Finding "x"', reminderStage(due, at(2), finding)!, due)).toBe('Finding "x" is overdue (due 2026-06-24)');
    expect(dueTitle('Evidence "y"', reminderStage(due, at(-30), expiry)!, due, true)).toBe('Evidence "y" expires in 30 days (2026-06-24)');
    expect(dueTitle('Evidence "y"', reminderStage(due, at(1), expiry)!, due, true)).toBe('Evidence "y" has expired (2026-06-24)');
  });
});
