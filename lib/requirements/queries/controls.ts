import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
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

export async function listCrosswalk(actor: Actor, input: { framework?: string; page?: number } = {}) {
  authorize(actor, 'requirements:read');
  const page = Math.max(1, Number(input.page ?? 1) || 1);
  const pageSize = 100;
  const where: Prisma.CrosswalkMappingWhereInput = {
    orgId: actor.orgId,
    ...(input.framework ? { OR: [{ from: { framework: { key: input.framework } } }, { to: { framework: { key: input.framework } } }] } : {}),
  };
  const side = { select: { id: true, ref: true, title: true, framework: { select: { key: true, name: true } } } } as const;
  const [items, total, pairs] = await Promise.all([
    db.crosswalkMapping.findMany({ where, orderBy: { createdAt: 'asc' }, skip: (page - 1) * pageSize, take: pageSize, select: { id: true, relationship: true, rationale: true, from: side, to: side } }),
    db.crosswalkMapping.count({ where }),
    db.$queryRaw<{ a: string; b: string; n: bigint }[]>`
      SELECT fa."name" AS a, fb."name" AS b, count(*) AS n FROM "CrosswalkMapping" m
        JOIN "Requirement" ra ON ra."id" = m."fromRequirementId" JOIN "Framework" fa ON fa."id" = ra."frameworkId"
        JOIN "Requirement" rb ON rb."id" = m."toRequirementId" JOIN "Framework" fb ON fb."id" = rb."frameworkId"
       WHERE m."orgId" = ${actor.orgId} GROUP BY fa."name", fb."name" ORDER BY n DESC`,
  ]);
  return { items, total, page, pageSize, overlaps: pairs.map((p) => ({ a: p.a, b: p.b, count: Number(p.n) })) };
}
