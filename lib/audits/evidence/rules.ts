import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

// The rules for acting on an evidence record, shared by the mutations (to
// refuse) and the queries (its `capabilities`).

export type EvidenceFacts = { ownerId: string | null; collectedById: string | null; withdrawnAt: Date | string | null };

/** Compliance and admins manage any evidence; its owner or collector manage theirs. */
export const evidenceOwners = (e: EvidenceFacts) => ({ ownerIds: [e.ownerId, e.collectedById] });

export function withdrawProblem(e: EvidenceFacts): string | null {
  return e.withdrawnAt ? 'This evidence has already been withdrawn.' : null;
}

export function evidenceCapabilities(actor: Actor, e: EvidenceFacts) {
  return { withdraw: can(actor, 'evidence:write', evidenceOwners(e)) && !withdrawProblem(e) };
}
