import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { PIPELINE_SCOPES, TOKEN_OWN_SCOPES, TOKEN_SCOPES, type Permission } from '@/lib/auth/permissions';

/**
 * revokeToken's rule: whoever manages tokens, or the token's creator, may revoke one that is not revoked yet (an expired one included).
 * rotateToken's: a signed-in person who manages tokens may rotate one that is neither revoked nor expired.
 */
export function tokenCapabilities(actor: Actor, token: { revokedAt: Date | null; createdById?: string; expiresAt?: Date }, now = Date.now()) {
  const manage = can(actor, 'tokens:manage');
  const mine = Boolean(actor.userId) && token.createdById === actor.userId;
  return {
    revoke: (manage || mine) && token.revokedAt === null,
    rotate: manage && actor.kind === 'user' && token.revokedAt === null && (token.expiresAt?.getTime() ?? 0) > now,
  };
}

/**
 * The scopes createToken lets this person put on a new token: whoever
 * manages tokens, every scope they hold (and the owner scopes a token may
 * carry, TOKEN_OWN_SCOPES); anyone else, the pipeline scopes they hold, as
 * long as they may send monitoring data for what they own (an engineer's
 * pipeline token). Empty: they cannot create one.
 */
export function grantableTokenScopes(actor: Actor): Permission[] {
  if (actor.kind !== 'user' || !actor.userId) return [];
  const own = { ownerIds: [actor.userId] };
  if (can(actor, 'tokens:manage')) return TOKEN_SCOPES.filter((p) => can(actor, p) || (TOKEN_OWN_SCOPES.includes(p) && can(actor, p, own)));
  if (!can(actor, 'monitoring:write', own)) return [];
  return PIPELINE_SCOPES.filter((p) => can(actor, p) || (TOKEN_OWN_SCOPES.includes(p) && can(actor, p, own)));
}
