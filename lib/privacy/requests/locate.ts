import 'server-only';
import type { Db, Tx } from '@/lib/db';

export type DataLocation = { id: string; name: string; ownerId: string; owner: string; classification: string; storageLocation: string; matched: string[] };

/**
 * The datasets that may hold the subject's data: personal-data datasets whose
 * categories overlap the request's (all of them when the request names none),
 * narrowed to a storage location when one is given. One indexed query.
 */
export async function locateDatasets(tx: Tx | Db, orgId: string, categories: readonly string[], location: string): Promise<DataLocation[]> {
  const rows = await tx.dataset.findMany({
    where: {
      orgId,
      personalData: true,
      ...(categories.length ? { personalDataCategories: { hasSome: [...categories] } } : {}),
      ...(location ? { storageLocation: { contains: location, mode: 'insensitive' } } : {}),
    },
    orderBy: { name: 'asc' },
    take: 500,
    select: { id: true, name: true, ownerId: true, owner: { select: { name: true } }, classification: true, storageLocation: true, personalDataCategories: true },
  });
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    ownerId: d.ownerId,
    owner: d.owner.name,
    classification: d.classification,
    storageLocation: d.storageLocation,
    matched: categories.length ? d.personalDataCategories.filter((c) => categories.includes(c)) : d.personalDataCategories,
  }));
}
