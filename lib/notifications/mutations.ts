import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { NOTIFICATION_KINDS } from './kinds';
import { inboxOwner } from './queries';
import { markReadSchema, updatePreferencesSchema, type UpdatePreferencesInput } from './schema';

async function ownInbox(actor: Actor): Promise<string> {
  const userId = await inboxOwner(actor);
  if (!userId) throw new AppError('FORBIDDEN', 'Only a person has an inbox.');
  return userId;
}

const unreadOf = (userId: string, orgId: string) => db.notification.count({ where: { userId, orgId, inInbox: true, readAt: null } });

/** Marks one of the caller's own notifications read. Another person's is "not found". */
export async function markNotificationRead(actor: Actor, input: { id: string }) {
  const { id } = markReadSchema.parse(input);
  const userId = await ownInbox(actor);
  return db.$transaction(async (tx) => {
    const row = await tx.notification.findFirst({ where: { id, userId, orgId: actor.orgId, inInbox: true }, select: { id: true, readAt: true } });
    if (!row) throw notFound('The notification');
    let updated = 0;
    if (!row.readAt) {
      updated = (await tx.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } })).count;
      await recordEvent(tx, actor, { action: 'notification.read', entityType: 'notification', entityId: id, changes: { read: true } });
    }
    return { updated, unread: await tx.notification.count({ where: { userId, orgId: actor.orgId, inInbox: true, readAt: null } }) };
  });
}

/** Marks every notification in the caller's own inbox read. */
export async function markAllNotificationsRead(actor: Actor) {
  const userId = await ownInbox(actor);
  const updated = await db.$transaction(async (tx) => {
    const n = (await tx.notification.updateMany({ where: { userId, orgId: actor.orgId, inInbox: true, readAt: null }, data: { readAt: new Date() } })).count;
    if (n) await recordEvent(tx, actor, { action: 'notification.all_read', entityType: 'user', entityId: userId, changes: { read: n } });
    return n;
  });
  return { updated, unread: await unreadOf(userId, actor.orgId) };
}

/**
 * Sets the caller's own digest mode and channels per kind. A mandatory kind
 * cannot be muted: the request is refused and nothing changes.
 */
export async function updateNotificationPreferences(actor: Actor, input: UpdatePreferencesInput) {
  const parsed = updatePreferencesSchema.parse(input);
  const userId = await ownInbox(actor);
  const fieldErrors: Record<string, string[]> = {};
  parsed.preferences.forEach((p, i) => {
    if (NOTIFICATION_KINDS[p.kind].mandatory && (!p.inbox || !p.email)) {
      fieldErrors[`preferences.${i}`] = [`"${NOTIFICATION_KINDS[p.kind].label}" is required and cannot be muted.`];
    }
  });
  if (Object.keys(fieldErrors).length) throw new AppError('VALIDATION', 'Required notifications cannot be muted.', { fieldErrors });
  return db.$transaction(async (tx) => {
    const before = await tx.notificationSubscriber.findUnique({ where: { userId }, select: { digest: true } });
    await tx.notificationSubscriber.upsert({ where: { userId }, create: { userId, digest: parsed.digest }, update: { digest: parsed.digest } });
    for (const p of parsed.preferences) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind: p.kind } },
        create: { userId, kind: p.kind, inbox: p.inbox, email: p.email },
        update: { inbox: p.inbox, email: p.email },
      });
    }
    await recordEvent(tx, actor, {
      action: 'notification_preferences.updated',
      entityType: 'user',
      entityId: userId,
      changes: { digest: { from: before?.digest ?? 'IMMEDIATE', to: parsed.digest }, muted: parsed.preferences.filter((p) => !p.inbox || !p.email).map((p) => `${p.kind}:${p.inbox ? '' : 'inbox'}${!p.inbox && !p.email ? '+' : ''}${p.email ? '' : 'email'}`) },
    });
    return { digest: parsed.digest, updated: parsed.preferences.length };
  });
}
