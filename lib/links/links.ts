import 'server-only';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@/lib/audit/canonical';
import { recordEvent } from '@/lib/audit/record';
import { anonymousActor, type Actor, type RequestMeta } from '@/lib/auth/actor';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { LINK_PURPOSES, LINK_REFUSAL_MESSAGES, LINK_REFUSAL_STATUS, LINK_TOKEN_PATTERN, linkPath, type LinkPurpose, type LinkRefusal } from './purposes';

// One-time, expiring, revocable links for people without an account. The
// domain that issues a link authorises its own actor first (who may send a
// questionnaire is a vendors rule); this module keeps the token, its
// lifecycle and the audit events of every issue, use and revocation.

const ENTITY = 'access_link';

export type IssueLinkInput = {
  purpose: LinkPurpose;
  subjectId: string;
  /** Days until the link expires (default: the purpose's; at most its maxDays). */
  expiresInDays?: number;
  singleUse: boolean;
  recipient?: string | null;
};

export type IssuedLink = { id: string; token: string; path: string; expiresAt: Date };

/** A link that passed every check: what a landing may use, and nothing more. */
export type ResolvedLink = {
  id: string;
  orgId: string;
  purpose: LinkPurpose;
  subjectId: string;
  singleUse: boolean;
  expiresAt: Date;
  useCount: number;
  recipient: string | null;
};

export type LinkResolution = { ok: true; link: ResolvedLink } | { ok: false; reason: LinkRefusal; message: string };

/** A refusal thrown from `useLink` inside a transaction (rolls back what the caller did). */
export class LinkRefusedError extends AppError {
  readonly reason: LinkRefusal;
  constructor(reason: LinkRefusal) {
    super(LINK_REFUSAL_STATUS[reason] === 429 ? 'RATE_LIMITED' : reason === 'not_found' || reason === 'wrong_purpose' ? 'NOT_FOUND' : 'CONFLICT', LINK_REFUSAL_MESSAGES[reason], {
      details: { reason },
    });
    this.reason = reason;
  }
}

export function hashLinkToken(token: string): string {
  return sha256Hex(token);
}

/** How the holder of a link appears in the audit trail. It has no grants: it cannot pass the gate for anything. */
export function linkActor(link: Pick<ResolvedLink, 'id' | 'orgId' | 'purpose'>, meta: RequestMeta): Actor {
  return { ...anonymousActor(meta, `link:${link.purpose}:${link.id}`), orgId: link.orgId };
}

/** Issues a link in the caller's transaction; the token is returned once and never stored. */
export async function issueLink(tx: Tx, actor: Actor, input: IssueLinkInput): Promise<IssuedLink> {
  const purpose = LINK_PURPOSES[input.purpose];
  if (!purpose) throw new AppError('VALIDATION', 'Unknown link purpose.', { fieldErrors: { purpose: ['Unknown purpose'] } });
  const days = input.expiresInDays ?? purpose.defaultDays;
  if (!Number.isInteger(days) || days < 1 || days > purpose.maxDays) {
    throw new AppError('VALIDATION', `A ${purpose.label.toLowerCase()} link expires after 1 to ${purpose.maxDays} days.`, {
      fieldErrors: { expiresInDays: [`Between 1 and ${purpose.maxDays} days`] },
    });
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const row = await tx.accessLink.create({
    data: {
      orgId: actor.orgId,
      purpose: input.purpose,
      subjectId: input.subjectId,
      tokenHash: hashLinkToken(token),
      recipient: input.recipient ?? null,
      singleUse: input.singleUse,
      expiresAt,
      createdById: actor.userId,
    },
    select: { id: true },
  });
  await recordEvent(tx, actor, {
    action: 'link.issued',
    entityType: ENTITY,
    entityId: row.id,
    changes: { purpose: input.purpose, subjectId: input.subjectId, singleUse: input.singleUse, expiresAt: expiresAt.toISOString(), recipient: input.recipient ?? null },
  });
  return { id: row.id, token, path: linkPath(input.purpose, token), expiresAt };
}

type Row = {
  id: string;
  orgId: string;
  purpose: string;
  subjectId: string;
  singleUse: boolean;
  expiresAt: Date;
  useCount: number;
  consumedAt: Date | null;
  revokedAt: Date | null;
  recipient: string | null;
};

const rowSelect = {
  id: true, orgId: true, purpose: true, subjectId: true, singleUse: true, expiresAt: true, useCount: true, consumedAt: true, revokedAt: true, recipient: true,
} as const;

/** Revoked before used before expired: the holder learns the most specific reason. */
function check(row: Row | null, purpose: LinkPurpose, now: Date): LinkResolution {
  if (!row) return refusal('not_found');
  if (row.purpose !== purpose) return refusal('wrong_purpose');
  if (row.revokedAt) return refusal('revoked');
  if (row.consumedAt) return refusal('used');
  if (row.expiresAt.getTime() <= now.getTime()) return refusal('expired');
  return {
    ok: true,
    link: {
      id: row.id, orgId: row.orgId, purpose, subjectId: row.subjectId, singleUse: row.singleUse, expiresAt: row.expiresAt, useCount: row.useCount, recipient: row.recipient,
    },
  };
}

function refusal(reason: LinkRefusal): LinkResolution {
  return { ok: false, reason, message: LINK_REFUSAL_MESSAGES[reason] };
}

/**
 * Checks a token for a purpose and writes nothing (a landing page renders
 * from it). Refuses an unknown token, one issued for another purpose, and a
 * revoked, used or expired link, each with its own reason.
 */
export async function resolveLink(token: string, purpose: LinkPurpose): Promise<LinkResolution> {
  if (!LINK_TOKEN_PATTERN.test(token)) return refusal('not_found');
  const row = await db.accessLink.findUnique({ where: { tokenHash: hashLinkToken(token) }, select: rowSelect });
  return check(row, purpose, new Date());
}

/**
 * Uses a link in the caller's transaction: locks its row, checks it again,
 * counts the use and writes `link.used`. `final` uses a multi-use link up
 * (a questionnaire's submission); a single-use link is used up by any use.
 * Throws LinkRefusedError, which rolls the caller's change back.
 */
export async function useLink(
  tx: Tx,
  token: string,
  purpose: LinkPurpose,
  meta: RequestMeta,
  opts: { action: string; final?: boolean },
): Promise<{ link: ResolvedLink; actor: Actor }> {
  if (!LINK_TOKEN_PATTERN.test(token)) throw new LinkRefusedError('not_found');
  const hash = hashLinkToken(token);
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "AccessLink" WHERE "tokenHash" = ${hash} FOR UPDATE`;
  const row = locked.length ? await tx.accessLink.findUnique({ where: { id: locked[0].id }, select: rowSelect }) : null;
  const result = check(row, purpose, new Date());
  if (!result.ok) throw new LinkRefusedError(result.reason);
  const consume = result.link.singleUse || opts.final === true;
  const now = new Date();
  await tx.accessLink.update({
    where: { id: result.link.id },
    data: { useCount: { increment: 1 }, lastUsedAt: now, ...(consume ? { consumedAt: now } : {}) },
  });
  const actor = linkActor(result.link, meta);
  await recordEvent(tx, actor, {
    action: 'link.used',
    entityType: ENTITY,
    entityId: result.link.id,
    changes: { purpose, subjectId: result.link.subjectId, use: opts.action, consumed: consume },
  });
  return { link: { ...result.link, useCount: result.link.useCount + 1 }, actor };
}

/** Revokes one link of the actor's organisation (the caller authorised the actor for the subject). */
export async function revokeLink(tx: Tx, actor: Actor, linkId: string, reason?: string | null): Promise<void> {
  const row = await tx.accessLink.findFirst({ where: { id: linkId, orgId: actor.orgId }, select: { id: true, purpose: true, subjectId: true, revokedAt: true } });
  if (!row) throw new AppError('NOT_FOUND', 'The link was not found.');
  if (row.revokedAt) return;
  await tx.accessLink.update({ where: { id: row.id }, data: { revokedAt: new Date(), revokedById: actor.userId, revokeReason: reason ?? null } });
  await recordEvent(tx, actor, {
    action: 'link.revoked',
    entityType: ENTITY,
    entityId: row.id,
    changes: { purpose: row.purpose, subjectId: row.subjectId },
    reason: reason ?? null,
  });
}

/** Revokes every live link of one subject (a questionnaire withdrawn, a document unpublished). Returns how many. */
export async function revokeLinksFor(tx: Tx, actor: Actor, purpose: LinkPurpose, subjectId: string, reason?: string | null): Promise<number> {
  const rows = await tx.accessLink.findMany({
    where: { orgId: actor.orgId, purpose, subjectId, revokedAt: null, consumedAt: null },
    select: { id: true },
  });
  for (const row of rows) await revokeLink(tx, actor, row.id, reason);
  return rows.length;
}

export type LinkSummary = {
  id: string;
  purpose: LinkPurpose;
  recipient: string | null;
  singleUse: boolean;
  createdAt: Date;
  expiresAt: Date;
  useCount: number;
  lastUsedAt: Date | null;
  consumedAt: Date | null;
  revokedAt: Date | null;
  state: 'active' | 'expired' | 'revoked' | 'used';
};

/** The links of one subject, newest first, for the issuer's page (the caller authorised the read). */
export async function listLinksFor(orgId: string, purpose: LinkPurpose, subjectId: string, client: Tx = db): Promise<LinkSummary[]> {
  const rows = await client.accessLink.findMany({
    where: { orgId, purpose, subjectId },
    orderBy: { createdAt: 'desc' },
    take: 50,
    select: { id: true, recipient: true, singleUse: true, createdAt: true, expiresAt: true, useCount: true, lastUsedAt: true, consumedAt: true, revokedAt: true },
  });
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    purpose,
    state: r.revokedAt ? 'revoked' : r.consumedAt ? 'used' : r.expiresAt.getTime() <= now ? 'expired' : 'active',
  }));
}
