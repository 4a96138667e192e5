import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

export async function frameworkByKey(tx: Tx, actor: Actor, key: string, field = 'frameworkKey') {
  const f = await tx.framework.findUnique({ where: { orgId_key: { orgId: actor.orgId, key } }, select: { id: true, key: true } });
  if (!f) throw new AppError('VALIDATION', `Unknown framework key "${key}".`, { fieldErrors: { [field]: [`Unknown framework key "${key}"`] } });
  return f;
}
