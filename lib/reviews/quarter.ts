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

export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

export function previousQuarter(quarter: string): string {
  const { start } = quarterPeriod(quarter);
  return quarterOf(new Date(start.getTime() - 86_400_000));
}
