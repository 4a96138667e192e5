import type { Actor } from './actor';

export function describeActor(actor: Actor) {
  return {
    kind: actor.kind,
    name: actor.name,
    email: actor.email,
    role: actor.role,
    permissions: [...new Set([...actor.grants.any])].sort(),
  };
}
