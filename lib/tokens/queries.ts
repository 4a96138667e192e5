import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeSelf } from '@/lib/auth/gate';
import { tokenCapabilities } from './capabilities';
import { db } from '@/lib/db';
import type { TokenSummary } from './schema';

export async function listTokens(actor: Actor): Promise<TokenSummary[]> {
  authorize(actor, 'tokens:manage');
  return tokenSummaries(actor, { orgId: actor.orgId });
}

/** The tokens a signed-in person created themselves (their own pipeline tokens), whatever their role. */
export async function listMyTokens(actor: Actor): Promise<TokenSummary[]> {
  const self = authorizeSelf(actor);
  return tokenSummaries(actor, { orgId: actor.orgId, createdById: self.userId });
}

async function tokenSummaries(actor: Actor, where: { orgId: string; createdById?: string }): Promise<TokenSummary[]> {
  const rows = await db.apiToken.findMany({
    where,
    orderBy: { createdAt: 'desc' },
    take: 500,
    select: {
      id: true, name: true, prefix: true, scopes: true, createdAt: true, expiresAt: true, revokedAt: true, lastUsedAt: true, rotatedAt: true, previousValidUntil: true,
      createdById: true,
      createdBy: { select: { email: true } },
    },
  });
  const now = Date.now();
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    rotatedAt: t.rotatedAt?.toISOString() ?? null,
    previousValidUntil: t.previousValidUntil && t.previousValidUntil.getTime() > now ? t.previousValidUntil.toISOString() : null,
    createdBy: t.createdBy.email,
    status: t.revokedAt ? 'revoked' : t.expiresAt.getTime() <= now ? 'expired' : 'active',
    capabilities: tokenCapabilities(actor, t, now),
  }));
}
