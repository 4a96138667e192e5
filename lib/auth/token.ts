import 'server-only';
import { createHash } from 'node:crypto';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { ROLE_GRANTS, TOKEN_OWN_SCOPES, isPermission, type Permission } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { readTokenPolicy } from './token-policy';
import { lifetimeEndsAt } from './token-policy-schema';

/** Every raw token starts with this, so a leaked one is easy to recognise and scan for. */
export const TOKEN_PREFIX = 'agp_';

const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/**
 * An API token acts with the scopes it was given, never more than its
 * creator's role allows, and stops working when the creator is deactivated,
 * when it expires, or when it is older than the organisation's maximum
 * lifetime (counted from its issue or last rotation). After a rotation the
 * replaced secret works until the end of the grace period.
 */
export async function actorForToken(raw: string, meta: RequestMeta): Promise<Actor | null> {
  if (!raw.startsWith(TOKEN_PREFIX) || raw.length > 200) return null;
  const hash = hashToken(raw);
  const token = await db.apiToken.findFirst({
    where: { OR: [{ tokenHash: hash }, { previousTokenHash: hash }] },
    select: {
      tokenHash: true,
      previousValidUntil: true,
      createdAt: true,
      rotatedAt: true,
      id: true,
      orgId: true,
      name: true,
      prefix: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdById: true,
      createdBy: { select: { role: true, active: true } },
    },
  });
  const now = Date.now();
  if (!token || token.revokedAt || token.expiresAt.getTime() <= now || !token.createdBy.active) return null;
  if (token.tokenHash !== hash && !(token.previousValidUntil && token.previousValidUntil.getTime() > now)) return null;
  if (lifetimeEndsAt(token.rotatedAt ?? token.createdAt, await readTokenPolicy(token.orgId)).getTime() <= now) return null;
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  const role = ROLE_GRANTS[token.createdBy.role];
  const roleAllows = new Set(role.any);
  const scopes = token.scopes.filter((s): s is Permission => isPermission(s) && roleAllows.has(s));
  // A scope the creator holds only on what they own stays an owner grant: the token counts as its creator.
  const own = token.scopes.filter((s): s is Permission => isPermission(s) && !roleAllows.has(s) && role.own.includes(s) && TOKEN_OWN_SCOPES.includes(s));
  return {
    kind: 'token',
    userId: null,
    tokenId: token.id,
    orgId: token.orgId,
    role: null,
    name: token.name,
    email: null,
    label: `token:${token.name} (${token.prefix})`,
    grants: { any: scopes, own },
    onBehalfOf: own.length ? token.createdById : null,
    request: meta,
  };
}
