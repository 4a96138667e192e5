import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_PREFS, enumLabel, formatInstant, resolveTimePrefs, utcText } from './format';

describe('enumLabel', () => {
  it('writes an enum value as words', () => {
    expect(enumLabel('PARTIALLY_COMPLIANT')).toBe('Partially compliant');
  });
});

describe('resolveTimePrefs', () => {
  it('takes the first language of Accept-Language and the zone of the cookie', () => {
    expect(resolveTimePrefs('de-DE,de;q=0.9,en;q=0.8', 'Europe/Berlin')).toEqual({ locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(resolveTimePrefs('en-US', 'America/New_York')).toEqual({ locale: 'en-US', timeZone: 'America/New_York' });
  });

  it('falls back to UTC and en-GB, piece by piece, for anything missing or malformed', () => {
    expect(resolveTimePrefs(null, null)).toEqual(DEFAULT_TIME_PREFS);
    expect(resolveTimePrefs('*', 'Mars/Olympus_Mons')).toEqual(DEFAULT_TIME_PREFS);
    expect(resolveTimePrefs('fr-FR', 'not a zone')).toEqual({ locale: 'fr-FR', timeZone: 'UTC' });
    expect(resolveTimePrefs('!!', 'Asia/Tokyo')).toEqual({ locale: 'en-GB', timeZone: 'Asia/Tokyo' });
    expect(resolveTimePrefs('x'.repeat(100), 'Z'.repeat(100))).toEqual(DEFAULT_TIME_PREFS);
  });
});

describe('formatInstant', () => {
  const iso = '2026-03-03T13:05:00.000Z';

  it('writes a time in the reader’s zone and locale and names the zone', () => {
    expect(formatInstant(iso, { locale: 'en-GB', timeZone: 'UTC' })).toBe('3 Mar 2026, 13:05 UTC');
    expect(formatInstant(iso, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Mar 3, 2026, 08:05 EST');
    expect(formatInstant(iso, { locale: 'de-DE', timeZone: 'Europe/Berlin' })).toBe('3. März 2026, 14:05 MEZ');
  });

  it('writes a calendar day as that day for everyone, whatever the zone', () => {
    const due = '2026-03-01T00:00:00.000Z';
    expect(formatInstant(due, { locale: 'en-US', timeZone: 'America/Los_Angeles' }, true)).toBe('Mar 1, 2026');
    expect(formatInstant(due, { locale: 'en-GB', timeZone: 'Pacific/Auckland' }, true)).toBe('1 Mar 2026');
  });

  it('gives the same text for the same input wherever it runs (no dependence on the process zone)', () => {
    const prefs = { locale: 'en-GB', timeZone: 'Asia/Kolkata' };
    expect(formatInstant(iso, prefs)).toBe('3 Mar 2026, 18:35 GMT+5:30');
  });

  it('leaves an unreadable value as it came', () => {
    expect(formatInstant('not a date', DEFAULT_TIME_PREFS)).toBe('not a date');
  });
});

describe('utcText', () => {
  it('writes the UTC value for the tooltip', () => {
    expect(utcText('2026-03-03T13:05:59.000Z')).toBe('2026-03-03 13:05 UTC');
    expect(utcText('2026-03-01T00:00:00.000Z', true)).toBe('2026-03-01');
  });
});
