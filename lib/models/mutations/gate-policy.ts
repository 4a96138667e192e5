import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { loadGatePolicy } from '../gate-policy';
import { gatePolicyInputSchema, type GatePolicyInput } from '../schema';

/** Turns the optional gate conditions for high-risk systems on or off; the change is in the audit trail. */
export async function setGatePolicy(actor: Actor, input: GatePolicyInput) {
  authorize(actor, 'models:promote');
  const data = gatePolicyInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await loadGatePolicy(tx, actor.orgId);
    const row = await tx.gatePolicy.upsert({
      where: { orgId: actor.orgId },
      create: { orgId: actor.orgId, ...data, updatedById: actor.userId ?? null },
      update: { ...data, updatedById: actor.userId ?? null },
    });
    await recordEvent(tx, actor, { action: 'model.gate_policy_changed', entityType: 'gate_policy', entityId: actor.orgId, before, after: data });
    return { policy: data, updatedAt: row.updatedAt };
  });
}
