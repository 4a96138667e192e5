import 'server-only';
import type { Actor } from './actor';
import { authorize, can } from './gate';
import { requireFreshFactor } from './step-up';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { DEFAULT_TOKEN_POLICY, tokenPolicySchema, type TokenPolicy } from './token-policy-schema';

export const tokenPolicyKey = (orgId: string) => `identity.token-policy:${orgId}`;

// Read on every token request: kept a few seconds per process, like the MFA policy.
const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; policy: TokenPolicy }>();

export async function readTokenPolicy(orgId: string): Promise<TokenPolicy> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.policy;
  const row = await db.setting.findUnique({ where: { key: tokenPolicyKey(orgId) }, select: { value: true } });
  const parsed = row ? tokenPolicySchema.safeParse({ ...DEFAULT_TOKEN_POLICY, ...(row.value as object) }) : null;
  const policy = parsed?.success ? parsed.data : DEFAULT_TOKEN_POLICY;
  cache.set(orgId, { at: Date.now(), policy });
  return policy;
}

/** The tokens page: the policy, and whether the caller may change it (updateTokenPolicy's rule). */
export async function getTokenPolicy(actor: Actor) {
  authorize(actor, 'tokens:manage');
  return { policy: await readTokenPolicy(actor.orgId), capabilities: { edit: can(actor, 'settings:manage') } };
}

/** Lowering the maximum takes effect at once: older tokens stop working on their next request. */
export async function updateTokenPolicy(actor: Actor, input: TokenPolicy): Promise<TokenPolicy> {
  authorize(actor, 'settings:manage');
  requireFreshFactor(actor);
  const data = tokenPolicySchema.parse(input);
  const key = tokenPolicyKey(actor.orgId);
  await db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key }, select: { value: true } });
    await tx.setting.upsert({ where: { key }, create: { key, value: data }, update: { value: data } });
    await recordEvent(tx, actor, { action: 'token.policy_updated', entityType: 'setting', entityId: key, before: (before?.value as TokenPolicy | undefined) ?? DEFAULT_TOKEN_POLICY, after: data });
  });
  cache.delete(actor.orgId);
  return data;
}
