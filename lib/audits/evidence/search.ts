import 'server-only';
import type { LookupItem, LookupQuery } from '@/lib/api/lookup';
import { contains } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { auditorScope, evidenceWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';

/** Current (not withdrawn) evidence by title, newest first, within the auditor scope like every other evidence read. */
export async function searchEvidence(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const rows = await db.evidence.findMany({
    where: { AND: [{ orgId: actor.orgId, withdrawnAt: null }, evidenceWhere(scope), ...(q ? [{ title: contains(q) }] : [])] },
    orderBy: [{ collectedAt: 'desc' }, { id: 'asc' }],
    select: { id: true, title: true, fileName: true, collectedAt: true },
    take: limit,
  });
  return rows.map((e) => ({ value: e.id, label: e.title, description: `${e.fileName ?? 'link'} · collected ${e.collectedAt.toISOString().slice(0, 10)}` }));
}
