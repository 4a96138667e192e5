import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** What the decision-log pages offer, by the rules the queries and mutations refuse with. */
export function decisionLogCapabilities(actor: Actor) {
  return {
    read: can(actor, 'decisions:read'),
    verifyLog: can(actor, 'decisions:verify'),
    checkpoint: can(actor, 'decisions:manage'),
    erase: can(actor, 'decisions:erase'),
    seeRestricted: can(actor, 'decisions:restricted'),
    recordDevelopmentDecision: can(actor, 'decisions:manage'),
  };
}
