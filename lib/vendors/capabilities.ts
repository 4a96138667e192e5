import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** What the vendor pages offer, by the rules the mutations refuse with. */
export function vendorCapabilities(actor: Actor) {
  const manage = can(actor, 'vendors:manage');
  return { create: manage, edit: manage, sendQuestionnaire: manage };
}

/** A questionnaire may be withdrawn while the vendor can still answer; reviewed once submitted. */
export function questionnaireCapabilities(actor: Actor, q: { status: string }) {
  const manage = can(actor, 'vendors:manage');
  return {
    withdraw: manage && q.status === 'SENT',
    review: manage && q.status === 'SUBMITTED',
  };
}
