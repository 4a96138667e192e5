import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { isAllowed, type Ownable, type Permission } from './permissions';

/**
 * The authorization gate. Every query and mutation in lib/<domain> starts
 * here; pages, actions and routes never decide on their own.
 */
export function authorize(actor: Actor | null | undefined, permission: Permission, resource?: Ownable): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  if (actor.kind === 'system') return actor;
  // The MFA policy closes the portal to a required user past the grace period
  // until they enrol (enrolment itself goes through authorizeSelf).
  if (actor.auth?.mustEnrol) throw new AppError('MFA_ENROLMENT_REQUIRED', 'Set up a second factor (an authenticator app or a passkey) before you continue.', { details: { enrolPath: '/account/security' } });
  if (!isAllowed(actor.grants, actor.userId ?? actor.onBehalfOf ?? null, permission, resource)) {
    throw new AppError('FORBIDDEN', `Your role does not allow this (${permission}).`);
  }
  return actor;
}

export function can(actor: Actor | null | undefined, permission: Permission, resource?: Ownable): boolean {
  if (!actor) return false;
  if (actor.kind === 'system') return true;
  if (actor.auth?.mustEnrol) return false;
  return isAllowed(actor.grants, actor.userId ?? actor.onBehalfOf ?? null, permission, resource);
}

/** For reads every signed-in member of the organisation may make (e.g. the
 *  names of colleagues in an owner picker). Still rejects anonymous callers. */
export function authorizeMember(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return actor;
}

/** For a user's own account (their factors, their sessions): any signed-in
 *  browser user, even one the MFA policy holds at enrolment. */
export function authorizeSelf(actor: Actor | null | undefined): Actor & { userId: string } {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  if (actor.kind !== 'user' || !actor.userId) throw new AppError('FORBIDDEN', 'Only a signed-in person can manage their own account.');
  return actor as Actor & { userId: string };
}
