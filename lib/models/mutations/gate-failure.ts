import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { publishEvent } from '@/lib/events/publish';

export type GateFailure = { modelId: string; modelName: string; versionId: string; version: string; from: string; target: string; reasons: string[] };

/**
 * A promotion the gate refused is itself a fact worth telling (`gate.failed`):
 * the refused change rolls back, so the refusal is recorded in a transaction
 * of its own (audit event and domain event together). Resolves `refusal`, the
 * error the caller then throws.
 */
export async function publishGateFailure<E extends Error>(actor: Actor, failure: GateFailure, refusal: E): Promise<E> {
  await db.$transaction(async (tx) => {
    await recordEvent(tx, actor, {
      action: 'model.promotion_refused',
      entityType: 'model_version',
      entityId: failure.versionId,
      changes: { stage: { from: failure.from, to: failure.target }, reasons: failure.reasons },
    });
    await publishEvent(tx, actor, {
      type: 'gate.failed',
      entity: { type: 'model_version', id: failure.versionId },
      data: { title: `${failure.modelName} ${failure.version} → ${failure.target}`, modelId: failure.modelId, version: failure.version, from: failure.from, target: failure.target, reasons: failure.reasons },
    });
  });
  return refusal;
}
