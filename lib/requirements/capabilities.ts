import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';

/** What the requirements screens offer this person, by the permissions their mutations authorize. */
export function requirementsCapabilities(actor: Actor) {
  return {
    manageLibrary: can(actor, 'library:manage'),
    manageSystems: can(actor, 'systems:manage'),
    /** Any matrix cell, whoever owns it (owners' own cells come with the matrix rows). */
    editAnyCell: can(actor, 'matrix:edit'),
  };
}

/** A control's status is set by its owner or by whoever may edit the matrix (updateControl's rule). */
export const maySetControlStatus = (actor: Actor, control: { ownerId: string | null }) => can(actor, 'matrix:edit', { ownerIds: [control.ownerId] });
