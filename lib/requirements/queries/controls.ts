import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { maySetControlStatus } from '../capabilities';

export async function listControls(actor: Actor) {
  authorize(actor, 'requirements:read');
  const rows = await db.control.findMany({
    where: { orgId: actor.orgId },
    orderBy: { key: 'asc' },
    take: 1000,
    select: {
      id: true, key: true, name: true, description: true, area: true, status: true, ownerId: true, owner: { select: { name: true } },
      mappings: { orderBy: { createdAt: 'asc' }, select: { id: true, relationship: true, rationale: true, requirement: { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } } },
    },
  });
  return rows.map((c) => ({ ...c, ownerName: c.owner?.name ?? null, canEdit: can(actor, 'library:manage'), canSetStatus: maySetControlStatus(actor, c) }));
}
