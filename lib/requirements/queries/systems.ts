import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';

export async function listSystems(actor: Actor) {
  authorize(actor, 'requirements:read');
  const rows = await db.aISystem.findMany({
    where: { orgId: actor.orgId },
    orderBy: { name: 'asc' },
    select: {
      id: true, name: true, purpose: true, domain: true, regions: true, riskTier: true, roles: true, status: true, businessOwnerId: true, technicalOwnerId: true,
      businessOwner: { select: { name: true } }, technicalOwner: { select: { name: true } },
      frameworks: { select: { confirmed: true, framework: { select: { key: true, name: true } } } },
    },
  });
  return rows.map((s) => ({
    id: s.id, name: s.name, purpose: s.purpose, domain: s.domain, regions: s.regions, riskTier: s.riskTier, roles: s.roles, status: s.status,
    businessOwnerId: s.businessOwnerId, technicalOwnerId: s.technicalOwnerId,
    businessOwnerName: s.businessOwner?.name ?? null, technicalOwnerName: s.technicalOwner?.name ?? null,
    frameworks: s.frameworks.map((f) => ({ key: f.framework.key, name: f.framework.name, confirmed: f.confirmed })).sort((a, b) => a.name.localeCompare(b.name)),
  }));
}
