import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { isAllowed, ROLE_GRANTS, type Role } from '@/lib/auth/permissions';

type Item = { reviewerId: string; userId: string; decision: string | null };

/**
 * Why this actor may not answer this item, or null when they may: the
 * campaign is open, the item unanswered, the actor its reviewer (or an
 * administrator, who answers anyone's), and never their own access unless it
 * was assigned to them (the lone administrator). The same rule refuses in
 * decideAccessReviewItem and hides the buttons.
 */
export function answerRefusal(actor: Actor, item: Item, open: boolean): string | null {
  if (!open) return 'This access review is closed; its answers are frozen.';
  if (item.decision) return 'This item has already been answered.';
  if (!can(actor, 'access-reviews:answer', { ownerIds: [item.reviewerId] })) return 'This item is assigned to another reviewer.';
  const me = actor.userId ?? actor.onBehalfOf ?? null;
  if (item.userId === me && item.reviewerId !== me) return 'Nobody answers for their own access; their reviewer does.';
  return null;
}

/** Whether a person of this role can answer the items they are assigned (auditors cannot: they stay independent). */
export function mayReview(person: { id: string; role: Role }): boolean {
  return isAllowed(ROLE_GRANTS[person.role], person.id, 'access-reviews:answer', { ownerIds: [person.id] });
}

/** Administrators see every item; anyone else only those assigned to them. */
export const seesEveryItem = (actor: Actor) => can(actor, 'users:manage');
