import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** What the audit workspace's screens offer this person, by the permissions their mutations authorize. */
export function auditWorkspaceCapabilities(actor: Actor) {
  return {
    manageAudits: can(actor, 'audits:manage'),
    manageSettings: can(actor, 'settings:manage'),
    raiseFindings: can(actor, 'findings:raise'),
    requestEvidence: can(actor, 'evidence:request'),
  };
}
