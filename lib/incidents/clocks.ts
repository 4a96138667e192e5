import type { Severity } from './severity';

// Response clocks, computed from the incident's milestones (the regulatory
// notification clocks are rules: lib/incidents/rules/). Pure.

export type ResponseTarget = { severity: Severity; ackMinutes: number; containMinutes: number; resolveMinutes: number };

export const DEFAULT_RESPONSE_TARGETS: readonly ResponseTarget[] = [
  { severity: 'SEV1', ackMinutes: 15, containMinutes: 4 * 60, resolveMinutes: 24 * 60 },
  { severity: 'SEV2', ackMinutes: 60, containMinutes: 24 * 60, resolveMinutes: 5 * 24 * 60 },
  { severity: 'SEV3', ackMinutes: 8 * 60, containMinutes: 3 * 24 * 60, resolveMinutes: 14 * 24 * 60 },
  { severity: 'SEV4', ackMinutes: 3 * 24 * 60, containMinutes: 14 * 24 * 60, resolveMinutes: 30 * 24 * 60 },
];

export type Clock = {
  key: string;
  label: string;
  dueAt: string;
  /** When the step was done (or the notification sent); null while it runs. */
  doneAt: string | null;
  state: 'running' | 'overdue' | 'met' | 'missed';
};

export function clockState(dueAt: Date, doneAt: Date | null, now: Date): Clock['state'] {
  if (doneAt) return doneAt <= dueAt ? 'met' : 'missed';
  return now > dueAt ? 'overdue' : 'running';
}

const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

export type ClockIncident = {
  severity: Severity;
  detectedAt: Date;
  acknowledgedAt: Date | null;
  containedAt: Date | null;
  resolvedAt: Date | null;
};

export function responseClocks(incident: ClockIncident, target: ResponseTarget, now: Date): Clock[] {
  const steps = [
    { key: 'acknowledge', label: 'Acknowledge', minutes: target.ackMinutes, doneAt: incident.acknowledgedAt },
    { key: 'contain', label: 'Contain', minutes: target.containMinutes, doneAt: incident.containedAt },
    { key: 'resolve', label: 'Resolve', minutes: target.resolveMinutes, doneAt: incident.resolvedAt },
  ];
  return steps.map((s) => {
    const due = addMinutes(incident.detectedAt, s.minutes);
    return { key: s.key, label: s.label, dueAt: due.toISOString(), doneAt: s.doneAt?.toISOString() ?? null, state: clockState(due, s.doneAt, now) };
  });
}

/** "2 d 3 h", "45 min", "12 s" — the largest two units. */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${h} h`;
  if (h) return `${h} h ${m} min`;
  if (m) return `${m} min`;
  return `${s % 60} s`;
}

/** A ticking clock face: "2 d 03:12:45", "00:04:09". */
export function formatClock(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((s % 86_400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return d ? `${d} d ${hms}` : hms;
}
