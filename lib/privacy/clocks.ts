import { addDuration, clockState, localDate, zonedInstant, type Clock, type Duration } from '@/lib/incidents/deadlines';

// Statutory clocks of data-subject requests, computed by the incident rule
// engine's deadline arithmetic (lib/incidents/rules/calendar.ts). Pure.
//
// GDPR Art. 12(3): one month from receipt, extendable by two further months
// with a reasoned notice within the first month. Periods in months follow
// Regulation 1182/71 Art. 3: the day of receipt does not count and the period
// ends with the last hour of the day bearing the same date in the last month,
// or of that month's last day when there is none (31 January → 28/29
// February). The Art. 3(4) roll-over past weekends is not applied: the
// portal keeps the earlier, safer date.
// CCPA (Cal. Code Regs. tit. 11 § 7021): confirm receipt within 10 business
// days, respond within 45 calendar days, extendable once by 45 with notice.

export const REGIMES = ['GDPR', 'CCPA'] as const;
export type Regime = (typeof REGIMES)[number];

export const REGIME_ZONE: Record<Regime, string> = { GDPR: 'UTC', CCPA: 'America/Los_Angeles' };

type Rule = { respond: Duration; extension: Duration; extendedTotal: Duration; confirm: Duration | null };

export const CLOCK_RULES: Record<Regime, Rule> = {
  GDPR: {
    respond: { amount: 1, unit: 'months' },
    extension: { amount: 2, unit: 'months' },
    extendedTotal: { amount: 3, unit: 'months' },
    confirm: null,
  },
  CCPA: {
    respond: { amount: 45, unit: 'calendarDays' },
    extension: { amount: 45, unit: 'calendarDays' },
    extendedTotal: { amount: 90, unit: 'calendarDays' },
    confirm: { amount: 10, unit: 'businessDays', calendar: 'US-CA', timeZone: 'America/Los_Angeles' },
  },
};

/** The first instant after the local day that contains `at` (the deadline is the whole of that day). */
function endOfLocalDay(at: Date, timeZone: string): Date {
  const d = localDate(at, timeZone);
  const next = new Date(Date.UTC(d.y, d.m - 1, d.d + 1));
  return zonedInstant({ y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() }, 0, 0, timeZone);
}

function periodEnd(receivedAt: Date, within: Duration, regime: Regime): Date {
  const zone = REGIME_ZONE[regime];
  if (within.unit === 'businessDays') return addDuration(receivedAt, within);
  if (within.unit === 'months') {
    // Same date in the zone's calendar, clipped to the month's last day.
    const d = localDate(receivedAt, zone);
    const lastDay = new Date(Date.UTC(d.y, d.m - 1 + within.amount + 1, 0)).getUTCDate();
    const target = new Date(Date.UTC(d.y, d.m - 1 + within.amount, Math.min(d.d, lastDay)));
    return endOfLocalDay(zonedInstant({ y: target.getUTCFullYear(), m: target.getUTCMonth() + 1, d: target.getUTCDate() }, 12, 0, zone), zone);
  }
  return endOfLocalDay(addDuration(receivedAt, within), zone);
}

export type RequestDeadlines = { dueAt: Date; extendedDueAt: Date; confirmDueAt: Date | null };

export function requestDeadlines(regime: Regime, receivedAt: Date): RequestDeadlines {
  const rule = CLOCK_RULES[regime];
  return {
    dueAt: periodEnd(receivedAt, rule.respond, regime),
    extendedDueAt: periodEnd(receivedAt, rule.extendedTotal, regime),
    confirmDueAt: rule.confirm ? periodEnd(receivedAt, rule.confirm, regime) : null,
  };
}

export type ClockRequest = {
  regime: Regime;
  receivedAt: Date;
  dueAt: Date;
  confirmDueAt: Date | null;
  confirmedAt: Date | null;
  closedAt: Date | null;
};

export function requestClocks(r: ClockRequest, now: Date): Clock[] {
  const clocks: Clock[] = [];
  if (r.confirmDueAt) {
    clocks.push({ key: 'confirm', label: 'Confirm receipt', dueAt: r.confirmDueAt.toISOString(), doneAt: r.confirmedAt?.toISOString() ?? null, state: clockState(r.confirmDueAt, r.confirmedAt, now) });
  }
  clocks.push({ key: 'respond', label: 'Respond', dueAt: r.dueAt.toISOString(), doneAt: r.closedAt?.toISOString() ?? null, state: clockState(r.dueAt, r.closedAt, now) });
  return clocks;
}

/** Whole days left until the deadline (negative when past). */
export function daysLeft(dueAt: Date, now: Date): number {
  return Math.ceil((dueAt.getTime() - now.getTime()) / 86_400_000);
}
