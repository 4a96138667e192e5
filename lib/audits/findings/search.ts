import 'server-only';
import type { LookupItem, LookupQuery } from '@/lib/api/lookup';
import { contains } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { auditorScope, findingWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';

/** Findings by title, within the auditor scope like every other findings read. */
export async function searchFindings(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const rows = await db.finding.findMany({
    where: { orgId: actor.orgId, ...findingWhere(scope), ...(q ? { title: contains(q) } : {}) },
    orderBy: { createdAt: 'desc' },
    select: { id: true, title: true, severity: true, status: true },
    take: limit,
  });
  return rows.map((f) => ({ value: f.id, label: f.title, description: `${f.severity.toLowerCase()} · ${f.status.toLowerCase().replace(/_/g, ' ')}` }));
}
