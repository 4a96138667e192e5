import 'server-only';
import type { LookupItem, LookupQuery } from '@/lib/api/lookup';
import { contains } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorizeMember } from '@/lib/auth/gate';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { db } from '@/lib/db';

/** Active people of the organisation by name or email, for owner and attendee pickers. */
export async function searchPeople(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorizeMember(actor);
  const rows = await db.user.findMany({
    where: { orgId: actor.orgId, active: true, ...(q ? { OR: [{ name: contains(q) }, { email: contains(q) }] } : {}) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true, role: true },
    take: limit,
  });
  return rows.map((u) => ({ value: u.id, label: u.name, description: `${u.email} · ${ROLE_LABELS[u.role]}` }));
}
