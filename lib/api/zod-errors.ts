import type { z } from 'zod';
import { AppError, type FieldErrors } from '@/lib/errors';
import { assertSafeInput } from './input-guard';

// A union that matches no branch reports the branch that came closest, so
// the message still names a field instead of "Invalid input".
function flatIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (closest.length) return flatIssues(closest, path);
    }
    return [{ path, message: issue.message }];
  });
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out = new Map<string, string[]>();
  for (const issue of flatIssues(error.issues)) {
    const key = issue.path.map(String).join('.') || '_';
    out.set(key, [...(out.get(key) ?? []), issue.message]);
  }
  return Object.fromEntries(out);
}

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
