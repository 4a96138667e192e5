import { z } from 'zod';

export const quarterSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-Q[1-4]$/, 'Use a quarter like 2026-Q4');

export type Quarter = z.infer<typeof quarterSchema>;

/** The quarter's period in UTC: [start, end). */
export function quarterPeriod(quarter: string): { start: Date; end: Date } {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  return { start: new Date(Date.UTC(year, (q - 1) * 3, 1)), end: new Date(Date.UTC(year, q * 3, 1)) };
}

/** The quarter's first and last day as the page and the PDF print them (the stored end is exclusive). */
export function periodDays(period: { start: string | Date; end: string | Date }): { first: string; last: string } {
  const end = new Date(period.end).getTime();
  return { first: new Date(period.start).toISOString().slice(0, 10), last: new Date(end - 1).toISOString().slice(0, 10) };
}

export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function previousQuarter(quarter: string): string {
  const { start } = quarterPeriod(quarter);
  return quarterOf(new Date(start.getTime() - 86_400_000));
}
