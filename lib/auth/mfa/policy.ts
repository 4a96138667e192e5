import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { requireFreshFactor } from '../step-up';
import { DEFAULT_MFA_POLICY, mfaPolicySchema, type MfaPolicy } from './schema';

export const mfaPolicyKey = (orgId: string) => `identity.mfa-policy:${orgId}`;

// Read on every request (the session check needs it): kept for a few seconds
// per process; a change made here is seen at once, on other instances within 5 s.
const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; policy: MfaPolicy }>();

export async function readMfaPolicy(orgId: string): Promise<MfaPolicy> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.policy;
  const row = await db.setting.findUnique({ where: { key: mfaPolicyKey(orgId) }, select: { value: true } });
  const parsed = row ? mfaPolicySchema.safeParse({ ...DEFAULT_MFA_POLICY, ...(row.value as object) }) : null;
  const policy = parsed?.success ? parsed.data : DEFAULT_MFA_POLICY;
  cache.set(orgId, { at: Date.now(), policy });
  return policy;
}

export async function getMfaPolicy(actor: Actor): Promise<MfaPolicy> {
  authorize(actor, 'settings:manage');
  return readMfaPolicy(actor.orgId);
}

/** Admins set who must use a second factor; a change of MFA for others needs a fresh factor. */
export async function updateMfaPolicy(actor: Actor, input: MfaPolicy): Promise<MfaPolicy> {
  authorize(actor, 'settings:manage');
  requireFreshFactor(actor);
  const data = mfaPolicySchema.parse(input);
  const key = mfaPolicyKey(actor.orgId);
  await db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key }, select: { value: true } });
    await tx.setting.upsert({ where: { key }, create: { key, value: data }, update: { value: data } });
    await recordEvent(tx, actor, { action: 'mfa.policy_updated', entityType: 'setting', entityId: key, before: (before?.value as MfaPolicy | undefined) ?? DEFAULT_MFA_POLICY, after: data });
  });
  cache.delete(actor.orgId);
  return data;
}
