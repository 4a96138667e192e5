// A small RFC 5545 writer: CRLF line ends, lines folded at 75 octets (never
// inside a UTF-8 character), TEXT values escaped, UTC date-times. Pure, so it
// is tested on its own and parsed back by ical.js in the tests.

export type IcsPerson = { name: string; email: string };

export type IcsEvent = {
  uid: string;
  summary: string;
  description?: string;
  url?: string;
  /** An all-day event on this UTC date (YYYY-MM-DD)… */
  date?: string;
  /** …or a timed one. */
  start?: Date;
  end?: Date;
  categories?: string[];
  organizer?: IcsPerson;
  attendees?: IcsPerson[];
  sequence?: number;
};

export type IcsCalendar = { name: string; method?: 'PUBLISH' | 'REQUEST'; events: IcsEvent[]; now: Date };

const PRODID = '-//AI Governance Portal//Calendar 1.0//EN';

/** TEXT escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted when it holds ":", ";" or ",", which cannot contain DQUOTE. */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds a content line into 75-octet pieces (continuations start with a space). */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74;
  }
  return parts.join('\r\n ');
}

export function utcStamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const dateValue = (iso: string) => iso.slice(0, 10).replace(/-/g, '');
const nextDay = (iso: string) => new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function eventLines(e: IcsEvent, now: Date): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(now)}`];
  if (e.date) lines.push(`DTSTART;VALUE=DATE:${dateValue(e.date)}`, `DTEND;VALUE=DATE:${dateValue(nextDay(e.date))}`);
  else if (e.start) lines.push(`DTSTART:${utcStamp(e.start)}`, `DTEND:${utcStamp(e.end ?? new Date(e.start.getTime() + 3600_000))}`);
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
  if (e.organizer) lines.push(`ORGANIZER;CN=${paramValue(e.organizer.name)}:mailto:${e.organizer.email}`);
  for (const a of e.attendees ?? []) lines.push(`ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${a.email}`);
  if (e.sequence !== undefined) lines.push(`SEQUENCE:${e.sequence}`);
  if (e.date) lines.push('TRANSP:TRANSPARENT');
  lines.push('STATUS:CONFIRMED', 'END:VEVENT');
  return lines;
}

export function renderCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${cal.method ?? 'PUBLISH'}`,
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    ...cal.events.flatMap((e) => eventLines(e, cal.now)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
