import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { personBehind } from '@/lib/auth/person';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { NOTIFICATION_KIND_KEYS, NOTIFICATION_KINDS, type NotificationKind } from './kinds';
import { deliveryMode } from './mail/delivery-mode';
import {
  listNotificationsQuerySchema,
  listOutboxQuerySchema,
  MAIL_STATUSES,
  type ListNotificationsQuery,
  type ListOutboxQuery,
  type NotificationItem,
  type OutboxList,
} from './schema';

/** The person whose inbox this is: the signed-in user, or a token's creator. Never anyone else's. */
export async function inboxOwner(actor: Actor): Promise<string | null> {
  authorize(actor, 'notifications:own');
  return personBehind(db, actor);
}

const inboxWhere = (userId: string, orgId: string): Prisma.NotificationWhereInput => ({ userId, orgId, inInbox: true });

/** For the bell in the shell. */
export async function unreadNotificationCount(actor: Actor): Promise<number> {
  const userId = await inboxOwner(actor);
  if (!userId) return 0;
  return db.notification.count({ where: { ...inboxWhere(userId, actor.orgId), readAt: null } });
}

const kindLabel = (kind: string) => NOTIFICATION_KINDS[kind as NotificationKind]?.label ?? kind;

/** The caller's own inbox, newest first, filtered and paginated on the server. */
export async function listNotifications(actor: Actor, query: ListNotificationsQuery = {}) {
  const q = listNotificationsQuerySchema.parse(query);
  const userId = await inboxOwner(actor);
  if (!userId) return { items: [] as NotificationItem[], total: 0, page: q.page, pageSize: q.pageSize, unread: 0 };
  const where: Prisma.NotificationWhereInput = {
    ...inboxWhere(userId, actor.orgId),
    ...(q.unread === 'true' ? { readAt: null } : q.unread === 'false' ? { readAt: { not: null } } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
  };
  const [rows, total, unread] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, kind: true, title: true, body: true, link: true, entityType: true, entityId: true, mandatory: true, createdAt: true, readAt: true },
    }),
    db.notification.count({ where }),
    db.notification.count({ where: { ...inboxWhere(userId, actor.orgId), readAt: null } }),
  ]);
  const items: NotificationItem[] = rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    kindLabel: kindLabel(n.kind),
    title: n.title,
    body: n.body,
    link: n.link,
    entity: n.entityType && n.entityId ? { type: n.entityType, id: n.entityId } : null,
    mandatory: n.mandatory,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize, unread };
}

/** The caller's own preferences: digest mode and channels per kind (defaults: both on). */
export async function getNotificationPreferences(actor: Actor) {
  const userId = await inboxOwner(actor);
  const [rows, subscriber] = userId
    ? await Promise.all([
        db.notificationPreference.findMany({ where: { userId }, select: { kind: true, inbox: true, email: true } }),
        db.notificationSubscriber.findUnique({ where: { userId }, select: { digest: true } }),
      ])
    : [[], null];
  const stored = new Map(rows.map((r) => [r.kind, r]));
  return {
    digest: subscriber?.digest ?? ('IMMEDIATE' as const),
    preferences: NOTIFICATION_KIND_KEYS.map((kind) => {
      const mandatory = NOTIFICATION_KINDS[kind].mandatory;
      const p = stored.get(kind);
      return { kind, label: NOTIFICATION_KINDS[kind].label, mandatory, inbox: mandatory || (p?.inbox ?? true), email: mandatory || (p?.email ?? true) };
    }),
  };
}

/** Admin → Outbox: every e-mail of the organisation, newest first. */
export async function listOutbox(actor: Actor, query: ListOutboxQuery = {}): Promise<OutboxList> {
  authorize(actor, 'outbox:read');
  const q = listOutboxQuerySchema.parse(query);
  const where: Prisma.OutboxMailWhereInput = { orgId: actor.orgId, ...(q.status ? { status: q.status } : {}) };
  const [rows, total, grouped] = await Promise.all([
    db.outboxMail.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, to: true, subject: true, text: true, digest: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
    }),
    db.outboxMail.count({ where }),
    db.outboxMail.groupBy({ by: ['status'], where: { orgId: actor.orgId }, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, grouped.find((g) => g.status === s)?._count._all ?? 0])) as OutboxList['counts'];
  return {
    items: rows.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    counts,
    delivery: deliveryMode(),
  };
}
