import 'server-only';
import type { LookupItem, LookupQuery } from '@/lib/api/lookup';
import { contains } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';

/** Model versions by model key or name, or version label ("credit 1.1"). */
export async function searchModelVersions(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'models:read');
  const words = q.split(/\s+/).filter(Boolean).slice(0, 4);
  const rows = await db.modelVersion.findMany({
    where: {
      orgId: actor.orgId,
      AND: words.map((w) => ({ OR: [{ label: contains(w) }, { model: { key: contains(w) } }, { model: { name: contains(w) } }] })),
    },
    orderBy: [{ model: { key: 'asc' } }, { createdAt: 'desc' }],
    select: { id: true, label: true, stage: true, model: { select: { key: true, name: true } } },
    take: limit,
  });
  return rows.map((v) => ({ value: v.id, label: `${v.model.key} ${v.label}`, description: `${v.model.name} · ${v.stage.toLowerCase().replace(/_/g, ' ')}` }));
}

/** Models by key or name. */
export async function searchModels(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'models:read');
  const rows = await db.model.findMany({
    where: { orgId: actor.orgId, OR: [{ key: contains(q) }, { name: contains(q) }] },
    orderBy: { key: 'asc' },
    select: { id: true, key: true, name: true },
    take: limit,
  });
  return rows.map((m) => ({ value: m.id, label: m.name, description: m.key }));
}

/** Datasets by name (names are visible to every model reader; details of restricted ones are not). */
export async function searchDatasets(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'models:read');
  const rows = await db.dataset.findMany({
    where: { orgId: actor.orgId, name: contains(q) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, classification: true },
    take: limit,
  });
  return rows.map((d) => ({ value: d.id, label: d.name, description: d.classification.toLowerCase() }));
}
