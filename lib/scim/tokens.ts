import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { hashToken } from '@/lib/auth/token';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { createScimTokenSchema } from './schema';

/** SCIM secrets have their own prefix, so one is never mistaken for (or accepted as) an API token. */
export const SCIM_TOKEN_PREFIX = 'scim_';
const TOUCH_INTERVAL_MS = 60_000;

function requirePerson(actor: Actor) {
  authorize(actor, 'users:manage');
  if (actor.kind !== 'user' || !actor.userId) throw new AppError('FORBIDDEN', 'SCIM provisioning is set up by a signed-in administrator.');
}

export async function listScimTokens(actor: Actor) {
  requirePerson(actor);
  const rows = await db.scimToken.findMany({
    where: { orgId: actor.orgId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, prefix: true, createdAt: true, revokedAt: true, lastUsedAt: true, createdBy: { select: { email: true } } },
  });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdBy: t.createdBy.email,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    capabilities: { revoke: !t.revokedAt },
  }));
}

/** A bearer token for the identity provider; the secret is returned once, only its hash kept. */
export async function createScimToken(actor: Actor, input: { name: string }) {
  requirePerson(actor);
  requireFreshFactor(actor);
  const data = createScimTokenSchema.parse(input);
  const secret = randomBytes(32).toString('base64url');
  const raw = `${SCIM_TOKEN_PREFIX}${secret}`;
  const prefix = `${SCIM_TOKEN_PREFIX}${secret.slice(0, 6)}`;
  const created = await db.$transaction(async (tx) => {
    const row = await tx.scimToken.create({
      data: { orgId: actor.orgId, name: data.name, prefix, tokenHash: hashToken(raw), createdById: actor.userId! },
      select: { id: true, name: true, prefix: true },
    });
    await recordEvent(tx, actor, { action: 'scim.token_created', entityType: 'scim_token', entityId: row.id, after: { name: row.name, prefix } });
    return row;
  });
  return { ...created, secret: raw };
}

export async function revokeScimToken(actor: Actor, id: string) {
  requirePerson(actor);
  return db.$transaction(async (tx) => {
    const token = await tx.scimToken.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, revokedAt: true } });
    if (!token) throw notFound('The SCIM token');
    if (token.revokedAt) throw new AppError('CONFLICT', 'This SCIM token is already revoked.');
    const revokedAt = new Date();
    await tx.scimToken.update({ where: { id }, data: { revokedAt } });
    await recordEvent(tx, actor, { action: 'scim.token_revoked', entityType: 'scim_token', entityId: id, before: { revokedAt: null }, after: { revokedAt } });
    return { id, revokedAt: revokedAt.toISOString() };
  });
}

/**
 * The identity provider behind a SCIM bearer token: it manages the
 * organisation's users (create, update, deactivate) and nothing else; the
 * /scim/v2 routes are the only place this actor is made. A token stops with
 * its revocation or when the administrator who created it is deactivated.
 */
export async function actorForScimToken(raw: string, meta: RequestMeta): Promise<Actor | null> {
  if (!raw.startsWith(SCIM_TOKEN_PREFIX) || raw.length > 200) return null;
  const token = await db.scimToken.findUnique({
    where: { tokenHash: hashToken(raw) },
    select: { id: true, orgId: true, name: true, prefix: true, revokedAt: true, lastUsedAt: true, createdBy: { select: { active: true } } },
  });
  if (!token || token.revokedAt || !token.createdBy.active) return null;
  const now = Date.now();
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.scimToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } });
  }
  return {
    kind: 'token',
    userId: null,
    tokenId: null,
    orgId: token.orgId,
    role: null,
    name: token.name,
    email: null,
    label: `scim:${token.name} (${token.prefix})`,
    grants: { any: ['users:read', 'users:manage'], own: [] },
    request: meta,
  };
}
