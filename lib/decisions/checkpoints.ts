import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { publishEvent } from '@/lib/events/publish';
import { db } from '@/lib/db';
import { publicKeyPem, signBytes } from '@/lib/signing/keys';
import { batchLeafHash, checkpointStatement, type BatchHeader } from './canonical';
import { merkleRoot, packLevels, treeLevels } from './merkle';
import { queueCheckpointPush } from './push';

// Signed checkpoints (certificate-transparency style): the Merkle root over
// the organisation's batch leaves, its size, the time, and an Ed25519
// signature with the deployment key. Issued by the decisions.checkpoint job
// every 10 minutes and on demand; nothing is issued when no batch is new.

const iso = (d: Date) => d.toISOString();

export async function batchHeaders(orgId: string, treeSize?: number): Promise<BatchHeader[]> {
  const rows = await db.decisionBatch.findMany({
    where: { orgId, ...(treeSize !== undefined ? { seq: { lt: treeSize } } : {}) },
    orderBy: { seq: 'asc' },
    select: { id: true, seq: true, systemId: true, size: true, rootHash: true, firstAt: true, lastAt: true },
  });
  return rows.map((r) => ({ ...r, firstAt: iso(r.firstAt), lastAt: iso(r.lastAt) }));
}

export type CheckpointSummary = { id: string; treeSize: number; decisionCount: number; rootHash: string; issuedAt: Date; created: boolean };

/** A checkpoint over every batch so far (or the latest one when nothing is new). */
export async function issueCheckpoint(actor: Actor, now = new Date()): Promise<CheckpointSummary> {
  authorize(actor, 'decisions:manage');
  const headers = await batchHeaders(actor.orgId);
  const latest = await db.decisionCheckpoint.findFirst({ where: { orgId: actor.orgId }, orderBy: { treeSize: 'desc' }, select: { id: true, treeSize: true, decisionCount: true, rootHash: true, issuedAt: true } });
  if (headers.length === 0 || (latest && latest.treeSize === headers.length)) {
    if (latest) return { ...latest, created: false };
    if (headers.length === 0) return { id: '', treeSize: 0, decisionCount: 0, rootHash: merkleRoot([]).toString('hex'), issuedAt: now, created: false };
  }
  const levels = treeLevels(headers.map(batchLeafHash));
  const body = {
    orgId: actor.orgId,
    treeSize: headers.length,
    decisionCount: headers.reduce((n, h) => n + h.size, 0),
    rootHash: levels[levels.length - 1][0].toString('hex'),
    issuedAt: iso(new Date(Math.floor(now.getTime()))),
  };
  const statement = checkpointStatement(body);
  const signature = signBytes(statement);
  const created = await db.$transaction(async (tx) => {
    const row = await tx.decisionCheckpoint.create({
      data: { ...body, issuedAt: new Date(body.issuedAt), statement, signature, publicKey: publicKeyPem(), treeHashes: new Uint8Array(packLevels(levels)) },
      select: { id: true, treeSize: true, decisionCount: true, rootHash: true, issuedAt: true },
    });
    await recordEvent(tx, actor, { action: 'decision-checkpoint.issued', entityType: 'DecisionCheckpoint', entityId: row.id, changes: { treeSize: body.treeSize, rootHash: body.rootHash } });
    // The push to a second place: subscribed webhook endpoints receive the signed statement through the
    // one delivery path (outbox, Standard Webhooks signature, retries), so the proof does not live only here.
    await publishEvent(tx, actor, {
      type: 'decision_log.checkpoint',
      entity: { type: 'decision_checkpoint', id: row.id },
      data: { title: `${body.treeSize} batches, ${body.decisionCount} decisions`, ...body, statement, signature, publicKey: publicKeyPem() },
    });
    // And to the configured S3-compatible bucket: only queued here (a push row and its job), sent by the job.
    await queueCheckpointPush(tx, { id: row.id, orgId: actor.orgId, treeSize: row.treeSize });
    return row;
  });
  return { ...created, created: true };
}
