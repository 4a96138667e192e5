// Which reminder a record with a due date is at, at a given moment. Pure, so
// each rule's worked cases are unit-tested; the dedupe key of a reminder is
// the record, its due date and the stage, so a run repeated at any moment of
// the same stage creates nothing new.

export const DAY_MS = 86_400_000;

export type OverduePolicy = 'none' | 'once' | 'weekly';

export type StageOptions = {
  /** Days before the due date at which to remind (any order). */
  leadDays: readonly number[];
  /** Remind on the due day. */
  atDue: boolean;
  overdue: OverduePolicy;
  /** How long after the due date the "on the day" reminder may still be sent (a missed run). */
  atDueWindowDays?: number;
};

export type Stage = { key: string; kind: 'before' | 'due' | 'overdue'; days: number };

/**
 * Before the due date: the closest lead time that has been reached (a record
 * first seen 5 days before expiry with lead times 90/30/7 gets the 7-day one
 * only). On the due day: "due". After: once, or every full week, overdue.
 */
export function reminderStage(due: Date, now: Date, options: StageOptions): Stage | null {
  const diff = due.getTime() - now.getTime();
  if (diff > 0) {
    const leads = [...options.leadDays].sort((a, b) => a - b);
    const lead = leads.find((l) => diff <= l * DAY_MS);
    return lead === undefined ? null : { key: `before-${lead}`, kind: 'before', days: lead };
  }
  const since = -diff;
  const atDueWindow = (options.atDueWindowDays ?? 1) * DAY_MS;
  if (options.overdue === 'weekly') {
    const weeks = Math.floor(since / (7 * DAY_MS));
    if (weeks >= 1) return { key: `overdue-w${weeks}`, kind: 'overdue', days: weeks * 7 };
  } else if (options.overdue === 'once' && since >= DAY_MS) {
    return { key: 'overdue', kind: 'overdue', days: Math.floor(since / DAY_MS) };
  }
  if (options.atDue && since < atDueWindow) return { key: 'due', kind: 'due', days: 0 };
  return null;
}

/** The latest due date that can have a "before" reminder now. */
export function horizon(now: Date, leadDays: readonly number[]): Date {
  return new Date(now.getTime() + Math.max(0, ...leadDays) * DAY_MS);
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** "Finding "x" is due in 7 days (2026-12-09)", "… is due today", "… is overdue (due 2026-12-02)"; for expiries "expires in …", "has expired". */
export function dueTitle(subject: string, stage: Stage, due: Date, expiry = false): string {
  const day = isoDay(due);
  if (stage.kind === 'before') return `${subject} ${expiry ? 'expires' : 'is due'} in ${stage.days} day${stage.days === 1 ? '' : 's'} (${day})`;
  if (stage.kind === 'due') return expiry ? `${subject} has expired (${day})` : `${subject} is due today (${day})`;
  return `${subject} is overdue (due ${day})`;
}
