import type { Actor } from './actor';
import { AppError } from '@/lib/errors';
import { STEP_UP_MAX_AGE_MS } from './mfa/schema';

/** Where the UI sends someone to verify a factor and come back. */
export const STEP_UP_PATH = '/sign-in/verify';

/**
 * For sensitive actions (sign-offs, promotions, closing findings and reviews,
 * accepting risks, tokens, webhooks, roles, MFA of others, signing keys):
 * call after `authorize`, before the change. A browser session of a user with
 * a second factor must have verified it in the last 10 minutes, or this
 * throws STEP_UP_REQUIRED (403), which forms and API clients turn into the
 * prompt at STEP_UP_PATH.
 *
 * - API tokens, jobs and seed scripts are exempt (tokens are scoped instead).
 * - A user without any factor cannot be stepped up: when the policy does not
 *   require one (or its grace period runs) the action goes ahead; the session
 *   check already closes the portal to a required user once grace is over.
 */
export function requireFreshFactor(actor: Actor, now = Date.now()): void {
  if (actor.kind !== 'user' || !actor.auth) return;
  if (actor.auth.mustEnrol) {
    throw new AppError('MFA_ENROLMENT_REQUIRED', 'Set up a second factor (an authenticator app or a passkey) before you continue.', { details: { enrolPath: '/account/security' } });
  }
  if (!actor.auth.enrolled) return;
  const at = actor.auth.factorAt?.getTime();
  if (at !== undefined && now - at <= STEP_UP_MAX_AGE_MS) return;
  throw new AppError('STEP_UP_REQUIRED', 'This action needs a fresh second factor: confirm it is you with your authenticator app or passkey, then try again.', {
    details: { verifyPath: STEP_UP_PATH, maxAgeSeconds: STEP_UP_MAX_AGE_MS / 1000 },
  });
}

/** True when a sensitive action would go ahead without a prompt (for capabilities and hints). */
export function hasFreshFactor(actor: Actor, now = Date.now()): boolean {
  try {
    requireFreshFactor(actor, now);
    return true;
  } catch {
    return false;
  }
}
