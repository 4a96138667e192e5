import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import type { SyncReport } from './mutations';

/** The connection as the settings and import pages show it: never the token, only its last four characters. */
export async function getMlflowSettings(actor: Actor) {
  authorize(actor, 'settings:manage');
  const conn = await db.mlflowConnection.findUnique({
    where: { orgId: actor.orgId },
    select: {
      url: true,
      tokenHint: true,
      syncEnabled: true,
      lastSyncAt: true,
      lastSyncReport: true,
      updatedAt: true,
      system: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  if (!conn) return null;
  const { lastSyncReport, ...rest } = conn;
  return { ...rest, lastSyncReport: (lastSyncReport as SyncReport | null) ?? null };
}

/** Every MLflow version imported so far, with its portal version and the stage MLflow suggests. */
export async function listMlflowImports(actor: Actor) {
  authorize(actor, 'settings:manage');
  const rows = await db.mlflowImportedVersion.findMany({
    where: { orgId: actor.orgId },
    orderBy: [{ mlflowModel: 'asc' }, { importedAt: 'asc' }],
    select: {
      id: true,
      mlflowModel: true,
      mlflowVersion: true,
      mlflowStage: true,
      aliases: true,
      suggestedStage: true,
      importedAt: true,
      goneAt: true,
      modelVersion: { select: { id: true, label: true, stage: true, model: { select: { key: true } } } },
    },
  });
  return rows.map((r) => ({
    ...r,
    portal: r.modelVersion ? { model: r.modelVersion.model.key, label: r.modelVersion.label, stage: r.modelVersion.stage } : null,
  }));
}
