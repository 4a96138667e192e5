import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Tx } from '@/lib/db';
import { canonicalJson } from './canonical';
import { chainHash, diffFields, GENESIS_HASH } from './chain';

// Any fixed 64-bit key: the transaction-scoped advisory lock that serialises
// sequence assignment and chaining across every writer and every instance.
const CHAIN_LOCK_KEY = 7_301_996_421n;

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

export type RecordedEvent = { seq: bigint; hash: string };

/** Fields that never enter the trail, even as changed fields. */
const REDACTED = new Set(['passwordHash', 'tokenHash', 'inviteTokenHash']);

function redact(obj: Record<string, unknown> | null | undefined) {
  if (!obj) return obj;
  return Object.fromEntries(Object.entries(obj).filter(([k]) => !REDACTED.has(k)));
}

/**
 * Appends one event to the hash chain inside the caller's transaction, so the
 * change and its event commit together or not at all. Throws if it cannot
 * write, which rolls the change back.
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

  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
  const head = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`;
  const seq = head.length ? head[0].seq + 1n : 1n;
  const prevHash = head.length ? head[0].hash : GENESIS_HASH;
  // Millisecond precision, the column's own, so the hash survives a round trip.
  const at = new Date(Math.floor(Date.now()));

  const fields = {
    seq,
    at,
    orgId: actor.orgId || null,
    actorId: actor.userId,
    actorLabel: actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    changes,
    reason: input.reason ?? null,
    requestId: actor.request.id,
    ip: actor.request.ip,
  };
  const hash = chainHash(prevHash, fields);
  await tx.auditEvent.create({
    data: { ...fields, prevHash, hash },
  });
  return { seq, hash };
}
