import 'server-only';
import { checkOutboundUrl, allowedOutboundHosts, TargetRefused } from '@/lib/webhooks/queries';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { authSecret } from '@/lib/env';
import { AppError, forbidden } from '@/lib/errors';
import { sealSecret } from '@/lib/secrets';
import { queueUnpushed, type EnqueuePush } from './push';
import { pushTargetSchema, type PushTargetInput } from './schema';

// The decision log's push settings: the S3-compatible bucket that receives a
// copy of every signed checkpoint. Set by administrators in a browser only
// (like webhooks: where the proof is sent, and with which keys, is not a
// token's to change). The secret is sealed and never read back out.

export const SECRET_PURPOSE = 'decision-push-s3-secret';

export function authorizePushAdmin(actor: Actor | null | undefined): Actor & { userId: string } {
  const a = authorize(actor, 'settings:manage');
  if (a.kind !== 'user' || !a.userId) throw forbidden('The checkpoint push is configured by signed-in administrators only.');
  return a as Actor & { userId: string };
}

export const canManagePush = (actor: Actor) => actor.kind === 'user' && can(actor, 'settings:manage');

export type PushTargetView = {
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  pathStyle: boolean;
  accessKeyId: string;
  /** Whether a secret is stored; the secret itself never leaves the server. */
  secretSet: boolean;
  updatedAt: string;
};

const VIEW = { endpoint: true, region: true, bucket: true, prefix: true, pathStyle: true, accessKeyId: true, updatedAt: true } as const;
const toView = (r: { endpoint: string; region: string; bucket: string; prefix: string; pathStyle: boolean; accessKeyId: string; updatedAt: Date }): PushTargetView => ({
  endpoint: r.endpoint,
  region: r.region,
  bucket: r.bucket,
  prefix: r.prefix,
  pathStyle: r.pathStyle,
  accessKeyId: r.accessKeyId,
  secretSet: true,
  updatedAt: r.updatedAt.toISOString(),
});

/** The bucket settings as the settings form shows them (administrators only). */
export async function getPushTarget(actor: Actor): Promise<PushTargetView | null> {
  const admin = authorizePushAdmin(actor);
  const row = await db.decisionPushTarget.findUnique({ where: { orgId: admin.orgId }, select: VIEW });
  return row ? toView(row) : null;
}

/**
 * Saves the bucket (audited, the secret sealed) and, in the same transaction,
 * queues a push of every checkpoint the bucket does not hold yet: a bucket
 * configured after checkpoints exist receives all of them.
 */
export async function savePushTarget(actor: Actor, input: PushTargetInput, enqueue?: EnqueuePush): Promise<PushTargetView & { queued: number }> {
  const admin = authorizePushAdmin(actor);
  const data = pushTargetSchema.parse(input);
  try {
    checkOutboundUrl(data.endpoint, await allowedOutboundHosts(admin.orgId));
  } catch (error) {
    if (error instanceof TargetRefused) throw new AppError('VALIDATION', error.message, { fieldErrors: { endpoint: [error.message] } });
    throw error;
  }
  return db.$transaction(async (tx) => {
    const before = await tx.decisionPushTarget.findUnique({ where: { orgId: admin.orgId }, select: VIEW });
    if (!before && !data.secretAccessKey) {
      throw new AppError('VALIDATION', 'Give the secret access key.', { fieldErrors: { secretAccessKey: ['Give the secret access key'] } });
    }
    const fields = {
      endpoint: data.endpoint.replace(/\/+$/, ''),
      region: data.region,
      bucket: data.bucket,
      prefix: data.prefix,
      pathStyle: data.pathStyle,
      accessKeyId: data.accessKeyId,
      updatedById: admin.userId,
      ...(data.secretAccessKey ? { secretSealed: sealSecret(data.secretAccessKey, authSecret(), SECRET_PURPOSE) } : {}),
    };
    const row = before
      ? await tx.decisionPushTarget.update({ where: { orgId: admin.orgId }, data: fields, select: VIEW })
      : await tx.decisionPushTarget.create({ data: { orgId: admin.orgId, ...fields, secretSealed: fields.secretSealed! }, select: VIEW });
    const queued = await queueUnpushed(tx, admin.orgId, enqueue);
    const shown = (v: typeof row) => ({ endpoint: v.endpoint, region: v.region, bucket: v.bucket, prefix: v.prefix, pathStyle: v.pathStyle, accessKeyId: v.accessKeyId });
    await recordEvent(tx, admin, {
      action: 'decision-push-target.saved',
      entityType: 'DecisionPushTarget',
      entityId: admin.orgId,
      before: before ? shown(before) : undefined,
      after: { ...shown(row), secretChanged: Boolean(data.secretAccessKey), queued },
    });
    return { ...toView(row), queued };
  });
}

/** Stops the push (audited). Objects already in the bucket stay there; queued pushes find no bucket and fail, saying so. */
export async function removePushTarget(actor: Actor): Promise<{ removed: boolean }> {
  const admin = authorizePushAdmin(actor);
  return db.$transaction(async (tx) => {
    const before = await tx.decisionPushTarget.findUnique({ where: { orgId: admin.orgId }, select: VIEW });
    if (!before) return { removed: false };
    await tx.decisionPushTarget.delete({ where: { orgId: admin.orgId } });
    await recordEvent(tx, admin, {
      action: 'decision-push-target.removed',
      entityType: 'DecisionPushTarget',
      entityId: admin.orgId,
      before: { endpoint: before.endpoint, region: before.region, bucket: before.bucket, prefix: before.prefix, pathStyle: before.pathStyle, accessKeyId: before.accessKeyId },
    });
    return { removed: true };
  });
}
