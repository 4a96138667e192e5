import 'server-only';
import { assertActiveMember } from '@/lib/auth/org';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createModelSchema, type CreateModelInput } from '../schema';
import { actingUserId } from './checks';

export async function createModel(actor: Actor, input: CreateModelInput) {
  authorize(actor, 'models:create');
  const data = createModelSchema.parse(input);
  return db.$transaction(async (tx) => {
    const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true, name: true } });
    if (!system) throw new AppError('VALIDATION', 'Choose an AI system of this organisation.', { fieldErrors: { systemId: ['Unknown AI system'] } });
    const ownerId = data.ownerId ?? (await actingUserId(tx, actor));
    await assertActiveMember(tx, actor.orgId, ownerId, 'ownerId');
    if (data.businessOwnerId) await assertActiveMember(tx, actor.orgId, data.businessOwnerId, 'businessOwnerId');
    return insertModel(tx, actor, data, system, ownerId);
  });
}

/** The model row and its `model.created` event, inside the caller's transaction. */
export async function insertModel(
  tx: Tx,
  actor: Actor,
  data: ReturnType<typeof createModelSchema.parse>,
  system: { id: string; name: string },
  ownerId: string,
  source?: Record<string, unknown>,
) {
  const exists = await tx.model.findFirst({ where: { orgId: actor.orgId, key: data.key }, select: { id: true } });
  if (exists) throw new AppError('CONFLICT', `A model with the key ${data.key} already exists.`, { fieldErrors: { key: ['Already in use'] } });
  const model = await tx.model.create({
    data: { orgId: actor.orgId, systemId: system.id, key: data.key, name: data.name, purpose: data.purpose, ownerId, businessOwnerId: data.businessOwnerId ?? null },
    select: { id: true, key: true, name: true },
  });
  await recordEvent(tx, actor, {
    action: 'model.created',
    entityType: 'model',
    entityId: model.id,
    after: { key: model.key, name: model.name, system: system.name, ownerId, businessOwnerId: data.businessOwnerId ?? null, ...(source ? { source } : {}) },
  });
  return model;
}
