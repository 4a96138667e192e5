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
  changes: unknown;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
};

export function eventPayload(e: ChainedFields): string {
  return canonicalJson({
    seq: String(e.seq),
    at: typeof e.at === 'string' ? e.at : e.at.toISOString(),
    orgId: e.orgId,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    changes: e.changes ?? null,
    reason: e.reason,
    requestId: e.requestId,
    ip: e.ip,
  });
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
