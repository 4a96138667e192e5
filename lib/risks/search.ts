import 'server-only';
import { contains, type LookupItem, type LookupQuery } from '@/lib/api/lookup';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';

/** Risks by ref or title, for pickers (threat models link the risks they feed). */
export async function searchRisks(actor: Actor, { q, limit }: LookupQuery): Promise<LookupItem[]> {
  authorize(actor, 'risks:read');
  const rows = await db.risk.findMany({
    where: { orgId: actor.orgId, OR: [{ ref: contains(q) }, { title: contains(q) }] },
    orderBy: { ref: 'asc' },
    select: { id: true, ref: true, title: true },
    take: limit,
  });
  return rows.map((r) => ({ value: r.id, label: `${r.ref} ${r.title}` }));
}
