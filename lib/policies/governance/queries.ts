import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeMember } from '@/lib/auth/gate';
import { governanceCapabilities } from '../capabilities';
import { db } from '@/lib/db';
import { RACI_LABELS, RACI_LIST_FIELDS, RACI_ROLES, type Committee, type Raci, type RaciRoleKey } from './schema';

const roleOf = (r: string): Committee['members'][number]['role'] => (r === 'chair' || r === 'secretary' ? r : 'member');
const ROLE_ORDER: Record<string, number> = { chair: 0, secretary: 1, member: 2 };

/** The organisation's AI governance committee: members, charter (with its current version) and meetings with their quarterly reviews. */
export async function getCommittee(actor: Actor): Promise<Committee> {
  authorize(actor, 'training:read');
  const c = await db.governanceCommittee.findUnique({
    where: { orgId: actor.orgId },
    select: {
      id: true,
      name: true,
      charter: { select: { id: true, title: true, currentVersion: { select: { major: true, minor: true } } } },
      members: { select: { userId: true, role: true, user: { select: { name: true, email: true } } } },
      meetings: { orderBy: { heldAt: 'desc' }, take: 50, select: { id: true, heldAt: true, minutes: true, review: { select: { id: true, quarter: true, status: true } } } },
    },
  });
  return {
    id: c?.id ?? null,
    name: c?.name ?? '',
    charter: c?.charter ? { id: c.charter.id, title: c.charter.title, version: c.charter.currentVersion ? `${c.charter.currentVersion.major}.${c.charter.currentVersion.minor}` : null } : null,
    members: (c?.members ?? [])
      .map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, role: roleOf(m.role) }))
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name)),
    meetings: (c?.meetings ?? []).map((m) => ({ id: m.id, heldAt: m.heldAt.toISOString(), minutes: m.minutes, review: m.review })),
    capabilities: governanceCapabilities(actor),
  };
}

/** The RACI of each given AI system of the organisation (systems without one get empty roles). */
export async function systemRacis(actor: Actor, systemIds: string[]): Promise<Record<string, Raci>> {
  authorize(actor, 'training:read');
  const rows = systemIds.length
    ? await db.systemRaci.findMany({
        where: { orgId: actor.orgId, aiSystemId: { in: systemIds }, user: { active: true } },
        select: { aiSystemId: true, role: true, user: { select: { id: true, name: true } } },
        orderBy: { user: { name: 'asc' } },
      })
    : [];
  const out: Record<string, Raci> = {};
  for (const id of systemIds) out[id] = { systemId: id, accountable: null, responsible: [], consulted: [], informed: [] };
  for (const r of rows) {
    const raci = out[r.aiSystemId];
    if (!raci) continue;
    if (r.role === 'ACCOUNTABLE') raci.accountable = r.user;
    else raci[RACI_LIST_FIELDS[r.role]].push(r.user);
  }
  return out;
}

/** The one system's RACI, for its API operation; null when the system is not the organisation's. */
export async function getSystemRaci(actor: Actor, systemId: string): Promise<Raci | null> {
  authorize(actor, 'training:read');
  const system = await db.aISystem.findFirst({ where: { id: systemId, orgId: actor.orgId }, select: { id: true } });
  if (!system) return null;
  return (await systemRacis(actor, [system.id]))[system.id];
}

/**
 * People named in a RACI (of the given systems, or of any system), with
 * what they hold, strongest role first: pickers of owners offer them before
 * everyone else. Readable by any member (it is a picker's ranking), and it
 * returns only names and roles.
 */
export async function raciPeople(actor: Actor, systemIds?: string[]): Promise<{ id: string; name: string; email: string; roles: string }[]> {
  authorizeMember(actor);
  const rows = await db.systemRaci.findMany({
    where: { orgId: actor.orgId, user: { active: true }, ...(systemIds?.length ? { aiSystemId: { in: systemIds } } : {}) },
    select: { role: true, aiSystem: { select: { name: true } }, user: { select: { id: true, name: true, email: true } } },
  });
  const rank = (r: RaciRoleKey) => RACI_ROLES.indexOf(r);
  const byUser = new Map<string, { id: string; name: string; email: string; best: number; held: string[] }>();
  for (const r of rows) {
    const e = byUser.get(r.user.id) ?? { ...r.user, best: 9, held: [] };
    e.best = Math.min(e.best, rank(r.role));
    e.held.push(`${RACI_LABELS[r.role]} · ${r.aiSystem.name}`);
    byUser.set(r.user.id, e);
  }
  return [...byUser.values()]
    .sort((a, b) => a.best - b.best || a.name.localeCompare(b.name))
    .map((e) => ({ id: e.id, name: e.name, email: e.email, roles: e.held.sort().join('; ') }));
}
