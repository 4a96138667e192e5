import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

export async function assertUserInOrg(tx: Tx, orgId: string, userId: string | null | undefined, field: string) {
  if (!userId) return;
  const u = await tx.user.findFirst({ where: { id: userId, orgId, active: true }, select: { id: true } });
  if (!u) throw new AppError('VALIDATION', 'That owner is not an active user of this organisation.', { fieldErrors: { [field]: ['Unknown or inactive user'] } });
}

export async function frameworkByKey(tx: Tx, actor: Actor, key: string, field = 'frameworkKey') {
  const f = await tx.framework.findUnique({ where: { orgId_key: { orgId: actor.orgId, key } }, select: { id: true, key: true } });
  if (!f) throw new AppError('VALIDATION', `Unknown framework key "${key}".`, { fieldErrors: { [field]: [`Unknown framework key "${key}"`] } });
  return f;
}
