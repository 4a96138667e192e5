import { NAV } from '@/lib/nav';
import type { Actor } from './actor';
import { can } from './gate';

/** The sections this actor may open, for the navigation. */
export function navFor(actor: Actor) {
  return NAV.filter((item) => (!item.permission || can(actor, item.permission)) && (!item.anyOf || item.anyOf.some((p) => can(actor, p)))).map(
    ({ href, label }) => ({ href, label }),
  );
}
