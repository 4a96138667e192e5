import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isMandatoryKind, type NotificationKind } from './kinds';

export type { NotificationKind } from './kinds';

export type NotifyInput = {
  orgId: string;
  userIds: string[];
  kind: NotificationKind;
  title: string;
  body?: string;
  /** A path inside the portal, e.g. `/audits/findings/abc`. */
  link: string;
  entity?: { type: string; id: string };
  /** Unique per person: a second call with the same key creates nothing for them. */
  dedupeKey?: string;
  /** Reaches people whatever their preferences (kinds marked mandatory always are). */
  mandatory?: boolean;
};

const MAX_TITLE = 300;
const MAX_BODY = 4000;

/**
 * Writes the inbox rows of one event in the caller's transaction and resolves
 * how many it created. Only active members of `orgId` are notified, each once
 * per `dedupeKey`; a person who muted both channels for this kind gets no row
 * (unless it is mandatory). E-mail is never sent here: rows that want mail
 * are picked up afterwards by the notification jobs (single mails or digests,
 * through the outbox), so a rolled-back transaction sends nothing.
 */
export async function notify(tx: Prisma.TransactionClient, input: NotifyInput): Promise<number> {
  if (!input.link.startsWith('/') || input.link.startsWith('//')) throw new Error(`notify: link must be a path inside the portal, got "${input.link}"`);
  const userIds = [...new Set(input.userIds.filter(Boolean))];
  if (!userIds.length) return 0;
  const mandatory = Boolean(input.mandatory) || isMandatoryKind(input.kind);
  const users = await tx.user.findMany({
    where: { id: { in: userIds }, orgId: input.orgId, active: true },
    select: { id: true, notificationPreferences: { where: { kind: input.kind }, select: { inbox: true, email: true } } },
  });
  const rows = users.flatMap((u) => {
    const pref = u.notificationPreferences[0] ?? { inbox: true, email: true };
    const inInbox = mandatory || pref.inbox;
    const mailWanted = mandatory || pref.email;
    if (!inInbox && !mailWanted) return [];
    return [{
      orgId: input.orgId,
      userId: u.id,
      kind: input.kind,
      title: input.title.slice(0, MAX_TITLE),
      body: input.body?.slice(0, MAX_BODY) ?? null,
      link: input.link,
      entityType: input.entity?.type ?? null,
      entityId: input.entity?.id ?? null,
      dedupeKey: input.dedupeKey ?? null,
      mandatory,
      inInbox,
      mailWanted,
    }];
  });
  if (!rows.length) return 0;
  const created = await tx.notification.createMany({ data: rows, skipDuplicates: true });
  return created.count;
}
