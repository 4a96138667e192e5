import 'server-only';
import type { LookupItem, LookupQuery } from '@/lib/api/lookup';
import { contains } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';

/** Incidents by title, newest first. */
export async function searchIncidents(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'incidents:read');
  const rows = await db.incident.findMany({
    where: { orgId: actor.orgId, ...(q ? { title: contains(q) } : {}) },
    orderBy: { detectedAt: 'desc' },
    select: { id: true, title: true, severity: true, status: true, detectedAt: true },
    take: limit,
  });
  return rows.map((i) => ({ value: i.id, label: i.title, description: `${i.severity} · ${i.status.toLowerCase().replace(/_/g, ' ')} · ${i.detectedAt.toISOString().slice(0, 10)}` }));
}
