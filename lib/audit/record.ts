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
 * the transaction commits, within milliseconds and without the caller waiting
 * (reads of the chain in this process wait for it); so writers never wait on
 * each other for the chain's head.
 */
function pendingValues(actor: Actor, input: AuditInput): unknown[] {
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
  return [at, actor.orgId || null, actor.userId, actorLabelOf(actor), input.action, input.entityType, input.entityId ?? null, changes, input.reason ?? null, actor.request.id, actor.request.ip];
}

/**
 * Records one event inside the caller's transaction, so the change and its
 * event commit together or not at all (throws if it cannot write, which rolls
 * the change back). The event is chained by the sealer (./seal.ts) right after
 * the transaction commits, within milliseconds and without the caller waiting
 * (reads of the chain in this process wait for it); so writers never wait on
 * each other for the chain's head.
 */
export async function recordEvent(tx: Tx, actor: Actor, input: AuditInput): Promise<RecordedEvent> {
  const [at, orgId, actorId, actorLabel, action, entityType, entityId, changes, reason, requestId, ip] = pendingValues(actor, input);
  // No lock here: the event is written pending, in the caller's transaction,
  // and sealed into the chain right after that transaction commits. One raw
  // statement: this runs in every mutation, and the model API's query
  // building costs more than the insert itself.
  const [row] = await tx.$queryRaw<{ id: bigint }[]>`
    INSERT INTO "AuditEventPending" ("at","orgId","actorId","actorLabel","action","entityType","entityId","changes","reason","requestId","ip")
    VALUES (${at}::timestamptz, ${orgId}, ${actorId}, ${actorLabel}, ${action}, ${entityType}, ${entityId}, ${changes}, ${reason}, ${requestId}, ${ip})
    RETURNING "id"`;
  markEventsWritten(tx);
  return { pendingId: row.id };
}

/**
 * The same event written through a plain pg client inside its open
 * transaction (bulk writers that use lib/db-raw, such as the decision log's
 * batch append). The caller calls `eventsCommitted()` after its COMMIT so the
 * sealer chains the event at once.
 */
export async function recordEventRaw(client: { query: (text: string, values: unknown[]) => Promise<{ rows: { id: string | bigint }[] }> }, actor: Actor, input: AuditInput): Promise<RecordedEvent> {
  const { rows } = await client.query(
    `INSERT INTO "AuditEventPending" ("at","orgId","actorId","actorLabel","action","entityType","entityId","changes","reason","requestId","ip")
     VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING "id"`,
    pendingValues(actor, input),
  );
  return { pendingId: BigInt(rows[0].id) };
}

