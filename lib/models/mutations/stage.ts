import 'server-only';
import { requireFreshFactor } from '@/lib/auth/step-up';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeMember } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { publishEvent } from '@/lib/events/publish';
import { db, type Tx } from '@/lib/db';
import { AppError, forbidden } from '@/lib/errors';
import { buildManifest, signManifest } from '../attestation';
import { loadGateFacts } from '../gate-policy';
import { nextStage, unmetConditions } from '../promotion';
import { advanceStageSchema, signOffSchema, type Stage } from '../schema';
import { findVersion, manifestInputOf, snapshotOf, type VersionRow } from '../snapshot';
import { lockVersion, writeOwners } from './checks';
import { publishGateFailure } from './gate-failure';

function promotionRefused(target: Stage, reasons: string[]) {
  return new AppError('CONFLICT', `Cannot move to ${target}: ${reasons.length} unmet condition${reasons.length > 1 ? 's' : ''}. ${reasons.join(' ')}`, {
    details: { target, reasons },
  });
}

/** Signs the manifest and approves, inside the sign-off's transaction. */
async function approve(tx: Tx, actor: Actor, row: VersionRow) {
  const signedAt = new Date();
  const manifest = buildManifest(manifestInputOf(row), signedAt.toISOString());
  const signed = signManifest(manifest);
  await tx.versionAttestation.upsert({
    where: { versionId: row.id },
    create: { versionId: row.id, ...signed, signedAt },
    update: { ...signed, signedAt },
  });
  await tx.modelVersion.update({ where: { id: row.id }, data: { stage: 'APPROVED' } });
  await recordEvent(tx, actor, {
    action: 'model.version_approved',
    entityType: 'model_version',
    entityId: row.id,
    changes: { stage: { from: row.stage, to: 'APPROVED' }, modelCardSha256: manifest.modelCardSha256, artifactSha256: manifest.artifact.sha256 },
  });
}

export async function changeStage(actor: Actor, modelRef: string, versionRef: string, input: { target: string; reason?: string }) {
  // The permission depends on the version's owners: checked right after loading it.
  authorizeMember(actor);
  const { target } = advanceStageSchema.parse(input);
  const reason = input.reason?.trim() || undefined;
  return db.$transaction(async (tx) => {
    const first = await findVersion(tx, actor.orgId, modelRef, versionRef);
    if (target === 'PRODUCTION' || target === 'RETIRED') {
      authorize(actor, 'models:promote');
      requireFreshFactor(actor);
    } else authorize(actor, 'models:write', writeOwners(first));
    // Lock the model (one production version) and the version, then re-read under the lock.
    await tx.$queryRaw`SELECT "id" FROM "Model" WHERE "id" = ${first.model.id} FOR UPDATE`;
    await lockVersion(tx, first.id);
    const row = await findVersion(tx, actor.orgId, first.model.id, first.id);
    const from = row.stage;

    if (target === 'DRAFT') {
      if (!['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'].includes(from)) throw new AppError('CONFLICT', `A version in stage ${from} cannot return to draft.`);
      const cleared = await tx.versionSignOff.deleteMany({ where: { versionId: row.id } });
      await tx.modelVersion.update({ where: { id: row.id }, data: { stage: 'DRAFT' } });
      await recordEvent(tx, actor, { action: 'model.version_returned_to_draft', entityType: 'model_version', entityId: row.id, changes: { stage: { from, to: 'DRAFT' }, signOffsCleared: cleared.count }, reason });
      return { id: row.id, stage: 'DRAFT' as const };
    }

    if (target === 'RETIRED') {
      if (from === 'RETIRED') throw new AppError('CONFLICT', 'This version is already retired.');
      await tx.modelVersion.update({ where: { id: row.id }, data: { stage: 'RETIRED' } });
      if (from === 'PRODUCTION') {
        await tx.deploymentEvent.create({ data: { orgId: actor.orgId, modelId: row.model.id, kind: 'RETIREMENT', fromVersionId: row.id, reason: reason ?? null, actorId: actor.userId } });
      }
      await recordEvent(tx, actor, { action: 'model.version_retired', entityType: 'model_version', entityId: row.id, changes: { stage: { from, to: 'RETIRED' } }, reason });
      return { id: row.id, stage: 'RETIRED' as const };
    }

    if (nextStage(from) !== target) throw new AppError('CONFLICT', `A version in stage ${from} cannot move to ${target}; the next stage is ${nextStage(from) ?? 'none'}.`);
    const { promotion } = snapshotOf(row, target === 'PRODUCTION' ? await loadGateFacts(tx, row) : undefined);
    const reasons = unmetConditions(promotion, target);
    if (reasons.length) throw await publishGateFailure(actor, { modelId: row.model.id, modelName: row.model.name, versionId: row.id, version: row.label, from, target, reasons }, promotionRefused(target, reasons));

    if (target === 'PRODUCTION') {
      const current = await tx.modelVersion.findFirst({ where: { modelId: row.model.id, stage: 'PRODUCTION' }, select: { id: true, label: true } });
      // The version it replaces stays approved: it is what a rollback returns to.
      if (current) await tx.modelVersion.update({ where: { id: current.id }, data: { stage: 'APPROVED' } });
      await tx.modelVersion.update({ where: { id: row.id }, data: { stage: 'PRODUCTION' } });
      await tx.deploymentEvent.create({
        data: { orgId: actor.orgId, modelId: row.model.id, kind: 'PROMOTION', versionId: row.id, fromVersionId: current?.id ?? null, reason: reason ?? null, actorId: actor.userId },
      });
      await recordEvent(tx, actor, {
        action: 'model.promoted',
        entityType: 'model',
        entityId: row.model.id,
        changes: { production: { from: current?.label ?? null, to: row.label } },
        reason,
      });
      await publishEvent(tx, actor, { type: 'model.promoted', entity: { type: 'model', id: row.model.id }, data: { title: `${row.model.name} ${row.label}`, version: row.label, versionId: row.id, previous: current?.label ?? null } });
      return { id: row.id, stage: 'PRODUCTION' as const };
    }

    await tx.modelVersion.update({ where: { id: row.id }, data: { stage: target } });
    await recordEvent(tx, actor, { action: 'model.version_stage_changed', entityType: 'model_version', entityId: row.id, changes: { stage: { from, to: target } }, reason });
    return { id: row.id, stage: target };
  });
}

/**
 * A sign-off is personal: the business owner signs as themselves, a
 * compliance officer as compliance; two different people, neither the
 * version's creator. The second sign-off approves and signs the version.
 */
export async function signOffVersion(actor: Actor, modelRef: string, versionRef: string, input: { role: string; comment?: string }) {
  // The permission depends on the version's owners: checked right after loading it.
  authorizeMember(actor);
  const data = signOffSchema.parse(input);
  return db.$transaction(async (tx) => {
    const first = await findVersion(tx, actor.orgId, modelRef, versionRef);
    if (data.role === 'BUSINESS_OWNER') {
      authorize(actor, 'models:signoff', { ownerIds: [first.model.businessOwnerId] });
      if (!actor.userId || actor.userId !== first.model.businessOwnerId) throw forbidden('Only the model’s business owner can give the business owner sign-off.');
    } else {
      authorize(actor, 'models:signoff');
    }
    requireFreshFactor(actor);
    if (!actor.userId) throw forbidden('Sign-offs are personal: sign in to give one.');
    if (actor.userId === first.createdById) throw forbidden('You created this version, so you cannot sign it off.');
    await lockVersion(tx, first.id);
    const row = await findVersion(tx, actor.orgId, first.model.id, first.id);
    if (row.stage !== 'PENDING_APPROVAL') throw new AppError('CONFLICT', `Sign-offs are given in stage PENDING_APPROVAL; this version is in ${row.stage}.`);
    if (row.signOffs.some((s) => s.role === data.role)) throw new AppError('CONFLICT', 'This sign-off has already been given.');
    if (row.signOffs.some((s) => s.userId === actor.userId)) throw new AppError('CONFLICT', 'You have already signed off this version; the other sign-off must come from a different person.');
    await tx.versionSignOff.create({ data: { versionId: row.id, role: data.role, userId: actor.userId, comment: data.comment } });
    await recordEvent(tx, actor, { action: 'model.version_signed_off', entityType: 'model_version', entityId: row.id, after: { role: data.role, comment: data.comment } });

    const after = await findVersion(tx, actor.orgId, row.model.id, row.id);
    const reasons = unmetConditions(snapshotOf(after).promotion, 'APPROVED');
    if (after.signOffs.length === 2 && reasons.length === 0) {
      await approve(tx, actor, after);
      return { id: row.id, stage: 'APPROVED' as const, approved: true, reasons };
    }
    return { id: row.id, stage: row.stage, approved: false, reasons };
  });
}
