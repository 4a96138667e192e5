import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/gate';
import { incidentHomeFigures } from '@/lib/incidents/queries';
import type { HomeStat } from './stat';

/** Open incidents and overdue corrective actions. */
export async function incidentsHomeStats(actor: Actor): Promise<HomeStat[]> {
  if (!can(actor, 'incidents:read')) return [];
  const f = await incidentHomeFigures(actor);
  return [
    { label: 'Open incidents', value: f.open, href: '/incidents', tone: f.open ? 'warn' : 'default' },
    { label: 'Open SEV1 incidents', value: f.sev1, href: '/incidents?severity=SEV1', tone: f.sev1 ? 'bad' : 'good' },
    { label: 'Overdue corrective actions', value: f.overdueActions, href: '/incidents', tone: f.overdueActions ? 'bad' : 'default' },
  ];
}
