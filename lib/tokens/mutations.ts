import 'server-only';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { ROLE_GRANTS } from '@/lib/auth/permissions';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { hashToken, TOKEN_PREFIX } from '@/lib/auth/token';
import { tokenCapabilities } from './capabilities';
import { createTokenSchema, type CreateTokenInput } from './schema';

/** Creates a token and returns its secret once; only its hash is stored. */
export async function createToken(actor: Actor, input: CreateTokenInput) {
  authorize(actor, 'tokens:manage');
  requireFreshFactor(actor);
  if (!actor.userId) throw new AppError('FORBIDDEN', 'API tokens can only be created by a signed-in administrator.');
  const data = createTokenSchema.parse(input);
  if (actor.role) {
    const allowed = new Set(ROLE_GRANTS[actor.role].any);
    const beyond = data.scopes.filter((s) => !allowed.has(s));
    if (beyond.length) throw new AppError('FORBIDDEN', `You cannot grant scopes you do not hold: ${beyond.join(', ')}`);
  }
  const secret = randomBytes(32).toString('base64url');
  const raw = `${TOKEN_PREFIX}${secret}`;
  const prefix = `${TOKEN_PREFIX}${secret.slice(0, 6)}`;
  const expiresAt = new Date(Date.now() + data.expiresInDays * 86_400_000);
  const token = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        orgId: actor.orgId,
        name: data.name,
        prefix,
        tokenHash: hashToken(raw),
        scopes: data.scopes,
        createdById: actor.userId!,
        expiresAt,
      },
      select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true },
    });
    await recordEvent(tx, actor, {
      action: 'token.created',
      entityType: 'api_token',
      entityId: created.id,
      after: { name: created.name, prefix, scopes: created.scopes, expiresAt },
    });
    return created;
  });
  return { ...token, expiresAt: token.expiresAt.toISOString(), secret: raw };
}

export async function revokeToken(actor: Actor, id: string) {
  authorize(actor, 'tokens:manage');
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, revokedAt: true, name: true } });
    if (!token) throw notFound('The token');
    if (!tokenCapabilities(actor, token).revoke) throw new AppError('CONFLICT', 'This token is already revoked.');
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id }, data: { revokedAt } });
    await recordEvent(tx, actor, {
      action: 'token.revoked',
      entityType: 'api_token',
      entityId: id,
      before: { revokedAt: null },
      after: { revokedAt },
    });
    return { id, revokedAt: revokedAt.toISOString() };
  });
}
