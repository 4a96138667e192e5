'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * Times are stored and sent in UTC; this shows them in the reader's locale
 * and time zone. The server renders the UTC form until the browser takes over.
 */
export function LocalTime({ iso, dateOnly = false }: { iso: string | null | undefined; dateOnly?: boolean }) {
  const text = useSyncExternalStore(
    subscribe,
    () => (iso ? format(iso, dateOnly) : '—'),
    () => (iso ? (dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`) : '—'),
  );
  if (!iso) return <span>—</span>;
  return <time dateTime={iso}>{text}</time>;
}

function format(iso: string, dateOnly: boolean) {
  const d = new Date(iso);
  return dateOnly
    ? d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
    : d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
