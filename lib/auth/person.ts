import 'server-only';
import type { Db, Tx } from '@/lib/db';
import type { Actor } from './actor';

/**
 * The person behind a call: the signed-in user, or for an API token the user
 * who created it (a token acts as its creator, so it can never do what its
 * creator may not). `null` for the system actor of jobs and seeds, and for a
 * token whose creator cannot be found.
 */
export async function personBehind(tx: Tx | Db, actor: Actor): Promise<string | null> {
  if (actor.userId) return actor.userId;
  if (actor.kind === 'token' && actor.tokenId) {
    const token = await tx.apiToken.findFirst({ where: { id: actor.tokenId, orgId: actor.orgId }, select: { createdById: true } });
    return token?.createdById ?? null;
  }
  return null;
}
