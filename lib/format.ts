/** An enum value as words: PARTIALLY_COMPLIANT -> "Partially compliant". */
export function enumLabel(value: string): string {
  return value.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

/** How a reader's dates are written: a BCP 47 locale and an IANA time zone. */
export type TimePrefs = { locale: string; timeZone: string };

/** Before the browser has told us its zone: UTC, and the zone is named so nobody mistakes it for local time. */
export const DEFAULT_TIME_PREFS: TimePrefs = { locale: 'en-GB', timeZone: 'UTC' };

/** The cookie the browser sets with its IANA time zone, so the server renders what the browser would. */
export const TIME_ZONE_COOKIE = 'tz';

const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };

function usable(locale: string | undefined, timeZone: string | undefined): TimePrefs | null {
  if (!locale || !timeZone || locale.length > 35 || timeZone.length > 64) return null;
  try {
    const resolved = new Intl.DateTimeFormat(locale, { timeZone }).resolvedOptions();
    return { locale: resolved.locale, timeZone: resolved.timeZone };
  } catch {
    return null;
  }
}

/**
 * The reader's preferences from what the request carries: the first language
 * of Accept-Language and the time-zone cookie. Anything unknown or malformed
 * falls back to DEFAULT_TIME_PREFS, piece by piece.
 */
export function resolveTimePrefs(acceptLanguage: string | null | undefined, timeZone: string | null | undefined): TimePrefs {
  const first = acceptLanguage?.split(',')[0]?.split(';')[0]?.trim();
  const locale = first && first !== '*' && usable(first, 'UTC') ? usable(first, 'UTC')!.locale : DEFAULT_TIME_PREFS.locale;
  const zone = usable(locale, timeZone ?? undefined)?.timeZone ?? DEFAULT_TIME_PREFS.timeZone;
  return { locale, timeZone: zone };
}

/**
 * The one way a time is written on screen: "3 Mar 2026, 14:05 CET" in the
 * reader's locale and zone. A date without a time (`dateOnly`: due dates,
 * audit periods, stored as UTC midnight and edited as a calendar day) is
 * that same calendar day for everyone, so it is written in UTC.
 */
export function formatInstant(iso: string, prefs: TimePrefs, dateOnly = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(prefs.locale, { ...(dateOnly ? DATE : DATE_TIME), timeZone: dateOnly ? 'UTC' : prefs.timeZone }).format(d);
}

/** The same moment in UTC, unambiguous, for a tooltip or beside a local time: "2026-03-03 13:05 UTC". */
export function utcText(iso: string, dateOnly = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = d.toISOString();
  return dateOnly ? s.slice(0, 10) : `${s.slice(0, 16).replace('T', ' ')} UTC`;
}
