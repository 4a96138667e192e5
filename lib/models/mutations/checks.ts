import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { EDITABLE_STAGES } from '../schema';
import { type VersionRow } from '../snapshot';

/** The person behind the call: the user, or for an API token the user who created it. */
export async function actingUserId(tx: Tx, actor: Actor): Promise<string> {
  if (actor.userId) return actor.userId;
  if (actor.tokenId) {
    const token = await tx.apiToken.findFirst({ where: { id: actor.tokenId, orgId: actor.orgId }, select: { createdById: true } });
    if (token) return token.createdById;
  }
  throw new AppError('FORBIDDEN', 'This action must be done by a person or an API token.');
}

export async function assertMember(tx: Tx, orgId: string, userId: string, field: string) {
  const u = await tx.user.findFirst({ where: { id: userId, orgId, active: true }, select: { id: true } });
  if (!u) throw new AppError('VALIDATION', 'Choose an active user of this organisation.', { fieldErrors: { [field]: ['Unknown or inactive user'] } });
}

export const writeOwners = (row: VersionRow) => ({ ownerIds: [row.model.ownerId, row.createdById] });

export function assertEditable(row: VersionRow) {
  if (!EDITABLE_STAGES.includes(row.stage)) {
    throw new AppError('CONFLICT', `Version ${row.label} is in stage ${row.stage}; results can change only in draft, validation or bias review. Return it to draft first.`);
  }
}

/** Locks the version row so concurrent stage changes and sign-offs serialise. */
export async function lockVersion(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "ModelVersion" WHERE "id" = ${id} FOR UPDATE`;
}
