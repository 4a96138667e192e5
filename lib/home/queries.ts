import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorizeMember } from '@/lib/auth/gate';
import { cachedFigures } from '@/lib/audit/figures-cache';
import { auditHomeStats } from './stats/audits';
import { auditTrailHomeStats } from './stats/audit-trail';
import { incidentsHomeStats } from './stats/incidents';
import { modelsHomeStats } from './stats/models';
import { requirementsHomeStats } from './stats/requirements';
import { reviewsHomeStats } from './stats/reviews';
import type { HomeStat } from './stats/stat';
import { adminHomeStats } from './stats/users';

export type { HomeStat } from './stats/stat';

// In the order they appear; each part returns nothing the actor may not read.
const SECTIONS: ((actor: Actor) => Promise<HomeStat[]>)[] = [
  adminHomeStats,
  auditTrailHomeStats,
  requirementsHomeStats,
  modelsHomeStats,
  auditHomeStats,
  incidentsHomeStats,
  reviewsHomeStats,
];

/** The figures on each role's home page; every domain adds its own section here. */
export async function homeStats(actor: Actor): Promise<HomeStat[]> {
  authorizeMember(actor);
  // Cached until the organisation's data changes; independent sections, so their queries run at the same time.
  return cachedFigures(actor.orgId, `home:${actor.role}:${actor.userId ?? actor.label}`, async () => (await Promise.all(SECTIONS.map((section) => section(actor)))).flat());
}
