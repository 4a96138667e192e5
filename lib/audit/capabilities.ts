import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** What the audit-trail screen offers this person (the gate's own permissions). */
export function auditTrailCapabilities(actor: Actor) {
  return { verify: can(actor, 'audit-trail:verify') };
}
