import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertActiveMember } from '@/lib/auth/org';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { authSecret } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { insertModel, insertVersion } from '@/lib/models/mutations';
import { createModelSchema, createVersionSchema } from '@/lib/models/schema';
import { openSecret, sealSecret } from '@/lib/secrets';
import { MlflowError, mlflowClient, type MlflowClient } from './client';
import { importKey, modelKeyFor, planSync, type PortalState, type RemoteVersion, type SyncPlan } from './plan';
import { mlflowConnectionSchema, type MlflowConnectionInput } from './schema';

const TOKEN_PURPOSE = 'mlflow-connection-token';

/** Saves the organisation's MLflow connection; the token is stored encrypted and never shown again. */
export async function saveMlflowConnection(actor: Actor, input: MlflowConnectionInput) {
  authorize(actor, 'settings:manage');
  const data = mlflowConnectionSchema.parse(input);
  return db.$transaction(async (tx) => {
    const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true, name: true } });
    if (!system) throw new AppError('VALIDATION', 'Choose an AI system of this organisation.', { fieldErrors: { systemId: ['Unknown AI system'] } });
    await assertActiveMember(tx, actor.orgId, data.ownerId, 'ownerId');
    const before = await tx.mlflowConnection.findUnique({ where: { orgId: actor.orgId }, select: { url: true, systemId: true, ownerId: true, syncEnabled: true, tokenHint: true } });
    const token = data.clearToken ? { tokenEnc: null, tokenHint: null } : data.token ? { tokenEnc: sealSecret(data.token, authSecret(), TOKEN_PURPOSE), tokenHint: data.token.slice(-4) } : {};
    const fields = { url: data.url.replace(/\/+$/, ''), systemId: system.id, ownerId: data.ownerId, syncEnabled: data.syncEnabled, updatedById: actor.userId, ...token };
    const row = await tx.mlflowConnection.upsert({ where: { orgId: actor.orgId }, create: { orgId: actor.orgId, ...fields }, update: fields, select: { id: true, url: true, tokenHint: true, syncEnabled: true } });
    await recordEvent(tx, actor, {
      action: 'mlflow.connection_saved',
      entityType: 'mlflow_connection',
      entityId: row.id,
      before: before ? { url: before.url, systemId: before.systemId, ownerId: before.ownerId, syncEnabled: before.syncEnabled, token: before.tokenHint ? 'set' : 'none' } : undefined,
      after: { url: row.url, system: system.name, ownerId: data.ownerId, syncEnabled: row.syncEnabled, token: row.tokenHint ? 'set' : 'none', tokenChanged: 'tokenEnc' in token },
    });
    return row;
  });
}

async function loadConnection(actor: Actor) {
  const conn = await db.mlflowConnection.findUnique({
    where: { orgId: actor.orgId },
    select: { id: true, url: true, tokenEnc: true, systemId: true, ownerId: true, system: { select: { id: true, name: true } } },
  });
  if (!conn) throw notFound('The MLflow connection');
  return conn;
}

/** Everything MLflow lists: every registered model, every version (all pages), and each version's run. */
export async function readRemote(client: MlflowClient): Promise<RemoteVersion[]> {
  const out: RemoteVersion[] = [];
  const runs = new Map<string, Awaited<ReturnType<MlflowClient['getRun']>>>();
  for (const model of await client.searchRegisteredModels()) {
    const versions = await client.searchModelVersions(model.name);
    versions.sort((a, b) => Number(a.version) - Number(b.version) || a.version.localeCompare(b.version));
    for (const version of versions) {
      let run = null;
      if (version.run_id && (!version.status || version.status === 'READY')) {
        if (!runs.has(version.run_id)) runs.set(version.run_id, await client.getRun(version.run_id));
        run = runs.get(version.run_id) ?? null;
      }
      out.push({ model, version, run });
    }
  }
  return out;
}

async function portalState(orgId: string, remote: readonly RemoteVersion[]): Promise<PortalState> {
  const keys = [...new Set(remote.map((r) => modelKeyFor(r.version.name)))];
  const models = await db.model.findMany({ where: { orgId, key: { in: keys } }, select: { id: true, key: true, versions: { select: { label: true } } } });
  const imported = await db.mlflowImportedVersion.findMany({
    where: { orgId },
    select: { id: true, mlflowModel: true, mlflowVersion: true, source: true, runId: true, modelVersionId: true, goneAt: true, modelVersion: { select: { label: true, model: { select: { key: true } } } } },
  });
  return {
    models: new Map(models.map((m) => [m.key, { id: m.id, key: m.key }])),
    versions: new Set(models.flatMap((m) => m.versions.map((v) => `${m.key}@${v.label}`))),
    imported: new Map(
      imported.map((i) => [
        importKey(i.mlflowModel, i.mlflowVersion),
        { id: i.id, source: i.source, runId: i.runId, modelVersionId: i.modelVersionId, goneAt: i.goneAt, portal: i.modelVersion ? `${i.modelVersion.model.key} ${i.modelVersion.label}` : null },
      ]),
    ),
  };
}

export type SyncReport = {
  at: string;
  url: string;
  applied: boolean;
  imported: { mlflowModel: string; mlflowVersion: string; portal: string; newModel: boolean; suggestion: string | null; warnings: string[] }[];
  conflicts: SyncPlan['conflicts'];
  gone: SyncPlan['gone'];
  skipped: SyncPlan['skipped'];
  failed: { mlflowModel: string; mlflowVersion: string; reason: string }[];
  unchanged: number;
  error?: string;
};

/**
 * Reads the MLflow registry and, with `apply`, imports what is new: each
 * version as a draft of its portal model (created under the connection's AI
 * system when missing), through the registry's own insert and validation, in
 * one transaction per version. Versions the portal already holds are never
 * changed; differences are listed as conflicts; versions MLflow no longer
 * lists are marked gone (the portal keeps them).
 */
export async function syncMlflow(actor: Actor, opts: { apply: boolean; now?: Date; client?: MlflowClient }): Promise<SyncReport> {
  authorize(actor, 'settings:manage');
  const now = opts.now ?? new Date();
  const conn = await loadConnection(actor);
  const client = opts.client ?? mlflowClient({ url: conn.url, token: conn.tokenEnc ? openSecret(conn.tokenEnc, authSecret(), TOKEN_PURPOSE) : null });
  const report: SyncReport = { at: now.toISOString(), url: conn.url, applied: opts.apply, imported: [], conflicts: [], gone: [], skipped: [], failed: [], unchanged: 0 };

  let plan: SyncPlan;
  try {
    const remote = await readRemote(client);
    plan = planSync(remote, await portalState(actor.orgId, remote), conn.url);
  } catch (error) {
    if (!(error instanceof MlflowError)) throw error;
    report.error = error.message;
    if (opts.apply) await finish(actor, conn.id, report, now);
    if (actor.kind !== 'system') throw new AppError('VALIDATION', error.message, { fieldErrors: { url: [error.message] } });
    return report;
  }
  Object.assign(report, { conflicts: plan.conflicts, gone: plan.gone, skipped: plan.skipped, unchanged: plan.unchanged });
  const describe = (s: (typeof plan.create)[number]['suggestion']) => (s ? `${s.stage.toLowerCase()} (${s.because})` : null);

  if (!opts.apply) {
    report.imported = plan.create.map((c) => ({ mlflowModel: c.mlflowModel, mlflowVersion: c.mlflowVersion, portal: `${c.modelKey} ${c.mlflowVersion}`, newModel: !!c.newModel, suggestion: describe(c.suggestion), warnings: c.warnings }));
    return report;
  }

  const source = (c: { mlflowModel: string; mlflowVersion: string }) => ({ kind: 'mlflow', url: conn.url, model: c.mlflowModel, version: c.mlflowVersion });
  for (const c of plan.create) {
    try {
      const parsed = createVersionSchema.parse(c.input);
      const portal = await db.$transaction(async (tx) => {
        let model = await tx.model.findFirst({ where: { orgId: actor.orgId, key: c.modelKey }, select: { id: true, key: true } });
        if (!model) {
          const data = createModelSchema.parse({ systemId: conn.systemId, key: c.modelKey, name: c.newModel?.name ?? c.mlflowModel, purpose: c.newModel?.purpose ?? `Imported from MLflow.` });
          model = await insertModel(tx, actor, data, conn.system, conn.ownerId, { kind: 'mlflow', url: conn.url, model: c.mlflowModel });
        }
        const version = await insertVersion(tx, actor, model, parsed, conn.ownerId, { source: source(c) });
        const row = await tx.mlflowImportedVersion.create({
          data: { orgId: actor.orgId, mlflowModel: c.mlflowModel, mlflowVersion: c.mlflowVersion, modelVersionId: version.id, importedAt: now, ...c.record, tags: c.record.tags as Prisma.InputJsonValue },
          select: { id: true },
        });
        await recordEvent(tx, actor, {
          action: 'mlflow.version_imported',
          entityType: 'model_version',
          entityId: version.id,
          after: { ...source(c), portal: `${model.key} ${version.label}`, stage: version.stage, suggestedStage: c.record.suggestedStage, import: row.id },
        });
        return `${model.key} ${version.label}`;
      });
      report.imported.push({ mlflowModel: c.mlflowModel, mlflowVersion: c.mlflowVersion, portal, newModel: !!c.newModel, suggestion: describe(c.suggestion), warnings: c.warnings });
    } catch (error) {
      const reason = error instanceof AppError || error instanceof Error ? error.message : String(error);
      report.failed.push({ mlflowModel: c.mlflowModel, mlflowVersion: c.mlflowVersion, reason });
    }
  }
  for (const g of plan.gone) {
    await db.$transaction(async (tx) => {
      await tx.mlflowImportedVersion.update({ where: { id: g.id }, data: { goneAt: now } });
      await recordEvent(tx, actor, { action: 'mlflow.version_gone', entityType: 'mlflow_import', entityId: g.id, after: { model: g.mlflowModel, version: g.mlflowVersion, portal: g.portal, kept: true } });
    });
  }
  if (plan.returned.length) await db.mlflowImportedVersion.updateMany({ where: { id: { in: plan.returned.map((r) => r.id) } }, data: { goneAt: null } });
  await finish(actor, conn.id, report, now);
  return report;
}

async function finish(actor: Actor, connectionId: string, report: SyncReport, now: Date) {
  await db.$transaction(async (tx) => {
    await tx.mlflowConnection.update({ where: { id: connectionId }, data: { lastSyncAt: now, lastSyncReport: report as unknown as Prisma.InputJsonValue } });
    await recordEvent(tx, actor, {
      action: 'mlflow.synced',
      entityType: 'mlflow_connection',
      entityId: connectionId,
      after: { imported: report.imported.length, conflicts: report.conflicts.length, gone: report.gone.length, skipped: report.skipped.length, failed: report.failed.length, unchanged: report.unchanged, error: report.error ?? null },
    });
  });
}

/** The scheduled sync: organisations that turned it on, each on its own (one server down does not stop the others). */
export async function syncAllMlflow(actorFor: (orgId: string) => Actor, now: Date) {
  const conns = await db.mlflowConnection.findMany({ where: { syncEnabled: true }, select: { orgId: true }, orderBy: { orgId: 'asc' } });
  let imported = 0;
  let failed = 0;
  for (const c of conns) {
    const report = await syncMlflow(actorFor(c.orgId), { apply: true, now });
    imported += report.imported.length;
    if (report.error) failed++;
  }
  return { connections: conns.length, imported, failed };
}
