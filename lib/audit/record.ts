import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { markEventsWritten, type Tx } from '@/lib/db';
import { canonicalJson } from './canonical';
import { diffFields } from './chain';
import './seal';


export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Either give before/after (the changed fields are computed) or changes. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  changes?: unknown;
  reason?: string | null;
};

/** The pending row's id: its sequence number and hash are given when it is sealed. */
export type RecordedEvent = { pendingId: bigint };

/** Fields that never enter the trail, even as changed fields. */
const REDACTED = new Set(['passwordHash', 'tokenHash', 'inviteTokenHash']);

function redact(obj: Record<string, unknown> | null | undefined) {
  if (!obj) return obj;
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !REDACTED.has(k)));
}

/** The channel is part of the hashed label, so "done through an assistant" cannot be edited out later. */
export function actorLabelOf(actor: Actor): string {
  return actor.request.via === 'mcp' ? `${actor.label} via MCP` : actor.label;
}

/**
 * Records one event inside the caller's transaction, so the change and its
 * event commit together or not at all (throws if it cannot write, which rolls
 * the change back). The event is chained by the sealer (./seal.ts) right after
 * the transaction commits, before `db.$transaction` returns to the caller; so
 * writers never wait on each other for the chain's head while they hold their
 * own transaction open.
 */
export async function recordEvent(tx: Tx, actor: Actor, input: AuditInput): Promise<RecordedEvent> {
  const rawChanges =
    input.changes !== undefined
      ? input.changes
      : input.before !== undefined || input.after !== undefined
        ? diffFields(redact(input.before), redact(input.after))
        : null;
  // Stored as the exact canonical text that is hashed, so the database can
  // recompute every hash itself when verifying.
  const changes = rawChanges == null ? null : canonicalJson(rawChanges);

  // Millisecond precision, the column's own, so the hash survives a round trip.
  const at = new Date(Math.floor(Date.now()));
  // No lock here: the event is written pending, in the caller's transaction,
  // and sealed into the chain right after that transaction commits.
  const row = await tx.auditEventPending.create({
    data: {
      at,
      orgId: actor.orgId || null,
      actorId: actor.userId,
      actorLabel: actorLabelOf(actor),
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      changes,
      reason: input.reason ?? null,
      requestId: actor.request.id,
      ip: actor.request.ip,
    },
    select: { id: true },
  });
  markEventsWritten(tx);
  return { pendingId: row.id };
}
