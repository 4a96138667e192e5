import 'server-only';
import { requireFreshFactor } from '@/lib/auth/step-up';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { publishEvent } from '@/lib/events/publish';
import { inTransaction, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';

export type RollbackInput = { reason: string; incidentId?: string | null };

/**
 * Rolls a model back, in one transaction, from its production version to the
 * version that served before it (or, failing that, the newest other approved
 * version). The rolled-back version returns to validation: it caused the
 * rollback and must pass the gates again. Used by the registry and by
 * incident response (with the incident linked).
 */
export async function rollbackModel(actor: Actor, modelId: string, input: RollbackInput, outer?: Tx) {
  authorize(actor, 'models:promote');
  requireFreshFactor(actor);
  const reason = input.reason?.trim();
  if (!reason) throw new AppError('VALIDATION', 'A reason is required to roll back.', { fieldErrors: { reason: ['Give a reason'] } });

  const run = async (tx: Tx) => {
    // Lock the model row so two rollbacks cannot race.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Model" WHERE "id" = ${modelId} AND "orgId" = ${actor.orgId} FOR UPDATE`;
    if (!locked.length) throw notFound('The model');
    if (input.incidentId) {
      const incident = await tx.incident.findFirst({ where: { id: input.incidentId, orgId: actor.orgId }, select: { id: true } });
      if (!incident) throw notFound('The incident');
    }
    const current = await tx.modelVersion.findFirst({ where: { modelId, stage: 'PRODUCTION' }, select: { id: true, label: true } });
    if (!current) throw new AppError('CONFLICT', 'This model has no version in production to roll back.');

    const lastDeploy = await tx.deploymentEvent.findFirst({
      where: { modelId, versionId: current.id, kind: { in: ['PROMOTION', 'ROLLBACK'] } },
      orderBy: { at: 'desc' },
      select: { fromVersionId: true },
    });
    let target = lastDeploy?.fromVersionId
      ? await tx.modelVersion.findFirst({ where: { id: lastDeploy.fromVersionId, stage: 'APPROVED' }, select: { id: true, label: true } })
      : null;
    target ??= await tx.modelVersion.findFirst({
      where: { modelId, stage: 'APPROVED', id: { not: current.id } },
      orderBy: { updatedAt: 'desc' },
      select: { id: true, label: true },
    });
    if (!target) throw new AppError('CONFLICT', 'There is no earlier approved version to roll back to.');

    // It must pass every gate again: its sign-offs and attestation no longer stand.
    await tx.versionSignOff.deleteMany({ where: { versionId: current.id } });
    await tx.versionAttestation.deleteMany({ where: { versionId: current.id } });
    await tx.modelVersion.update({ where: { id: current.id }, data: { stage: 'VALIDATION' } });
    await tx.modelVersion.update({ where: { id: target.id }, data: { stage: 'PRODUCTION' } });
    const event = await tx.deploymentEvent.create({
      data: {
        orgId: actor.orgId,
        modelId,
        kind: 'ROLLBACK',
        versionId: target.id,
        fromVersionId: current.id,
        reason,
        incidentId: input.incidentId ?? null,
        actorId: actor.userId,
      },
      select: { id: true, at: true },
    });
    await recordEvent(tx, actor, {
      action: 'model.rolled_back',
      entityType: 'model',
      entityId: modelId,
      changes: { production: { from: current.label, to: target.label }, incidentId: input.incidentId ?? null },
      reason,
    });
    await publishEvent(tx, actor, { type: 'model.rolled_back', entity: { type: 'model', id: modelId }, data: { title: `Rolled back from ${current.label} to ${target.label}`, from: current.label, to: target.label, reason, incidentId: input.incidentId ?? null } });
    return { deploymentId: event.id, at: event.at.toISOString(), from: current, to: target };
  };
  return inTransaction(outer, run);
}
