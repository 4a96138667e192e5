import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

export async function getImportBatch(actor: Actor, id: string) {
  authorize(actor, 'library:manage');
  const b = await db.importBatch.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, kind: true, fileName: true, frameworkKey: true, summary: true, status: true, createdAt: true } });
  if (!b) throw new AppError('NOT_FOUND', 'The import preview was not found (it may have been applied or discarded).');
  return { ...b, createdAt: b.createdAt.toISOString() };
}
