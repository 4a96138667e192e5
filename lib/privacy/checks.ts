import 'server-only';
import { AppError } from '@/lib/errors';

// Clocks on different machines disagree a little; allow that much "future".
const CLOCK_SKEW_MS = 60_000;

export const invalid = (field: string, message: string) => new AppError('VALIDATION', message, { fieldErrors: { [field]: [message] } });
export const conflict = (message: string) => new AppError('CONFLICT', message);

export function notInFuture(at: Date, field: string, what: string, now = new Date()) {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid(field, `${what} is in the future (${at.toISOString()}). Give the time it actually happened.`);
}
