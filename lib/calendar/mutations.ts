import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorizeMember } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import { feedIdSchema, FEED_TOKEN_PREFIX } from './schema';

export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Only the person themselves, signed in, manages their feed (a token never does). */
function authorizeOwnFeed(actor: Actor | null | undefined): Actor & { userId: string } {
  const a = authorizeMember(actor);
  if (a.kind !== 'user' || !a.userId) throw forbidden('A calendar feed belongs to a signed-in person.');
  return a as Actor & { userId: string };
}

/**
 * A new private feed URL for the signed-in person; any feed they had is
 * revoked in the same transaction (one live URL per person). The token is
 * returned once; only its SHA-256 is stored.
 */
export async function createCalendarFeed(actor: Actor) {
  const me = authorizeOwnFeed(actor);
  const token = `${FEED_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const prefix = token.slice(0, FEED_TOKEN_PREFIX.length + 6);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const revoked = await tx.calendarFeed.updateMany({ where: { userId: me.userId, revokedAt: null }, data: { revokedAt: now } });
    const feed = await tx.calendarFeed.create({ data: { orgId: me.orgId, userId: me.userId, tokenHash: hashFeedToken(token), prefix }, select: { id: true, createdAt: true } });
    await recordEvent(tx, me, { action: 'calendar_feed.created', entityType: 'calendar_feed', entityId: feed.id, after: { prefix }, reason: revoked.count ? 'replaces the previous feed URL' : null });
    return { id: feed.id, token, prefix, createdAt: feed.createdAt.toISOString() };
  });
}

export async function revokeCalendarFeed(actor: Actor, input: { id: string }) {
  const me = authorizeOwnFeed(actor);
  const { id } = feedIdSchema.parse(input);
  return db.$transaction(async (tx) => {
    // Scoped to the person: someone else's feed is "not found", never revocable.
    const feed = await tx.calendarFeed.findFirst({ where: { id, userId: me.userId }, select: { id: true, revokedAt: true } });
    if (!feed) throw notFound('The calendar feed');
    if (feed.revokedAt) throw new AppError('CONFLICT', 'This feed URL is already revoked.');
    const revokedAt = new Date();
    await tx.calendarFeed.update({ where: { id }, data: { revokedAt } });
    await recordEvent(tx, me, { action: 'calendar_feed.revoked', entityType: 'calendar_feed', entityId: id, before: { revokedAt: null }, after: { revokedAt } });
    return { id, revokedAt: revokedAt.toISOString() };
  });
}
