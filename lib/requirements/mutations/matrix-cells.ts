import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, inTransaction, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { bulkUpdateCellsSchema, updateCellSchema, type BulkUpdateCellsInput, type UpdateCellInput } from '../schema/matrix';

type CellTarget = { requirementId: string; systemId: string };

async function loadCellTargets(tx: Tx, actor: Actor, targets: CellTarget[]) {
  const reqIds = [...new Set(targets.map((t) => t.requirementId))];
  const sysIds = [...new Set(targets.map((t) => t.systemId))];
  const [reqs, systems] = await Promise.all([
    tx.requirement.findMany({ where: { id: { in: reqIds }, orgId: actor.orgId }, select: { id: true, ref: true, ownerId: true, statusFromControls: true } }),
    tx.aISystem.findMany({ where: { id: { in: sysIds }, orgId: actor.orgId }, select: { id: true, name: true, technicalOwnerId: true, businessOwnerId: true } }),
  ]);
  const reqMap = new Map(reqs.map((r) => [r.id, r]));
  const sysMap = new Map(systems.map((s) => [s.id, s]));
  return targets.map((t) => {
    const requirement = reqMap.get(t.requirementId);
    const system = sysMap.get(t.systemId);
    if (!requirement) throw notFound('The requirement');
    if (!system) throw notFound('The AI system');
    // Owners of the requirement or of the system may assess the cell.
    authorize(actor, 'matrix:edit', { ownerIds: [requirement.ownerId, system.technicalOwnerId, system.businessOwnerId] });
    if (requirement.statusFromControls) {
      throw new AppError('CONFLICT', `${requirement.ref} takes its status from its controls; change the controls, or switch that off on the requirement.`);
    }
    return { requirement, system };
  });
}

const cellSelect = { id: true, status: true, notes: true, justification: true, evidenceUrl: true } as const;

/** Sets one cell (creating it on first assessment); the change and its audit event commit together. */
export async function updateCell(actor: Actor, input: UpdateCellInput, outer?: Tx) {
  const data = updateCellSchema.parse(input);
  return inTransaction(outer, async (tx) => {
    await loadCellTargets(tx, actor, [data]);
    const before = await tx.matrixCell.findUnique({ where: { requirementId_systemId: { requirementId: data.requirementId, systemId: data.systemId } }, select: cellSelect });
    const values = {
      status: data.status,
      notes: data.notes ?? null,
      justification: data.status === 'NOT_APPLICABLE' ? (data.justification ?? null) : (data.justification ?? null),
      evidenceUrl: data.evidenceUrl ?? null,
      assessedById: actor.userId,
      assessedAt: new Date(),
    };
    const cell = await tx.matrixCell.upsert({
      where: { requirementId_systemId: { requirementId: data.requirementId, systemId: data.systemId } },
      create: { orgId: actor.orgId, requirementId: data.requirementId, systemId: data.systemId, ...values },
      update: values,
      select: cellSelect,
    });
    const strip = (c: typeof before) => (c ? { status: c.status, notes: c.notes, justification: c.justification, evidenceUrl: c.evidenceUrl } : { status: 'NOT_ASSESSED' });
    await recordEvent(tx, actor, {
      action: 'matrix_cell.updated',
      entityType: 'matrix_cell',
      entityId: cell.id,
      before: strip(before),
      after: { ...strip(cell), requirementId: data.requirementId, systemId: data.systemId },
      reason: data.reason ?? null,
    });
    return { ...cell, requirementId: data.requirementId, systemId: data.systemId };
  }, { timeout: 60_000 });
}

/** Sets many cells to one status with one reason; all or nothing (one refused cell refuses the lot). */
export async function bulkUpdateCells(actor: Actor, input: BulkUpdateCellsInput) {
  const data = bulkUpdateCellsSchema.parse(input);
  const unique = [...new Map(data.cells.map((c) => [`${c.requirementId}|${c.systemId}`, c])).values()];
  return db.$transaction(
    async (tx) => {
      await loadCellTargets(tx, actor, unique);
      const existing = await tx.matrixCell.findMany({
        where: { orgId: actor.orgId, OR: unique.map((c) => ({ requirementId: c.requirementId, systemId: c.systemId })) },
        select: { id: true, requirementId: true, systemId: true, status: true },
      });
      const exMap = new Map(existing.map((c) => [`${c.requirementId}|${c.systemId}`, c]));
      const now = new Date();
      const values = { status: data.status, justification: data.justification ?? null, assessedById: actor.userId, assessedAt: now };
      const missing = unique.filter((c) => !exMap.has(`${c.requirementId}|${c.systemId}`));
      if (missing.length) {
        await tx.matrixCell.createMany({ data: missing.map((c) => ({ orgId: actor.orgId, requirementId: c.requirementId, systemId: c.systemId, ...values })) });
      }
      if (existing.length) await tx.matrixCell.updateMany({ where: { id: { in: existing.map((c) => c.id) } }, data: values });
      const all = await tx.matrixCell.findMany({ where: { orgId: actor.orgId, OR: unique.map((c) => ({ requirementId: c.requirementId, systemId: c.systemId })) }, select: { id: true, requirementId: true, systemId: true } });
      for (const c of all) {
        const prev = exMap.get(`${c.requirementId}|${c.systemId}`);
        await recordEvent(tx, actor, {
          action: 'matrix_cell.updated',
          entityType: 'matrix_cell',
          entityId: c.id,
          changes: { status: { from: prev?.status ?? 'NOT_ASSESSED', to: data.status }, ...(data.justification ? { justification: { from: null, to: data.justification } } : {}), bulk: unique.length },
          reason: data.reason,
        });
      }
      return { updated: unique.length, status: data.status };
    },
    { timeout: 120_000 },
  );
}
