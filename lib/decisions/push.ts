import 'server-only';
import { fromPrisma } from 'pg-boss';
import { S3Error, S3Store } from '@/lib/audits/evidence/mutations';
import { allowedOutboundHosts, guardedFetch, TargetRefused } from '@/lib/webhooks/queries';
import type { Actor } from '@/lib/auth/actor';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { authSecret } from '@/lib/env';
import { openSecret } from '@/lib/secrets';
import { authorizePushAdmin, SECRET_PURPOSE } from './push-target';

// The checkpoint push to an S3-compatible bucket: one object per signed
// checkpoint, written by the decisions.push-checkpoint job (never inside the
// checkpoint's transaction, which only queues it). 5xx answers and network
// errors are retried by the queue with back-off; a refusal (4xx: a wrong
// key, a missing bucket) or a refused address fails at once, with S3's
// error kept for the screen, until an administrator pushes again.

export const PUSH_JOB = 'decisions.push-checkpoint';
/** 30 s, 1, 2, 4, 8, 16 min (capped at an hour): about half an hour of retries. */
export const PUSH_RETRY = { limit: 6, delaySeconds: 30, maxDelaySeconds: 3600 };
export const CHECKPOINT_OBJECT_FORMAT = 'agp-decision-checkpoint/1';

type Target = { endpoint: string; region: string; bucket: string; prefix: string; pathStyle: boolean; accessKeyId: string; secretSealed: string };

/** The object's key: `<prefix>/<orgId>/checkpoints/<treeSize, 12 digits>.json`, so keys sort as the log grows. */
export function checkpointObjectKey(prefix: string, orgId: string, treeSize: number): string {
  return [prefix, orgId, 'checkpoints', `${String(treeSize).padStart(12, '0')}.json`].filter(Boolean).join('/');
}

/** Where an object lives, whatever the addressing style: the endpoint's origin, bucket and key (never credentials). */
export function objectLocation(target: Pick<Target, 'endpoint' | 'bucket'>, key: string): string {
  return `${new URL(target.endpoint).origin}/${target.bucket}/${key}`;
}

type CheckpointFields = { orgId: string; treeSize: number; decisionCount: number; rootHash: string; issuedAt: Date; statement: string; signature: string; publicKey: string };

/** What the bucket holds for one checkpoint: the signed statement and what checks it, nothing else. */
export function checkpointObject(c: CheckpointFields) {
  return {
    format: CHECKPOINT_OBJECT_FORMAT,
    orgId: c.orgId,
    treeSize: c.treeSize,
    decisionCount: c.decisionCount,
    rootHash: c.rootHash,
    issuedAt: c.issuedAt.toISOString(),
    statement: c.statement,
    signature: c.signature,
    publicKey: c.publicKey,
  };
}

/** Queues the push jobs in the caller's transaction, so a rolled-back write queues nothing. */
export type EnqueuePush = (tx: Tx, pushIds: string[]) => Promise<void>;

export const enqueuePushWithBoss: EnqueuePush = async (tx, pushIds) => {
  if (!pushIds.length) return;
  // Imported on use: lib/jobs/registry imports this domain.
  const { jobBoss } = await import('@/lib/jobs/instance');
  const boss = await jobBoss();
  await boss.insert(PUSH_JOB, pushIds.map((pushId) => ({ data: { pushId } })), { db: fromPrisma(tx) });
};

/** In the checkpoint's transaction: a push row for the configured bucket, and its job. Nothing when no bucket is set. */
export async function queueCheckpointPush(tx: Tx, checkpoint: { id: string; orgId: string; treeSize: number }, enqueue: EnqueuePush = enqueuePushWithBoss): Promise<string | null> {
  const target = await tx.decisionPushTarget.findUnique({ where: { orgId: checkpoint.orgId }, select: { endpoint: true, bucket: true, prefix: true } });
  if (!target) return null;
  const objectKey = checkpointObjectKey(target.prefix, checkpoint.orgId, checkpoint.treeSize);
  const row = await tx.decisionCheckpointPush.create({
    data: { orgId: checkpoint.orgId, checkpointId: checkpoint.id, treeSize: checkpoint.treeSize, location: objectLocation(target, objectKey), objectKey },
    select: { id: true },
  });
  await enqueue(tx, [row.id]);
  return row.id;
}

/**
 * Every checkpoint of the organisation not yet in the configured bucket gets
 * a push row (a bucket set after checkpoints exist receives all of them),
 * failed ones are tried again, and a job is queued for each. In the caller's
 * transaction; returns how many were queued.
 */
export async function queueUnpushed(tx: Tx, orgId: string, enqueue: EnqueuePush = enqueuePushWithBoss): Promise<number> {
  const target = await tx.decisionPushTarget.findUnique({ where: { orgId }, select: { endpoint: true, bucket: true, prefix: true } });
  if (!target) return 0;
  // Keys and locations from the same two functions a checkpoint's own push uses.
  const checkpoints = await tx.decisionCheckpoint.findMany({ where: { orgId }, select: { id: true, treeSize: true } });
  await tx.decisionCheckpointPush.createMany({
    data: checkpoints.map((c) => {
      const objectKey = checkpointObjectKey(target.prefix, orgId, c.treeSize);
      return { orgId, checkpointId: c.id, treeSize: c.treeSize, location: objectLocation(target, objectKey), objectKey };
    }),
    skipDuplicates: true,
  });
  // This bucket's folder of checkpoints: every key above, without its file name.
  const folder = objectLocation(target, checkpointObjectKey(target.prefix, orgId, 0).replace(/[^/]*$/, ''));
  const here = { orgId, location: { startsWith: folder } };
  await tx.decisionCheckpointPush.updateMany({ where: { ...here, status: 'FAILED' }, data: { status: 'PENDING', lockedUntil: null } });
  const pending = await tx.decisionCheckpointPush.findMany({ where: { ...here, status: 'PENDING' }, select: { id: true }, orderBy: { treeSize: 'asc' } });
  await enqueue(tx, pending.map((p) => p.id));
  return pending.length;
}

/** "Push now" on the checkpoints screen: queues every checkpoint not yet in the bucket (failed ones again); audited. */
export async function pushCheckpointsNow(actor: Actor, enqueue: EnqueuePush = enqueuePushWithBoss): Promise<{ queued: number }> {
  const admin = authorizePushAdmin(actor);
  return db.$transaction(async (tx) => {
    const target = await tx.decisionPushTarget.findUnique({ where: { orgId: admin.orgId }, select: { orgId: true } });
    if (!target) return { queued: 0 };
    const queued = await queueUnpushed(tx, admin.orgId, enqueue);
    await recordEvent(tx, admin, { action: 'decision-checkpoint.push_requested', entityType: 'DecisionPushTarget', entityId: admin.orgId, changes: { queued } });
    return { queued };
  });
}

export type PushAttempt = { retryCount: number; retryLimit: number; now?: Date };
export type PushOutcome = { status: 'pushed' | 'failed' | 'retrying' | 'skipped'; pushId: string; etag?: string | null; error?: string };

/** Whether another attempt can succeed: S3's 5xx (and 408/429 throttling) and network errors; not a refusal or a refused address. */
function retryable(error: unknown): boolean {
  if (error instanceof S3Error) return error.status >= 500 || error.status === 408 || error.status === 429;
  return !(error instanceof TargetRefused);
}

/**
 * The job's work for one push row: claims it (so two runs never send it at
 * once), PUTs the checkpoint object signed with SigV4 through the outbound
 * guard, and records the answer. Throws on a retryable failure that has
 * attempts left, so the queue retries it with back-off.
 */
export async function pushCheckpointObject(pushId: string, attempt: PushAttempt, opts: { fetch?: typeof fetch } = {}): Promise<PushOutcome> {
  const now = attempt.now ?? new Date();
  const claimed = await db.decisionCheckpointPush.updateMany({
    where: { id: pushId, status: { not: 'PUSHED' }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + 5 * 60_000) },
  });
  if (!claimed.count) return { status: 'skipped', pushId };
  const row = await db.decisionCheckpointPush.findUniqueOrThrow({ where: { id: pushId }, select: { id: true, orgId: true, checkpointId: true, location: true, objectKey: true } });
  const [checkpoint, target] = await Promise.all([
    db.decisionCheckpoint.findFirstOrThrow({
      where: { id: row.checkpointId, orgId: row.orgId },
      select: { orgId: true, treeSize: true, decisionCount: true, rootHash: true, issuedAt: true, statement: true, signature: true, publicKey: true },
    }),
    db.decisionPushTarget.findUnique({ where: { orgId: row.orgId } }),
  ]);
  const fail = async (error: string) => {
    await db.decisionCheckpointPush.update({ where: { id: pushId }, data: { status: 'FAILED', lastError: error.slice(0, 1000), lockedUntil: null } });
    return { status: 'failed' as const, pushId, error };
  };
  if (!target || objectLocation(target, row.objectKey) !== row.location) return fail('Not pushed: the bucket settings changed since it was queued; the new settings queue their own push.');

  let secretAccessKey: string;
  try {
    secretAccessKey = openSecret(target.secretSealed, authSecret(), SECRET_PURPOSE);
  } catch {
    return fail('Not pushed: the stored secret access key cannot be opened (the portal secret changed?); save the bucket settings again with the secret.');
  }
  const bytes = Buffer.from(`${JSON.stringify(checkpointObject(checkpoint), null, 2)}\n`);
  const store = new S3Store(
    { endpoint: target.endpoint, bucket: target.bucket, region: target.region, accessKeyId: target.accessKeyId, secretAccessKey, pathStyle: target.pathStyle },
    opts.fetch ?? guardedFetch({ allowedHosts: await allowedOutboundHosts(row.orgId) }),
  );
  try {
    const { etag } = await store.putObject(row.objectKey, bytes, 'application/json');
    await db.decisionCheckpointPush.update({
      where: { id: pushId },
      data: { status: 'PUSHED', pushedAt: new Date(), etag, attempts: { increment: 1 }, lastAttemptAt: now, lastError: null, lockedUntil: null },
    });
    return { status: 'pushed', pushId, etag };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const again = retryable(error) && attempt.retryCount < attempt.retryLimit;
    await db.decisionCheckpointPush.update({
      where: { id: pushId },
      data: { status: again ? 'PENDING' : 'FAILED', attempts: { increment: 1 }, lastAttemptAt: now, lastError: message, lockedUntil: null },
    });
    if (again) throw error;
    return { status: 'failed', pushId, error: message };
  }
}
