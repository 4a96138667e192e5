import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** What the registry screens offer this person, by the permissions their mutations authorize. */
export function registryCapabilities(actor: Actor) {
  return {
    /** Register models and datasets. */
    create: can(actor, 'models:create'),
    setFairnessThresholds: can(actor, 'models:promote'),
  };
}
