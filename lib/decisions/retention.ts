import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { canonicalJson } from '@/lib/audit/canonical';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { rawPool } from '@/lib/db-raw';
import { publicKeyPem, signBytes } from '@/lib/signing/keys';
import { addMonths, ensurePartitions, forgetPartition, listPartitions, monthStart } from './partitions';
import { DEFAULT_RETENTION_DAYS } from './settings';

// Retention drops whole month partitions once every system with decisions
// in them is past its retention period, and writes a signed purge record
// naming the range, the count and the checkpoints that covered it. The
// batches (their roots and leaf hashes) stay, so the checkpoints still verify.

export const PURGE_FORMAT = 'agp-decision-purge/1';
export const MONTHS_AHEAD = 3;

/** Creates this month's partition and the next MONTHS_AHEAD ones. */
export async function createPartitionsAhead(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'decisions:manage');
  const start = monthStart(now);
  const created = await ensurePartitions(rawPool(), Array.from({ length: MONTHS_AHEAD + 1 }, (_, i) => addMonths(start, i)));
  return created.length;
}

export type PurgeSummary = { partition: string; decisionCount: number };

/** Drops every expired partition (deployment-wide: partitions hold every organisation's decisions). */
export async function purgeExpiredPartitions(actor: Actor, now: Date): Promise<PurgeSummary[]> {
  authorize(actor, 'decisions:manage');
  if (actor.kind !== 'system') throw new Error('retention runs as the job only');
  const pool = rawPool();
  const done: PurgeSummary[] = [];
  for (const p of await listPartitions(pool)) {
    if (p.to.getTime() > now.getTime()) continue;
    const { rows: systems } = await pool.query<{ systemId: string; orgId: string; n: string }>(`SELECT "systemId", "orgId", count(*)::text AS n FROM "${p.name}" GROUP BY 1, 2`);
    const settings = await db.decisionSystemSettings.findMany({ where: { systemId: { in: systems.map((s) => s.systemId) } }, select: { systemId: true, retentionDays: true } });
    const days = new Map(settings.map((s) => [s.systemId, s.retentionDays]));
    const keep = systems.some((s) => p.to.getTime() + (days.get(s.systemId) ?? DEFAULT_RETENTION_DAYS) * 86_400_000 > now.getTime());
    if (keep) continue;
    const decisionCount = systems.reduce((n, s) => n + Number(s.n), 0);
    const orgIds = [...new Set(systems.map((s) => s.orgId))];
    const checkpoints = await Promise.all(
      orgIds.map(async (orgId) => {
        const c = await db.decisionCheckpoint.findFirst({ where: { orgId }, orderBy: { treeSize: 'desc' }, select: { id: true, treeSize: true, rootHash: true } });
        return { orgId, checkpointId: c?.id ?? null, treeSize: c?.treeSize ?? 0, rootHash: c?.rootHash ?? null };
      }),
    );
    const at = new Date(Math.floor(now.getTime()));
    const statement = canonicalJson({ format: PURGE_FORMAT, partition: p.name, from: p.from.toISOString(), to: p.to.toISOString(), decisionCount, checkpoints, at: at.toISOString() });
    await db.$transaction(async (tx) => {
      const purge = await tx.decisionPurge.create({
        data: { partition: p.name, fromAt: p.from, toAt: p.to, decisionCount, checkpoints, statement, signature: signBytes(statement), at },
        select: { id: true },
      });
      await tx.$executeRawUnsafe(`DROP TABLE "${p.name}"`);
      for (const orgId of orgIds) {
        await recordEvent(tx, { ...actor, orgId }, {
          action: 'decision-log.partition-purged',
          entityType: 'DecisionPurge',
          entityId: purge.id,
          changes: { partition: p.name, from: p.from, to: p.to, decisionCount, publicKey: publicKeyPem() },
        });
      }
    });
    forgetPartition(p.name);
    done.push({ partition: p.name, decisionCount });
  }
  return done;
}
