import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeMember } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createDatasetSchema, type CreateDatasetInput } from '../schema';
import { findVersion } from '../snapshot';
import { actingUserId, assertEditable, assertMember, lockVersion, writeOwners } from './checks';

export async function createDataset(actor: Actor, input: CreateDatasetInput) {
  authorize(actor, 'models:create');
  const data = createDatasetSchema.parse(input);
  return db.$transaction(async (tx) => {
    const ownerId = data.ownerId ?? (await actingUserId(tx, actor));
    await assertMember(tx, actor.orgId, ownerId, 'ownerId');
    const exists = await tx.dataset.findFirst({ where: { orgId: actor.orgId, name: data.name }, select: { id: true } });
    if (exists) throw new AppError('CONFLICT', `A dataset named ${data.name} already exists.`, { fieldErrors: { name: ['Already in use'] } });
    if (data.personalData && !data.legalBasis) throw new AppError('VALIDATION', 'Personal data needs a legal basis.', { fieldErrors: { legalBasis: ['Give the legal basis for processing'] } });
    const ds = await tx.dataset.create({ data: { orgId: actor.orgId, ...data, ownerId, legalBasis: data.legalBasis ?? null, retentionDays: data.retentionDays ?? null, deletionDate: data.deletionDate ?? null }, select: { id: true, name: true } });
    await recordEvent(tx, actor, { action: 'dataset.created', entityType: 'dataset', entityId: ds.id, after: { name: ds.name, classification: data.classification, personalData: data.personalData, ownerId } });
    return ds;
  });
}

/** Adds (or replaces) one lineage link without touching the others. */
export async function linkDataset(actor: Actor, modelRef: string, versionRef: string, input: { dataset: string; role: 'TRAINING' | 'EVALUATION'; transformation: string; steps: string[] }) {
  // The permission depends on the version's owners: checked right after loading it.
  authorizeMember(actor);
  return db.$transaction(async (tx) => {
    const row = await findVersion(tx, actor.orgId, modelRef, versionRef);
    authorize(actor, 'models:write', writeOwners(row));
    await lockVersion(tx, row.id);
    assertEditable(row);
    const ds = await tx.dataset.findFirst({ where: { orgId: actor.orgId, OR: [{ id: input.dataset }, { name: input.dataset }] }, select: { id: true, name: true } });
    if (!ds) throw new AppError('VALIDATION', 'Choose a registered dataset.', { fieldErrors: { dataset: ['Unknown dataset'] } });
    await tx.datasetUsage.upsert({
      where: { versionId_datasetId_role: { versionId: row.id, datasetId: ds.id, role: input.role } },
      create: { versionId: row.id, datasetId: ds.id, role: input.role, transformation: input.transformation, steps: input.steps },
      update: { transformation: input.transformation, steps: input.steps },
    });
    await recordEvent(tx, actor, { action: 'model.dataset_linked', entityType: 'model_version', entityId: row.id, after: { dataset: ds.name, role: input.role, steps: input.steps.length } });
    return { dataset: ds.name };
  });
}
