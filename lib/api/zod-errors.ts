import type { z } from 'zod';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { assertSafeInput } from './input-guard';

// The one zod → field errors conversion is zodFieldErrors in lib/errors.ts (the error mapper uses it too).
export { zodFieldErrors };

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  assertSafeInput(value, what);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fieldErrors = zodFieldErrors(parsed.error);
    const first = Object.entries(fieldErrors)[0];
    const where = first && first[0] !== '_' ? `${first[0]}: ` : '';
    throw new AppError('VALIDATION', `Invalid ${what}: ${where}${first?.[1][0] ?? 'check the input'}`, { fieldErrors });
  }
  return parsed.data;
}
