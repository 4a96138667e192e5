import Holidays from 'date-holidays';
import type { Duration } from './language';

// Deadline arithmetic: hours and calendar days are exact spans; business days
// count local dates in a time zone, skipping weekends and the public holidays
// of a maintained calendar (date-holidays); months are calendar months.

type LocalDate = { y: number; m: number; d: number };

function parts(at: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** The local calendar date of an instant in a zone. */
export function localDate(at: Date, timeZone: string): LocalDate {
  const { y, m, d } = parts(at, timeZone);
  return { y, m, d };
}

/** The instant at which a zone's clock shows this local date and time. */
export function zonedInstant(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.UTC(date.y, date.m - 1, date.d, hour, minute);
  let guess = wanted;
  // Two passes settle daylight-saving offsets.
  for (let i = 0; i < 2; i++) {
    const p = parts(new Date(guess), timeZone);
    const shown = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s);
    guess += wanted - shown;
  }
  return new Date(guess);
}

const iso = (d: LocalDate) => `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
const nextDay = (d: LocalDate): LocalDate => {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const weekday = (d: LocalDate) => new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();

const holidayCache = new Map<string, Set<string>>();

/** Public holidays (type "public" in date-holidays) of a calendar such as "US" or "US-NY", as YYYY-MM-DD. */
export function publicHolidays(calendar: string, year: number): Set<string> {
  const cacheKey = `${calendar}:${year}`;
  let set = holidayCache.get(cacheKey);
  if (!set) {
    const [country, state] = calendar.split('-');
    const hd = state ? new Holidays(country, state) : new Holidays(country);
    set = new Set((hd.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidayCache.set(cacheKey, set);
  }
  return set;
}

export function isBusinessDay(d: LocalDate, calendar: string): boolean {
  const wd = weekday(d);
  return wd !== 0 && wd !== 6 && !publicHolidays(calendar, d.y).has(iso(d));
}

/** The end of the n-th business day after the start's local date (the start day itself does not count). */
export function addBusinessDays(start: Date, n: number, calendar: string, timeZone: string, endsAt?: string): Date {
  let d = localDate(start, timeZone);
  let counted = 0;
  while (counted < n) {
    d = nextDay(d);
    if (isBusinessDay(d, calendar)) counted++;
  }
  if (endsAt) {
    const [h, m] = endsAt.split(':').map(Number);
    return zonedInstant(d, h, m, timeZone);
  }
  return zonedInstant(nextDay(d), 0, 0, timeZone);
}

/** Local midnight at which the calendar year of the instant ends. */
export function yearEnd(at: Date, timeZone = 'UTC'): Date {
  return zonedInstant({ y: localDate(at, timeZone).y + 1, m: 1, d: 1 }, 0, 0, timeZone);
}

function addMonths(start: Date, n: number): Date {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(start.getUTCDate(), lastDay), start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds()));
}

/** When a duration that starts at `start` ends. */
export function addDuration(start: Date, within: Duration): Date {
  switch (within.unit) {
    case 'hours':
      return new Date(start.getTime() + within.amount * 3_600_000);
    case 'calendarDays':
      return new Date(start.getTime() + within.amount * 86_400_000);
    case 'months':
      return addMonths(start, within.amount);
    case 'businessDays':
      return addBusinessDays(start, within.amount, within.calendar ?? 'US', within.timeZone ?? 'UTC', within.endsAt);
  }
}

export function describeDuration(within: Duration): string {
  const n = within.amount;
  const unit = {
    hours: n === 1 ? 'hour' : 'hours',
    calendarDays: n === 1 ? 'calendar day' : 'calendar days',
    businessDays: n === 1 ? 'business day' : 'business days',
    months: n === 1 ? 'month' : 'months',
  }[within.unit];
  const cal = within.unit === 'businessDays' ? ` (${within.calendar} public holidays${within.timeZone ? `, ${within.timeZone}` : ''}${within.endsAt ? `, ends ${within.endsAt}` : ''})` : '';
  return `${n} ${unit}${cal}`;
}
