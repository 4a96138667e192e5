import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeMember } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, forbidden, notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { buildManifest, signManifest } from './attestation';
import { CHECK_LABELS, groupMetricsFromPredictions } from './fairness';
import { nextStage, unmetConditions } from './gate';
import {
  EDITABLE_STAGES,
  advanceStageSchema,
  createDatasetSchema,
  createModelSchema,
  createVersionSchema,
  fairnessUploadSchema,
  mitigationSchema,
  signOffSchema,
  thresholdsSchema,
  updateVersionSchema,
  type CreateDatasetInput,
  type CreateModelInput,
  type CreateVersionInput,
  type FairnessUpload,
  type Stage,
  type UpdateVersionInput,
} from './schema';
import { findVersion, manifestInputOf, snapshotOf, type VersionRow } from './snapshot';

export { rollbackModel } from './rollback';

/** The person behind the call: the user, or for an API token the user who created it. */
async function actingUserId(tx: Tx, actor: Actor): Promise<string> {
  if (actor.userId) return actor.userId;
  if (actor.tokenId) {
    const token = await tx.apiToken.findFirst({ where: { id: actor.tokenId, orgId: actor.orgId }, select: { createdById: true } });
    if (token) return token.createdById;
  }
  throw new AppError('FORBIDDEN', 'This action must be done by a person or an API token.');
}

async function assertMember(tx: Tx, orgId: string, userId: string, field: string) {
  const u = await tx.user.findFirst({ where: { id: userId, orgId, active: true }, select: { id: true } });
  if (!u) throw new AppError('VALIDATION', 'Choose an active user of this organisation.', { fieldErrors: { [field]: ['Unknown or inactive user'] } });
}

const writeOwners = (row: VersionRow) => ({ ownerIds: [row.model.ownerId, row.createdById] });

function assertEditable(row: VersionRow) {
  if (!EDITABLE_STAGES.includes(row.stage)) {
    throw new AppError('CONFLICT', `Version ${row.label} is in stage ${row.stage}; results can change only in draft, validation or bias review. Return it to draft first.`);
  }
}

/** Locks the version row so concurrent stage changes and sign-offs serialise. */
async function lockVersion(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "ModelVersion" WHERE "id" = ${id} FOR UPDATE`;
}

export async function createModel(actor: Actor, input: CreateModelInput) {
  authorize(actor, 'models:create');
  const data = createModelSchema.parse(input);
  return db.$transaction(async (tx) => {
    const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true, name: true } });
    if (!system) throw new AppError('VALIDATION', 'Choose an AI system of this organisation.', { fieldErrors: { systemId: ['Unknown AI system'] } });
    const ownerId = data.ownerId ?? (await actingUserId(tx, actor));
    await assertMember(tx, actor.orgId, ownerId, 'ownerId');
    if (data.businessOwnerId) await assertMember(tx, actor.orgId, data.businessOwnerId, 'businessOwnerId');
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
      after: { key: model.key, name: model.name, system: system.name, ownerId, businessOwnerId: data.businessOwnerId ?? null },
    });
    return model;
  });
}

type VersionDetails = ReturnType<typeof updateVersionSchema.parse>;

/** Writes the child records a create or update carries (each list replaces the old one). */
async function writeDetails(tx: Tx, actor: Actor, versionId: string, d: VersionDetails) {
  const scalar: Prisma.ModelVersionUpdateInput = {};
  if (d.framework !== undefined) scalar.framework = d.framework;
  if (d.artifactUri !== undefined) scalar.artifactUri = d.artifactUri;
  if (d.artifactDigest !== undefined) scalar.artifactDigest = d.artifactDigest;
  if (d.artifactSize !== undefined) scalar.artifactSize = d.artifactSize == null ? null : BigInt(d.artifactSize);
  if (d.hyperparameters !== undefined) scalar.hyperparameters = d.hyperparameters as Prisma.InputJsonValue;
  if (d.modelCard !== undefined) scalar.modelCard = d.modelCard as Prisma.InputJsonValue;
  if (d.explainability !== undefined) {
    scalar.explainability = d.explainability
      ? ({ method: d.explainability.method, features: [...d.explainability.features].sort((a, b) => b.meanAbsAttribution - a.meanAbsAttribution) } as Prisma.InputJsonValue)
      : (null as unknown as Prisma.InputJsonValue);
  }
  if (d.notes !== undefined) scalar.notes = d.notes;
  if (Object.keys(scalar).length) await tx.modelVersion.update({ where: { id: versionId }, data: scalar });

  if (d.metrics) {
    const names = d.metrics.map((m) => m.name.toLowerCase());
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw new AppError('VALIDATION', `The metric ${dup} is listed twice.`, { fieldErrors: { metrics: [`Duplicate metric ${dup}`] } });
    await tx.versionMetric.deleteMany({ where: { versionId } });
    await tx.versionMetric.createMany({ data: d.metrics.map((m) => ({ versionId, name: m.name, value: m.value, threshold: m.threshold ?? null, direction: m.direction })) });
  }
  if (d.datasets) {
    const refs = [...new Set(d.datasets.map((x) => x.dataset))];
    const found = await tx.dataset.findMany({ where: { orgId: actor.orgId, OR: [{ id: { in: refs } }, { name: { in: refs } }] }, select: { id: true, name: true } });
    const resolve = (ref: string) => found.find((f) => f.id === ref || f.name === ref)?.id;
    const unknown = refs.filter((r) => !resolve(r));
    if (unknown.length) throw new AppError('VALIDATION', `Unknown dataset${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Register ${unknown.length > 1 ? 'them' : 'it'} first.`, { fieldErrors: { datasets: unknown } });
    await tx.datasetUsage.deleteMany({ where: { versionId } });
    await tx.datasetUsage.createMany({
      data: d.datasets.map((x) => ({ versionId, datasetId: resolve(x.dataset)!, role: x.role, transformation: x.transformation, steps: x.steps })),
      skipDuplicates: true,
    });
  }
  if (d.robustness) {
    await tx.robustnessResult.deleteMany({ where: { versionId } });
    await tx.robustnessResult.createMany({ data: d.robustness.map((r) => ({ versionId, ...r })) });
  }
}

function changedFields(d: VersionDetails) {
  return Object.fromEntries(
    Object.entries(d)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, k === 'artifactDigest' || k === 'artifactUri' || k === 'framework' ? v : Array.isArray(v) ? `${v.length} item(s)` : 'updated']),
  );
}

async function writeFairness(tx: Tx, versionId: string, upload: ReturnType<typeof fairnessUploadSchema.parse>) {
  const groups =
    'groups' in upload
      ? upload.groups
      : groupMetricsFromPredictions(upload.attribute, upload.predictions).map(({ tp: _tp, fp: _fp, tn: _tn, fn: _fn, ...g }) => g);
  const keys = groups.map((g) => `${g.attribute}|${g.groupValue}`);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) throw new AppError('VALIDATION', `The group ${dup.replace('|', ' = ')} appears twice.`, { fieldErrors: { groups: [`Duplicate group ${dup}`] } });
  const attributes = [...new Set(groups.map((g) => g.attribute))];
  // New results for an attribute replace the old ones, and void mitigations accepted against them.
  await tx.fairnessGroupResult.deleteMany({ where: { versionId, attribute: { in: attributes } } });
  const voided = await tx.fairnessMitigation.deleteMany({ where: { versionId, attribute: { in: attributes } } });
  await tx.fairnessGroupResult.createMany({
    data: groups.map((g) => ({
      versionId,
      attribute: g.attribute,
      groupValue: g.groupValue,
      count: g.count,
      positives: g.positives ?? null,
      accuracy: g.accuracy ?? null,
      precision: g.precision ?? null,
      recall: g.recall ?? null,
      selectionRate: g.selectionRate ?? null,
    })),
  });
  return { groups: groups.length, attributes, mitigationsVoided: voided.count, computed: !('groups' in upload) };
}

/**
 * Registers a version. A pipeline may send everything at once (datasets,
 * metrics, digest, card, fairness results), so a token with only
 * `models:create` can register a complete version in one call.
 */
export async function createVersion(actor: Actor, modelRef: string, input: CreateVersionInput & { fairness?: FairnessUpload }) {
  authorize(actor, 'models:create');
  const data = createVersionSchema.parse(input);
  const fairness = input.fairness === undefined ? undefined : fairnessUploadSchema.parse(input.fairness);
  return db.$transaction(async (tx) => {
    const model = await tx.model.findFirst({ where: { orgId: actor.orgId, OR: [{ key: modelRef }, { id: modelRef }] }, select: { id: true, key: true, ownerId: true } });
    if (!model) throw notFound('The model');
    // People register versions only on models they own; a token acts with its scope.
    if (actor.kind === 'user') authorize(actor, 'models:write', { ownerIds: [model.ownerId] });
    const createdById = await actingUserId(tx, actor);
    const exists = await tx.modelVersion.findFirst({ where: { modelId: model.id, label: data.label }, select: { id: true } });
    if (exists) throw new AppError('CONFLICT', `Version ${data.label} of ${model.key} already exists.`, { fieldErrors: { label: ['Already in use'] } });
    const version = await tx.modelVersion.create({
      data: { orgId: actor.orgId, modelId: model.id, label: data.label, createdById },
      select: { id: true, label: true, stage: true },
    });
    const { label: _label, ...details } = data;
    await writeDetails(tx, actor, version.id, details);
    const fairnessSummary = fairness ? await writeFairness(tx, version.id, fairness) : null;
    await recordEvent(tx, actor, {
      action: 'model.version_created',
      entityType: 'model_version',
      entityId: version.id,
      after: { model: model.key, label: version.label, stage: version.stage, ...changedFields(details), fairness: fairnessSummary },
    });
    return { ...version, model: model.key };
  });
}

export async function updateVersion(actor: Actor, modelRef: string, versionRef: string, input: UpdateVersionInput) {
  // The permission depends on the version's owners: checked right after loading it.
  authorizeMember(actor);
  const data = updateVersionSchema.parse(input);
  return db.$transaction(async (tx) => {
    const row = await findVersion(tx, actor.orgId, modelRef, versionRef);
    authorize(actor, 'models:write', writeOwners(row));
    await lockVersion(tx, row.id);
    assertEditable(row);
    await writeDetails(tx, actor, row.id, data);
    await recordEvent(tx, actor, {
      action: 'model.version_updated',
      entityType: 'model_version',
      entityId: row.id,
      before: data.artifactDigest !== undefined ? { artifactDigest: row.artifactDigest } : undefined,
      after: { model: row.model.key, label: row.label, ...changedFields(data) },
    });
    return { id: row.id, label: row.label, stage: row.stage };
  });
}

export async function uploadFairness(actor: Actor, modelRef: string, versionRef: string, input: FairnessUpload) {
  // The permission depends on the version's owners: checked right after loading it.
  authorizeMember(actor);
  const upload = fairnessUploadSchema.parse(input);
  return db.$transaction(async (tx) => {
    const row = await findVersion(tx, actor.orgId, modelRef, versionRef);
    authorize(actor, 'models:write', writeOwners(row));
    await lockVersion(tx, row.id);
    assertEditable(row);
    const summary = await writeFairness(tx, row.id, upload);
    const after = await findVersion(tx, actor.orgId, row.model.id, row.id);
    const checks = snapshotOf(after).checks.filter((c) => summary.attributes.includes(c.attribute));
    await recordEvent(tx, actor, {
      action: 'model.fairness_uploaded',
      entityType: 'model_version',
      entityId: row.id,
      after: { model: row.model.key, label: row.label, ...summary, checks: checks.map((c) => ({ attribute: c.attribute, check: c.check, value: c.value, passed: c.passed })) },
    });
    return { ...summary, checks };
  });
}

function gateError(target: Stage, reasons: string[]) {
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
    if (target === 'PRODUCTION' || target === 'RETIRED') authorize(actor, 'models:promote');
    else authorize(actor, 'models:write', writeOwners(first));
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
    const { gate } = snapshotOf(row);
    const reasons = unmetConditions(gate, target);
    if (reasons.length) throw gateError(target, reasons);

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
    const reasons = unmetConditions(snapshotOf(after).gate, 'APPROVED');
    if (after.signOffs.length === 2 && reasons.length === 0) {
      await approve(tx, actor, after);
      return { id: row.id, stage: 'APPROVED' as const, approved: true, reasons };
    }
    return { id: row.id, stage: row.stage, approved: false, reasons };
  });
}

export async function acceptMitigation(actor: Actor, modelRef: string, versionRef: string, input: { attribute: string; check: string; mitigation: string }) {
  authorize(actor, 'models:promote');
  const data = mitigationSchema.parse(input);
  if (!actor.userId) throw forbidden('Accepting a mitigation is personal: sign in to do it.');
  return db.$transaction(async (tx) => {
    const row = await findVersion(tx, actor.orgId, modelRef, versionRef);
    if (row.createdById === actor.userId) throw forbidden('You created this version, so you cannot accept mitigations for it.');
    await lockVersion(tx, row.id);
    if (!['DRAFT', 'VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'].includes(row.stage)) throw new AppError('CONFLICT', `Version ${row.label} is already ${row.stage}.`);
    const check = snapshotOf(row).checks.find((c) => c.attribute === data.attribute && c.check === data.check);
    if (!check) throw new AppError('VALIDATION', `There are no fairness results for ${data.attribute}.`, { fieldErrors: { attribute: ['No results for this attribute'] } });
    if (check.passed) throw new AppError('CONFLICT', `${CHECK_LABELS[data.check]} for ${data.attribute} passes; there is nothing to accept.`);
    await tx.fairnessMitigation.upsert({
      where: { versionId_attribute_check: { versionId: row.id, attribute: data.attribute, check: data.check } },
      create: { versionId: row.id, attribute: data.attribute, check: data.check, mitigation: data.mitigation, approverId: actor.userId! },
      update: { mitigation: data.mitigation, approverId: actor.userId!, acceptedAt: new Date() },
    });
    await recordEvent(tx, actor, {
      action: 'model.fairness_mitigation_accepted',
      entityType: 'model_version',
      entityId: row.id,
      after: { attribute: data.attribute, check: data.check, value: check.value, threshold: check.threshold, mitigation: data.mitigation },
    });
    return { attribute: data.attribute, check: data.check };
  });
}

export async function setFairnessThresholds(actor: Actor, input: { systemId: string; maxParityDifference: number; minDisparateImpact: number; maxOpportunityDifference: number }) {
  authorize(actor, 'models:promote');
  const data = thresholdsSchema.parse(input);
  return db.$transaction(async (tx) => {
    const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true, name: true, fairnessThreshold: true } });
    if (!system) throw notFound('The AI system');
    const values = { maxParityDifference: data.maxParityDifference, minDisparateImpact: data.minDisparateImpact, maxOpportunityDifference: data.maxOpportunityDifference };
    await tx.fairnessThreshold.upsert({
      where: { systemId: system.id },
      create: { orgId: actor.orgId, systemId: system.id, ...values, setById: actor.userId },
      update: { ...values, setById: actor.userId },
    });
    const before = system.fairnessThreshold;
    await recordEvent(tx, actor, {
      action: 'model.fairness_thresholds_set',
      entityType: 'ai_system',
      entityId: system.id,
      before: before ? { maxParityDifference: before.maxParityDifference, minDisparateImpact: before.minDisparateImpact, maxOpportunityDifference: before.maxOpportunityDifference } : undefined,
      after: values,
    });
    return { systemId: system.id, ...values };
  });
}

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
