import 'server-only';
import { randomUUID } from 'node:crypto';
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

type Row = {
  orgId: string;
  userId: string;
  kind: string;
  title: string;
  body: string | null;
  link: string;
  entityType: string | null;
  entityId: string | null;
  dedupeKey: string | null;
  mandatory: boolean;
  inInbox: boolean;
  mailWanted: boolean;
};

const MAX_TITLE = 300;
const MAX_BODY = 4000;
const CHUNK = 5000;

/**
 * Writes the inbox rows of one event in the caller's transaction and resolves
 * how many it created. Only active members of `orgId` are notified, each once
 * per `dedupeKey`; a person who muted both channels for this kind gets no row
 * (unless it is mandatory). E-mail is never sent here: rows that want mail
 * are picked up afterwards by the notification jobs (single mails or digests,
 * through the outbox), so a rolled-back transaction sends nothing.
 */
export function notify(tx: Prisma.TransactionClient, input: NotifyInput): Promise<number> {
  return notifyMany(tx, [input]);
}

/** notify() for many events at once (the reminder jobs): one read of the
 *  people and their preferences, inserts in chunks. All inputs share one organisation. */
export async function notifyMany(tx: Prisma.TransactionClient, inputs: readonly NotifyInput[]): Promise<number> {
  if (!inputs.length) return 0;
  const orgId = inputs[0].orgId;
  for (const input of inputs) {
    if (input.orgId !== orgId) throw new Error('notifyMany: all events must belong to one organisation');
    if (!input.link.startsWith('/') || input.link.startsWith('//')) throw new Error(`notify: link must be a path inside the portal, got "${input.link}"`);
  }
  const allIds = [...new Set(inputs.flatMap((i) => i.userIds).filter(Boolean))];
  if (!allIds.length) return 0;
  const kinds = [...new Set(inputs.map((i) => i.kind))];
  const users = await tx.user.findMany({
    where: { id: { in: allIds }, orgId, active: true },
    select: { id: true, notificationPreferences: { where: { kind: { in: kinds } }, select: { kind: true, inbox: true, email: true } } },
  });
  const prefs = new Map(users.map((u) => [u.id, new Map(u.notificationPreferences.map((p) => [p.kind, p]))]));
  const rows: Row[] = [];
  for (const input of inputs) {
    const mandatory = Boolean(input.mandatory) || isMandatoryKind(input.kind);
    for (const userId of new Set(input.userIds)) {
      const userPrefs = prefs.get(userId);
      if (!userPrefs) continue;
      const pref = userPrefs.get(input.kind) ?? { inbox: true, email: true };
      const inInbox = mandatory || pref.inbox;
      const mailWanted = mandatory || pref.email;
      if (!inInbox && !mailWanted) continue;
      rows.push({
        orgId,
        userId,
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
      });
    }
  }
  let created = 0;
  for (let i = 0; i < rows.length; i += CHUNK) created += await insertRows(tx, rows.slice(i, i + CHUNK));
  return created;
}

/** One INSERT … SELECT FROM unnest(arrays) per chunk: a dozen parameters
 *  instead of a dozen per row, which is what keeps a day's reminders for a
 *  large organisation (tens of thousands of rows) within seconds. A row whose
 *  person already has its dedupe key is skipped by the unique index. */
async function insertRows(tx: Prisma.TransactionClient, rows: Row[]): Promise<number> {
  const col = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
  return tx.$executeRaw`
    INSERT INTO "Notification" ("id", "orgId", "userId", "kind", "title", "body", "link", "entityType", "entityId", "dedupeKey", "mandatory", "inInbox", "mailWanted")
    SELECT * FROM unnest(
      ${rows.map(() => randomUUID())}::text[], ${col('orgId')}::text[], ${col('userId')}::text[], ${col('kind')}::text[], ${col('title')}::text[],
      ${col('body')}::text[], ${col('link')}::text[], ${col('entityType')}::text[], ${col('entityId')}::text[], ${col('dedupeKey')}::text[],
      ${col('mandatory')}::boolean[], ${col('inInbox')}::boolean[], ${col('mailWanted')}::boolean[]
    )
    ON CONFLICT ("userId", "dedupeKey") DO NOTHING`;
}
