'use client';

import { formatInstant, utcText } from '@/lib/format';
import { useTimePrefs } from './time-prefs';

/**
 * Times are stored and sent in UTC; this shows them in the reader's locale
 * and time zone, the same on the server and in the browser (both read the
 * preferences the request carried), with the UTC value as its tooltip.
 */
export function LocalTime({ iso, dateOnly = false }: { iso: string | null | undefined; dateOnly?: boolean }) {
  const prefs = useTimePrefs();
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={utcText(iso, dateOnly)}>
      {formatInstant(iso, prefs, dateOnly)}
    </time>
  );
}
