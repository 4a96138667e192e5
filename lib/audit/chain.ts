import { canonicalJson, sha256Hex } from './canonical';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers (everything but the hashes). */
export type ChainedFields = {
  seq: bigint | number | string;
  at: Date | string;
  orgId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  /** The canonical JSON text of the changes (as stored), or null. */
  changes: string | null;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
};

/**
 * The canonical JSON of an event: keys in sorted order, no whitespace, the
 * changes embedded as their canonical text. lib/audit/verify.ts builds the
 * same bytes in SQL; a test holds the two together.
 */
export function eventPayload(e: ChainedFields): string {
  const withoutChanges = canonicalJson({
    action: e.action,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    at: typeof e.at === 'string' ? e.at : e.at.toISOString(),
    entityId: e.entityId,
    entityType: e.entityType,
    ip: e.ip,
    orgId: e.orgId,
    reason: e.reason,
    requestId: e.requestId,
    seq: String(e.seq),
  });
  // "changes" sorts between "at" and "entityId".
  return withoutChanges.replace(',"entityId":', `,"changes":${e.changes ?? 'null'},"entityId":`);
}

/** hash_n = SHA-256(hash_{n-1} || "\n" || canonical(event_n)) */
export function chainHash(prevHash: string, e: ChainedFields): string {
  return sha256Hex(`${prevHash}\n${eventPayload(e)}`);
}

/** Only the fields that changed, as { field: { from, to } }. */
export function diffFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const from = normalise(before?.[key]);
    const to = normalise(after?.[key]);
    if (canonicalJson(from) !== canonicalJson(to)) out[key] = { from, to };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return v.toString();
  return v;
}
