import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { refuseUnsafe, formDataToObject, type ActionResult } from '@/lib/api/action';
import type { RequestMeta } from '@/lib/auth/actor';
import { requestMeta } from '@/lib/auth/request';
import { claimAttempt, recordFailure, recordSuccess } from '@/lib/auth/throttle';
import { logUnexpected, toPublicError, zodFieldErrors } from '@/lib/errors';
import { hashLinkToken, LinkRefusedError, resolveLink, type LinkResolution } from './links';
import { LINK_REFUSAL_MESSAGES, type LinkPurpose } from './purposes';

// The landing of a link: a page or an action reached without a session. It
// is throttled per client address (lib/platform/forwarded.ts wrote it) with
// the sign-in throttle, so guessing tokens slows down and then stops; the
// link then grants access to its one subject and nothing else.

/** The throttle's key for a token: its hash, shortened (the token itself is never stored). */
function throttleKey(token: string): string {
  return `link:${hashLinkToken(token).slice(0, 32)}`;
}

async function admitted(token: string, meta: RequestMeta): Promise<boolean> {
  const state = await claimAttempt(throttleKey(token), meta.ip);
  return state.blockedForSeconds === 0 && state.waitSeconds === 0;
}

async function settle(token: string, meta: RequestMeta, ok: boolean): Promise<void> {
  if (ok) await recordSuccess(throttleKey(token), meta.ip);
  else await recordFailure(throttleKey(token), meta.ip);
}

/** For a landing page (or a route handler): resolves the link, throttled; writes nothing but the throttle's counters. */
export async function landLink(token: string, purpose: LinkPurpose, meta?: RequestMeta): Promise<LinkResolution & { meta: RequestMeta }> {
  const m = meta ?? (await requestMeta());
  if (!(await admitted(token, m))) return { ok: false, reason: 'rate_limited', message: LINK_REFUSAL_MESSAGES.rate_limited, meta: m };
  const result = await resolveLink(token, purpose);
  await settle(token, m, result.ok);
  return { ...result, meta: m };
}

/**
 * A Server Action on a landing page: the form carries `token`; the input is
 * parsed with zod, the attempt throttled, and `run` uses the link in its own
 * transaction (`useLink`), which checks it again under a row lock.
 */
export function linkAction<S extends z.ZodType<{ token: string }>, T>(
  schema: S,
  run: (input: z.output<S>, meta: RequestMeta) => Promise<T>,
  opts: { successMessage?: string | ((data: T) => string) } = {},
) {
  return async (_prev: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> => {
    const raw = formDataToObject(form);
    const unsafe = refuseUnsafe(raw);
    if (unsafe) return unsafe;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: zodFieldErrors(parsed.error) };
    const meta = await requestMeta();
    const token = parsed.data.token;
    if (!(await admitted(token, meta))) return { ok: false, message: LINK_REFUSAL_MESSAGES.rate_limited };
    try {
      const data = await run(parsed.data, meta);
      await settle(token, meta, true);
      return { ok: true, data, message: typeof opts.successMessage === 'function' ? opts.successMessage(data) : opts.successMessage };
    } catch (error) {
      unstable_rethrow(error);
      await settle(token, meta, !(error instanceof LinkRefusedError && (error.reason === 'not_found' || error.reason === 'wrong_purpose')));
      if (!(error instanceof LinkRefusedError)) logUnexpected(error, 'link action');
      const pub = toPublicError(error);
      return { ok: false, message: pub.message, fieldErrors: pub.fieldErrors };
    }
  };
}
