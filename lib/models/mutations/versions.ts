import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, authorizeMember } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { groupMetricsFromPredictions } from '../fairness';
import { createVersionSchema, fairnessUploadSchema, updateVersionSchema, type CreateVersionInput, type FairnessUpload, type UpdateVersionInput } from '../schema';
import { findVersion, snapshotOf } from '../snapshot';
import { actingUserId, assertEditable, lockVersion, writeOwners } from './checks';

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
    return insertVersion(tx, actor, model, data, createdById, { fairness });
  });
}

/**
 * The version's rows and its `model.version_created` event, inside the
 * caller's transaction: the one way a version enters the registry (as a
 * draft), whether registered here, by a pipeline or imported (lib/interchange/mlflow).
 */
export async function insertVersion(
  tx: Tx,
  actor: Actor,
  model: { id: string; key: string },
  data: ReturnType<typeof createVersionSchema.parse>,
  createdById: string,
  opts: { fairness?: FairnessUpload; source?: Record<string, unknown> } = {},
) {
  const fairness = opts.fairness === undefined ? undefined : fairnessUploadSchema.parse(opts.fairness);
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
    after: { model: model.key, label: version.label, stage: version.stage, ...changedFields(details), fairness: fairnessSummary, ...(opts.source ? { source: opts.source } : {}) },
  });
  return { ...version, model: model.key };
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
