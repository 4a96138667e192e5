import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { objectLocation, checkpointObjectKey } from './push';
import { canManagePush } from './push-target';

// The checkpoints screen's read: the signed checkpoints, newest first, each
// with its push to the configured bucket (pushed, pending, failed with S3's
// error, or not queued). Reads only; the push job writes the outcomes.

export const CHECKPOINT_PAGE_SIZE = 50;

export type CheckpointPushState = 'PUSHED' | 'PENDING' | 'FAILED' | 'NOT_QUEUED';

export type CheckpointRow = {
  id: string;
  treeSize: number;
  decisionCount: number;
  rootHash: string;
  issuedAt: string;
  push: { state: CheckpointPushState; objectKey: string; attempts: number; pushedAt: string | null; etag: string | null; lastError: string | null; lastAttemptAt: string | null } | null;
};

export type CheckpointPage = {
  items: CheckpointRow[];
  next: string | null;
  first: boolean;
  bucket: { bucket: string; endpointHost: string } | null;
  counts: Record<CheckpointPushState, number>;
  capabilities: { configurePush: boolean; pushNow: boolean };
};

export async function listCheckpoints(actor: Actor, q: { cursor?: string } = {}): Promise<CheckpointPage> {
  const a = authorize(actor, 'decisions:read');
  const before = q.cursor && /^\d{1,12}$/.test(q.cursor) ? Number(q.cursor) : null;
  const [rows, target] = await Promise.all([
    db.decisionCheckpoint.findMany({
      where: { orgId: a.orgId, ...(before !== null ? { treeSize: { lt: before } } : {}) },
      orderBy: { treeSize: 'desc' },
      take: CHECKPOINT_PAGE_SIZE + 1,
      select: { id: true, treeSize: true, decisionCount: true, rootHash: true, issuedAt: true },
    }),
    db.decisionPushTarget.findUnique({ where: { orgId: a.orgId }, select: { endpoint: true, bucket: true, prefix: true } }),
  ]);
  const page = rows.slice(0, CHECKPOINT_PAGE_SIZE);
  const locations = target ? page.map((r) => objectLocation(target, checkpointObjectKey(target.prefix, a.orgId, r.treeSize))) : [];
  const pushes = target
    ? await db.decisionCheckpointPush.findMany({
        where: { orgId: a.orgId, checkpointId: { in: page.map((r) => r.id) }, location: { in: locations } },
        select: { checkpointId: true, location: true, status: true, objectKey: true, attempts: true, pushedAt: true, etag: true, lastError: true, lastAttemptAt: true },
      })
    : [];
  const byCheckpoint = new Map(pushes.map((p) => [`${p.checkpointId} ${p.location}`, p]));
  const counts: Record<CheckpointPushState, number> = { PUSHED: 0, PENDING: 0, FAILED: 0, NOT_QUEUED: 0 };
  if (target) {
    const origin = `${new URL(target.endpoint).origin}/${target.bucket}/`;
    const keyHead = `${[target.prefix, a.orgId, 'checkpoints'].filter(Boolean).join('/')}/`;
    const [grouped, total] = await Promise.all([
      db.decisionCheckpointPush.groupBy({ by: ['status'], where: { orgId: a.orgId, location: { startsWith: origin }, objectKey: { startsWith: keyHead } }, _count: { _all: true } }),
      db.decisionCheckpoint.count({ where: { orgId: a.orgId } }),
    ]);
    for (const g of grouped) counts[g.status] = g._count._all;
    counts.NOT_QUEUED = Math.max(0, total - counts.PUSHED - counts.PENDING - counts.FAILED);
  }
  const manage = canManagePush(actor);
  return {
    items: page.map((r, i) => {
      const p = target ? byCheckpoint.get(`${r.id} ${locations[i]}`) : undefined;
      return {
        id: r.id,
        treeSize: r.treeSize,
        decisionCount: r.decisionCount,
        rootHash: r.rootHash,
        issuedAt: r.issuedAt.toISOString(),
        push: !target
          ? null
          : p
            ? { state: p.status, objectKey: p.objectKey, attempts: p.attempts, pushedAt: p.pushedAt?.toISOString() ?? null, etag: p.etag, lastError: p.lastError, lastAttemptAt: p.lastAttemptAt?.toISOString() ?? null }
            : { state: 'NOT_QUEUED', objectKey: checkpointObjectKey(target.prefix, a.orgId, r.treeSize), attempts: 0, pushedAt: null, etag: null, lastError: null, lastAttemptAt: null },
      };
    }),
    next: rows.length > CHECKPOINT_PAGE_SIZE ? String(page[page.length - 1].treeSize) : null,
    first: before === null,
    bucket: target ? { bucket: target.bucket, endpointHost: new URL(target.endpoint).host } : null,
    counts,
    capabilities: { configurePush: manage, pushNow: manage && Boolean(target) },
  };
}
