import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { invalid } from '../checks';
import { createActivitySchema, type CreateActivityInput } from '../schema';

async function checkLinks(tx: Tx, orgId: string, systemIds: string[], datasetIds: string[]) {
  const [systems, datasets] = await Promise.all([
    systemIds.length ? tx.aISystem.findMany({ where: { orgId, id: { in: systemIds } }, select: { id: true } }) : [],
    datasetIds.length ? tx.dataset.findMany({ where: { orgId, id: { in: datasetIds } }, select: { id: true } }) : [],
  ]);
  const unknownSystems = systemIds.filter((id) => !systems.some((s) => s.id === id));
  if (unknownSystems.length) throw invalid('systemIds', `Unknown AI system: ${unknownSystems.join(', ')}.`);
  const unknownDatasets = datasetIds.filter((id) => !datasets.some((d) => d.id === id));
  if (unknownDatasets.length) throw invalid('datasetIds', `Unknown dataset: ${unknownDatasets.join(', ')}.`);
}

export async function createProcessingActivity(actor: Actor, input: CreateActivityInput) {
  authorize(actor, 'privacy:manage');
  const data = createActivitySchema.parse(input);
  const systemIds = [...new Set(data.systemIds)];
  const datasetIds = [...new Set(data.datasetIds)];
  return db.$transaction(async (tx) => {
    await checkLinks(tx, actor.orgId, systemIds, datasetIds);
    const clash = await tx.processingActivity.findFirst({ where: { orgId: actor.orgId, name: data.name }, select: { id: true } });
    if (clash) throw invalid('name', 'An activity with this name is already in the register.');
    const created = await tx.processingActivity.create({ data: { ...data, systemIds, datasetIds, orgId: actor.orgId }, select: { id: true, name: true } });
    await recordEvent(tx, actor, { action: 'privacy.activity_created', entityType: 'processing-activity', entityId: created.id, after: { ...data, systemIds, datasetIds } });
    return created;
  });
}

export async function updateProcessingActivity(actor: Actor, id: string, input: CreateActivityInput) {
  authorize(actor, 'privacy:manage');
  const data = createActivitySchema.parse(input);
  const systemIds = [...new Set(data.systemIds)];
  const datasetIds = [...new Set(data.datasetIds)];
  return db.$transaction(async (tx) => {
    const before = await tx.processingActivity.findFirst({ where: { id, orgId: actor.orgId } });
    if (!before) throw notFound('The processing activity');
    await checkLinks(tx, actor.orgId, systemIds, datasetIds);
    const clash = await tx.processingActivity.findFirst({ where: { orgId: actor.orgId, name: data.name, NOT: { id } }, select: { id: true } });
    if (clash) throw invalid('name', 'An activity with this name is already in the register.');
    const updated = await tx.processingActivity.update({ where: { id }, data: { ...data, systemIds, datasetIds }, select: { id: true, name: true } });
    const { id: _i, orgId: _o, createdAt: _c, updatedAt: _u, ...old } = before;
    await recordEvent(tx, actor, { action: 'privacy.activity_updated', entityType: 'processing-activity', entityId: id, before: old, after: { ...data, systemIds, datasetIds } });
    return updated;
  });
}
