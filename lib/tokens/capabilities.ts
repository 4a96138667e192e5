import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** revokeToken's rule: whoever manages tokens, or the token's creator, may revoke one that is not revoked yet (an expired one included). */
export function tokenCapabilities(actor: Actor, token: { revokedAt: Date | null; createdById?: string }) {
  const mine = Boolean(actor.userId) && token.createdById === actor.userId;
  return { revoke: (can(actor, 'tokens:manage') || mine) && token.revokedAt === null };
}
