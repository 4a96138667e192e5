import 'server-only';
import { requireFreshFactor } from '@/lib/auth/step-up';
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { PIPELINE_SCOPES, ROLE_GRANTS, TOKEN_OWN_SCOPES } from '@/lib/auth/permissions';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { hashToken, TOKEN_PREFIX } from '@/lib/auth/token';
import { readTokenPolicy } from '@/lib/auth/token-policy';
import { tokenCapabilities } from './capabilities';
import { createTokenSchema, type CreateTokenInput } from './schema';

function newSecret() {
  const secret = randomBytes(32).toString('base64url');
  return { raw: `${TOKEN_PREFIX}${secret}`, prefix: `${TOKEN_PREFIX}${secret.slice(0, 6)}` };
}

/** Creates a token and returns its secret once; only its hash is stored. */
export async function createToken(actor: Actor, input: CreateTokenInput) {
  const data = createTokenSchema.parse(input);
  // Without tokens:manage, a person who sends monitoring data for what they own may create a pipeline token.
  const pipeline = !can(actor, 'tokens:manage') && data.scopes.every((s) => PIPELINE_SCOPES.includes(s)) && can(actor, 'monitoring:write', { ownerIds: [actor?.userId] });
  if (!pipeline) authorize(actor, 'tokens:manage');
  requireFreshFactor(actor);
  if (!actor.userId) throw new AppError('FORBIDDEN', 'API tokens can only be created by a signed-in person.');
  if (actor.role) {
    const grants = ROLE_GRANTS[actor.role];
    const allowed = new Set([...grants.any, ...grants.own.filter((s) => TOKEN_OWN_SCOPES.includes(s))]);
    const beyond = data.scopes.filter((s) => !allowed.has(s));
    if (beyond.length) throw new AppError('FORBIDDEN', `You cannot grant scopes you do not hold: ${beyond.join(', ')}`);
  }
  const policy = await readTokenPolicy(actor.orgId);
  const days = data.expiresInDays ?? policy.defaultDays;
  if (days > policy.maxDays) {
    throw new AppError('VALIDATION', `Tokens in this organisation live at most ${policy.maxDays} days.`, { fieldErrors: { expiresInDays: [`At most ${policy.maxDays} days`] } });
  }
  const { raw, prefix } = newSecret();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
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

export async function revokeToken(actor: Actor, id: string, outer?: Tx) {
  // Whoever manages tokens, or the person who created this one (an engineer's pipeline token).
  if (!can(actor, 'tokens:manage')) authorize(actor, 'monitoring:write', { ownerIds: [actor?.userId] });
  return inTransaction(outer, async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, revokedAt: true, name: true, createdById: true } });
    if (!token) throw notFound('The token');
    if (token.createdById !== actor.userId) authorize(actor, 'tokens:manage');
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

/**
 * A new secret for the same token (same name, scopes, id): the old secret
 * keeps working for the organisation's grace period (default 24 h) so the
 * pipelines using it can switch over; the expiry restarts at the default
 * lifetime. The new secret is returned once.
 */
export async function rotateToken(actor: Actor, id: string) {
  authorize(actor, 'tokens:manage');
  requireFreshFactor(actor);
  const policy = await readTokenPolicy(actor.orgId);
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, name: true, prefix: true, tokenHash: true, revokedAt: true, expiresAt: true } });
    if (!token) throw notFound('The token');
    if (!tokenCapabilities(actor, token).rotate) {
      throw new AppError(actor.kind === 'user' ? 'CONFLICT' : 'FORBIDDEN', actor.kind === 'user' ? 'Only an active token can be rotated; create a new one instead.' : 'Tokens are rotated by a signed-in administrator.');
    }
    const now = new Date();
    const { raw, prefix } = newSecret();
    const previousValidUntil = new Date(now.getTime() + policy.rotationGraceHours * 3_600_000);
    const expiresAt = new Date(now.getTime() + policy.defaultDays * 86_400_000);
    // The swap is conditional on the hash read above: two rotations at once make one.
    const swapped = await tx.apiToken.updateMany({
      where: { id, tokenHash: token.tokenHash, revokedAt: null },
      data: { tokenHash: hashToken(raw), prefix, previousTokenHash: token.tokenHash, previousValidUntil, rotatedAt: now, expiresAt, expiryWarnedAt: null, expiryRecordedAt: null },
    });
    if (swapped.count !== 1) throw new AppError('CONFLICT', 'The token changed while it was being rotated. Reload and try again.');
    await recordEvent(tx, actor, {
      action: 'token.rotated',
      entityType: 'api_token',
      entityId: id,
      before: { prefix: token.prefix, expiresAt: token.expiresAt },
      after: { prefix, expiresAt, previousValidUntil },
    });
    return { id, name: token.name, prefix, expiresAt: expiresAt.toISOString(), previousValidUntil: previousValidUntil.toISOString(), secret: raw };
  });
}
