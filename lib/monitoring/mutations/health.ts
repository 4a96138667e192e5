import 'server-only';
import type { Tx } from '@/lib/db';

type Health = 'OK' | 'WARNING' | 'BREACH' | 'MISSING' | 'NO_DATA';

/**
 * A monitor's status light: the worst of its latest window and its alerts
 * not yet resolved. A breach stays red after a later window only warns, until
 * someone resolves its alert; an open missing-data alert shows "missing data"
 * unless a breach is still open. Written with every change of
 * either (ingestion, an alert acted on, the missing-data job), never by a read.
 */
export async function refreshMonitorHealth(tx: Tx, monitorId: string, latest?: { health: string } | null): Promise<Health> {
  // Ingestion has just read the latest window; the other callers have not.
  const window = latest !== undefined ? latest : await tx.monitorWindow.findFirst({ where: { monitorId }, orderBy: { endsAt: 'desc' }, select: { health: true } });
  const open = await tx.monitorAlert.groupBy({ by: ['kind', 'level'], where: { monitorId, status: { not: 'RESOLVED' } }, _count: { _all: true } });
  const health = worstHealth(window?.health ?? null, open);
  await tx.monitor.update({ where: { id: monitorId }, data: { health } });
  return health;
}

/**
 * An open breach alert, then an open missing-data alert (the latest window is
 * stale then, and nobody knows the model's present state), then an open
 * warning, then the latest window's own health (breach, warning, healthy, or
 * no data yet).
 */
export function worstHealth(latest: string | null, open: readonly { kind: string; level: string }[]): Health {
  const measured = open.filter((a) => a.kind !== 'MISSING_DATA');
  if (measured.some((a) => a.level === 'BREACH')) return 'BREACH';
  if (open.some((a) => a.kind === 'MISSING_DATA')) return 'MISSING';
  if (measured.some((a) => a.level === 'WARNING')) return 'WARNING';
  if (latest === 'BREACH' || latest === 'WARNING') return latest;
  return latest === null ? 'NO_DATA' : 'OK';
}
