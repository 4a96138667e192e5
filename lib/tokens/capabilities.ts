import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** revokeToken's rule: whoever manages tokens may revoke one that is not revoked yet (an expired one included). */
export function tokenCapabilities(actor: Actor, token: { revokedAt: Date | null }) {
  return { revoke: can(actor, 'tokens:manage') && token.revokedAt === null };
}
