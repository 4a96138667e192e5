import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import type { Db, Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import type { FeatureSpec, MetricSpec } from '../evaluate';

export const monitorSelect = {
  id: true,
  orgId: true,
  versionId: true,
  groupAttributes: true,
  missingAfterHours: true,
  escalateAfterDays: true,
  lastWindowEnd: true,
  windowCount: true,
  version: { select: { id: true, label: true, model: { select: { id: true, key: true, name: true, ownerId: true, businessOwnerId: true, systemId: true, system: { select: { name: true, businessOwnerId: true } } } } } },
  metrics: { select: { name: true, attribute: true, direction: true, threshold: true, warningRatio: true, baseline: true, fairness: true } },
  features: { select: { name: true, kind: true, method: true, threshold: true, reference: true } },
} as const;

export async function loadMonitorForWrite(client: Tx | Db, actor: Actor, monitorId: string) {
  // The id in the path may be the monitor's or its version's (docs/monitoring.md).
  const monitor = await client.monitor.findFirst({ where: { orgId: actor.orgId, OR: [{ id: monitorId }, { versionId: monitorId }] }, select: monitorSelect });
  if (!monitor) throw notFound('The monitor');
  authorize(actor, 'monitoring:write', { ownerIds: [monitor.version.model.ownerId] });
  return monitor;
}
export type LoadedMonitor = Awaited<ReturnType<typeof loadMonitorForWrite>>;

export function specsOf(m: LoadedMonitor): { metrics: MetricSpec[]; features: FeatureSpec[] } {
  return {
    metrics: m.metrics.map((s) => ({ ...s, direction: s.direction })),
    features: m.features.map((f) => {
      const ref = f.reference as { edges?: number[]; counts?: number[]; categories?: Record<string, number> };
      return { name: f.name, kind: f.kind, method: f.method, threshold: f.threshold, reference: ref.edges ? { edges: ref.edges, counts: ref.counts ?? [] } : { categories: ref.categories ?? {} } };
    }),
  };
}

export function invalidRows(what: string, invalid: { row: number; ref: string | null; reason: string }[]): AppError {
  const shown = invalid.slice(0, 20).map((r) => `${what} ${r.row}${r.ref ? ` (${r.ref})` : ''}: ${r.reason}`);
  return new AppError('VALIDATION', `${invalid.length} ${what}${invalid.length === 1 ? '' : 's'} refused; nothing was stored.`, {
    fieldErrors: { [`${what}s`]: shown },
    details: { invalid },
  });
}
