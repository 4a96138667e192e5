import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

type VersionState = { status: string; authorId: string };

/** Approval needs someone other than the author: the rule approveVersion refuses with. */
export function versionCapabilities(actor: Actor, v: VersionState) {
  return {
    approve: can(actor, 'policies:approve') && v.status === 'DRAFT' && actor.userId !== null && actor.userId !== v.authorId,
    publish: can(actor, 'policies:approve') && v.status === 'APPROVED',
  };
}

export function policyCapabilities(actor: Actor) {
  return {
    create: can(actor, 'policies:write'),
    draft: can(actor, 'policies:write'),
    acknowledge: can(actor, 'policies:acknowledge') && actor.kind === 'user' && actor.userId !== null,
    manageTraining: can(actor, 'training:manage'),
  };
}

/** The governance roles: who may set the committee and the AI systems' RACIs. */
export function governanceCapabilities(actor: Actor) {
  return { manage: can(actor, 'training:manage') };
}
