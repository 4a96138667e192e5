import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** What the incident screens offer this person, by the permissions their mutations authorize. */
export function incidentsCapabilities(actor: Actor) {
  return {
    report: can(actor, 'incidents:report'),
    managePlans: can(actor, 'incidents:manage'),
    manageSettings: can(actor, 'settings:manage'),
  };
}
