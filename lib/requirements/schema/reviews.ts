import { z } from 'zod';
import { blankAsUndefined } from '@/lib/api/params';
import { REVIEW_OUTCOMES } from './vocabulary';
import { id, optionalText } from './fields';

export const recordReviewSchema = z.object({
  requirementId: id,
  outcome: z.enum(REVIEW_OUTCOMES),
  notes: optionalText(4000),
  /** YYYY-MM-DD; defaults to today; never in the future. */
  reviewedOn: blankAsUndefined(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the date format YYYY-MM-DD')),
});
export type RecordReviewInput = z.input<typeof recordReviewSchema>;

export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'Use the form 2026-Q4');

export function quarterOf(d: Date): string {
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

export function quarterRange(q: string): { start: Date; end: Date } {
  const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return { start: new Date(Date.UTC(y, (n - 1) * 3, 1)), end: new Date(Date.UTC(y, n * 3, 1)) };
}
