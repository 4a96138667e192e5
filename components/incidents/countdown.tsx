'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { utcText } from '@/lib/format';
import { formatClock, formatDuration } from '@/lib/incidents/clocks';

const subscribe = () => () => {};

/**
 * Time remaining or overdue, ticking every second. The ticking text is hidden
 * from screen readers (it would be noise); they get a label that updates each minute.
 */
export function Countdown({ dueAt, doneAt }: { dueAt: string; doneAt: string | null }) {
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (doneAt) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [doneAt]);
  const due = new Date(dueAt).getTime();
  if (doneAt) {
    const done = new Date(doneAt).getTime();
    const met = done <= due;
    return <span className={met ? 'text-green-800' : 'text-red-700'}>{met ? `Met, ${formatDuration(due - done)} early` : `Missed by ${formatDuration(done - due)}`}</span>;
  }
  if (!hydrated) return <span>Due {utcText(dueAt)}</span>;
  const left = due - now;
  const text = left >= 0 ? `${formatClock(left)} left` : `Overdue by ${formatClock(left)}`;
  const minuteText = left >= 0 ? `${formatDuration(Math.floor(left / 60_000) * 60_000 || left)} left` : `Overdue by ${formatDuration(Math.ceil(left / 60_000) * 60_000 || left)}`;
  return (
    <span role="timer" aria-label={minuteText} className={left >= 0 ? 'font-medium text-slate-900' : 'font-semibold text-red-700'} data-testid="countdown">
      <span aria-hidden="true">{text}</span>
    </span>
  );
}
