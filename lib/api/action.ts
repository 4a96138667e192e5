import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getActor } from '@/lib/auth/session';
import { AppError, logUnexpected, toPublicError, zodFieldErrors, type FieldErrors } from '@/lib/errors';
import { inputProblems } from './input-guard';

export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: FieldErrors; code?: PromptCode };

/** Refusals the form kit answers with a prompt (verify a second factor, set one up). */
export type PromptCode = 'STEP_UP_REQUIRED' | 'MFA_ENROLMENT_REQUIRED';

/** FormData to a plain object; repeated names (checkbox groups) become arrays. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  // Entries, not assignment: a field named "__proto__" becomes an own key the guard refuses.
  const entries: [string, unknown][] = [];
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const values = form.getAll(key);
    entries.push([key.endsWith('[]') ? key.slice(0, -2) : key, key.endsWith('[]') || values.length > 1 ? values : values[0]]);
  }
  return Object.fromEntries(entries);
}

/** Control characters, unsafe keys and deep nesting, refused before zod sees the input. */
export function refuseUnsafe(raw: unknown): { ok: false; message: string; fieldErrors: FieldErrors } | null {
  const problems = inputProblems(raw);
  const first = Object.entries(problems)[0];
  if (!first) return null;
  return { ok: false, message: `Please correct the highlighted fields (${first[0]}: ${first[1][0]}).`, fieldErrors: problems };
}

/**
 * Every Server Action is a public endpoint: this parses its input with zod,
 * requires a signed-in actor (the mutation then calls the gate), and returns
 * a result the form can show. Redirects and not-found pass through.
 */
export function validatedAction<S extends z.ZodType, T>(
  schema: S,
  run: (input: z.output<S>, actor: Actor) => Promise<T>,
  opts: { successMessage?: string | ((data: T) => string) } = {},
) {
  return async (_prev: ActionResult<T> | null, input: FormData | z.input<S>): Promise<ActionResult<T>> => {
    try {
      const raw = input instanceof FormData ? formDataToObject(input) : input;
      const unsafe = refuseUnsafe(raw);
      if (unsafe) return unsafe;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: zodFieldErrors(parsed.error) };
      }
      const actor = await getActor();
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
      const data = await run(parsed.data, actor);
      const message = typeof opts.successMessage === 'function' ? opts.successMessage(data) : opts.successMessage;
      return { ok: true, data, message };
    } catch (error) {
      unstable_rethrow(error);
      logUnexpected(error, 'server action');
      const pub = toPublicError(error);
      const code = pub.code === 'STEP_UP_REQUIRED' || pub.code === 'MFA_ENROLMENT_REQUIRED' ? pub.code : undefined;
      return { ok: false, message: pub.message, fieldErrors: pub.fieldErrors, ...(code ? { code } : {}) };
    }
  };
}
