import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

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
