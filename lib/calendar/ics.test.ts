import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from './ics';

const now = new Date('2026-12-02T10:11:12.345Z');

describe('the RFC 5545 writer', () => {
  const long = 'Ünïcödé “quotes”, commas; semicolons \\ backslashes and a very long title that must be folded across several lines 😀😀😀';
  const text = renderCalendar({
    name: 'Due dates, mine',
    now,
    events: [
      { uid: 'finding-1@portal.example', summary: long, description: 'Line one\nLine two', date: '2026-12-31', url: 'https://portal.example/audits/findings/1', categories: ['Finding'] },
      { uid: 'meeting-1@portal.example', summary: 'Review', start: new Date('2026-12-24T14:00:00Z'), end: new Date('2026-12-24T15:00:00Z'), organizer: { name: 'Ada, Admin', email: 'ada@acme.example' }, attendees: [{ name: 'Bo', email: 'bo@acme.example' }] },
    ],
  });

  it('ends every line with CRLF and folds at 75 octets without splitting a character', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('é'.repeat(40)).split('\r\n ').map((p) => Buffer.byteLength(p))).toEqual([74, 6]);
  });

  it('escapes TEXT values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('is read back by ical.js with the same values', () => {
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    const [due, meeting] = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(due.uid).toBe('finding-1@portal.example');
    expect(due.summary).toBe(long);
    expect(due.description).toBe('Line one\nLine two');
    expect(due.startDate.isDate).toBe(true);
    expect(due.startDate.toString()).toBe('2026-12-31');
    expect(due.endDate.toString()).toBe('2027-01-01');
    expect(due.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-12-02T10:11:12Z');
    expect(meeting.startDate.toJSDate().toISOString()).toBe('2026-12-24T14:00:00.000Z');
    expect(meeting.organizer).toBe('mailto:ada@acme.example');
    expect(meeting.component.getFirstProperty('organizer')!.getParameter('cn')).toBe('Ada, Admin');
    expect(meeting.attendees.map((a) => a.getFirstValue())).toEqual(['mailto:bo@acme.example']);
  });
});
