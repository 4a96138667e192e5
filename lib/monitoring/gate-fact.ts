import 'server-only';
import type { Db, Tx } from '@/lib/db';

/** The promotion gate's "a monitor is configured" fact: a monitor with at least one watched metric. */
export async function monitorConfigured(client: Tx | Db, versionId: string): Promise<boolean> {
  const n = await client.monitorMetric.count({ where: { monitor: { versionId } } });
  return n > 0;
}
