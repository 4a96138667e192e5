import 'server-only';
import type { LookupItem, LookupQuery } from '@/lib/api/lookup';
import { contains } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorizeMember } from '@/lib/auth/gate';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { raciPeople } from '@/lib/policies/queries';

/**
 * Active people of the organisation by name or email, for owner and
 * attendee pickers. People named in an AI system's RACI (of `systemId` when
 * the picker gives one) come first, strongest role first, with what they hold.
 */
export async function searchPeople(actor: Actor, { q, limit, systemId }: LookupQuery): Promise<LookupItem[]> {
  authorizeMember(actor);
  const needle = q.toLowerCase();
  const raci = (await raciPeople(actor, systemId ? [systemId] : undefined)).filter((p) => !needle || p.name.toLowerCase().includes(needle) || p.email.toLowerCase().includes(needle));
  const first = raci.slice(0, limit);
  const rows = await db.user.findMany({
    where: { orgId: actor.orgId, active: true, id: { notIn: first.map((p) => p.id) }, ...(q ? { OR: [{ name: contains(q) }, { email: contains(q) }] } : {}) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true, role: true },
    take: limit - first.length,
  });
  return [
    ...first.map((p) => ({ value: p.id, label: p.name, description: `RACI: ${p.roles}` })),
    ...rows.map((u) => ({ value: u.id, label: u.name, description: `${u.email} · ${ROLE_LABELS[u.role]}` })),
  ];
}
