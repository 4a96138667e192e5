'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ActionResult } from '@/lib/api/action';
import { env } from '@/lib/env';
import { logUnexpected } from '@/lib/errors';
import { safeRedirectPath } from './redirect';
import { metaFromHeaders } from './request';
import { setSessionCookie } from './session-cookie';
import { hasSecondFactor } from './mfa/factors';
import { STEP_UP_PATH } from './step-up';
import { SignInError, signInWithPassword } from './sign-in';

/**
 * The sign-in form's action: a POST that works before (or without) any
 * JavaScript. The one action that runs without a session: it checks the
 * password, throttled, and then starts one.
 */
export async function signInAction(_prev: ActionResult<null> | null, form: FormData): Promise<ActionResult<null>> {
  const email = String(form.get('email') ?? '');
  const target = safeRedirectPath(form.get('callbackUrl'), env().NEXTAUTH_URL);
  const h = await headers();
  const meta = metaFromHeaders(h);
  let pending = false;
  try {
    const user = await signInWithPassword(email, String(form.get('password') ?? ''), meta);
    // With a second factor the session starts half-open: only the verify page reads it.
    pending = await hasSecondFactor(user.id);
    await setSessionCookie(user, { ...meta, userAgent: h.get('user-agent') }, { pending });
  } catch (error) {
    if (error instanceof SignInError) return { ok: false, message: error.message };
    logUnexpected(error, 'sign-in');
    return { ok: false, message: 'Sign-in is unavailable right now. Try again in a moment.' };
  }
  redirect(pending ? `${STEP_UP_PATH}?callbackUrl=${encodeURIComponent(target)}` : target);
}
