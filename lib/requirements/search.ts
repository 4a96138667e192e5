import 'server-only';
import type { LookupItem, LookupQuery } from '@/lib/api/lookup';
import { contains } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';

/** Requirements by reference or title ("Art. 9", "risk management"). */
export async function searchRequirements(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'requirements:read');
  const rows = await db.requirement.findMany({
    where: { orgId: actor.orgId, ...(q ? { OR: [{ ref: contains(q) }, { title: contains(q) }, { framework: { name: contains(q) } }] } : {}) },
    orderBy: [{ framework: { name: 'asc' } }, { position: 'asc' }],
    select: { id: true, ref: true, title: true, framework: { select: { name: true } } },
    take: limit,
  });
  return rows.map((r) => ({ value: r.id, label: `${r.ref} ${r.title}`, description: r.framework.name }));
}

/** Consolidated controls by key or name. */
export async function searchControls(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'requirements:read');
  const rows = await db.control.findMany({
    where: { orgId: actor.orgId, ...(q ? { OR: [{ key: contains(q) }, { name: contains(q) }] } : {}) },
    orderBy: { key: 'asc' },
    select: { id: true, key: true, name: true },
    take: limit,
  });
  return rows.map((c) => ({ value: c.id, label: `${c.key} ${c.name}` }));
}

/** Assessed matrix cells (requirement × AI system) by reference, title or system name. */
export async function searchMatrixCells(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'requirements:read');
  const rows = await db.matrixCell.findMany({
    where: {
      orgId: actor.orgId,
      ...(q ? { OR: [{ requirement: { ref: contains(q) } }, { requirement: { title: contains(q) } }, { system: { name: contains(q) } }] } : {}),
    },
    orderBy: [{ system: { name: 'asc' } }, { requirement: { ref: 'asc' } }],
    select: { id: true, status: true, requirement: { select: { ref: true, title: true, framework: { select: { name: true } } } }, system: { select: { name: true } } },
    take: limit,
  });
  return rows.map((c) => ({
    value: c.id,
    label: `${c.requirement.ref} × ${c.system.name}`,
    description: `${c.requirement.framework.name}: ${c.requirement.title} (${c.status.toLowerCase().replace(/_/g, ' ')})`,
  }));
}

/** AI systems by name. */
export async function searchSystems(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'requirements:read');
  const rows = await db.aISystem.findMany({
    where: { orgId: actor.orgId, ...(q ? { name: contains(q) } : {}) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, riskTier: true },
    take: limit,
  });
  return rows.map((s) => ({ value: s.id, label: s.name, description: s.riskTier.toLowerCase().replace(/_/g, ' ') }));
}
