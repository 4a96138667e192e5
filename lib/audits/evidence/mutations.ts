import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { assertInOrg } from '@/lib/auth/org';
import { personBehind } from '@/lib/auth/person';
import { auditorScope, evidenceWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { safeFileName } from '@/lib/file-name';
import { submitEvidenceForRequest } from '../requests/mutations';
import { authorizeLinks, linkTargets } from './capabilities';
import { evidenceOwners, withdrawProblem } from './rules';
import { evidenceMetaSchema, withdrawEvidenceSchema, type EvidenceMetaInput, type WithdrawEvidenceInput } from './schema';
import { evidenceStore } from './storage';
import { stageEvidenceFile, type StagedFile } from './upload';

// The S3 client other domains push their own objects with (the decision log's checkpoints): one SigV4 client in the portal.
export { S3Error, S3Store } from './storage';
export type { S3Config } from './config';

// For another domain that keeps its own files in evidence storage until they
// become evidence (a vendor's questionnaire documents, lib/vendors/documents.ts).
export { formatBytes } from './file-type';
export { stageEvidenceFile, storedEvidenceFile, type StagedFile } from './upload';
export { evidenceFileSink } from './form';

/** Removes a stored file that no record refers to any more (a vendor's document removed from its draft). */
export async function deleteStoredFile(storageKey: string): Promise<void> {
  await evidenceStore().delete(storageKey);
}

/** A file given whole (seeds, tests, small callers); uploads arrive as a StagedFile streamed by the form reader. */
export type UploadedFile = { name: string; bytes: Buffer };

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const asDate = (d: string) => new Date(`${d}T00:00:00.000Z`);
const isStaged = (file: UploadedFile | StagedFile): file is StagedFile => 'storageKey' in file;

/**
 * Records evidence: a file (checked by content, hashed, stored through the
 * storage driver) or a link. Compliance and admins may add any evidence;
 * owners may add evidence to what they own or were asked for. A streamed
 * upload is already staged in storage: it is published only once every check
 * has passed, and removed on any refusal.
 */
export async function addEvidence(actor: Actor, input: EvidenceMetaInput | Record<string, unknown>, file?: UploadedFile | StagedFile | null) {
  let staged = file && isStaged(file) ? file : null;
  let meta: ReturnType<typeof evidenceMetaSchema.parse>;
  try {
    meta = evidenceMetaSchema.parse(input);
    if (!file && !meta.url) throw new AppError('VALIDATION', 'Attach a file or give a link.', { fieldErrors: { file: ['Attach a file or give a link'] } });
    if (file && meta.url) throw new AppError('VALIDATION', 'Give either a file or a link, not both.', { fieldErrors: { url: ['Remove the link or the file'] } });
    // Everything that can be refused is checked before a file is published.
    authorizeLinks(actor, await linkTargets(db, actor.orgId, meta));
    if (file && !staged) staged = await stageEvidenceFile(actor.orgId, file.name, Readable.from([(file as UploadedFile).bytes]));
  } catch (error) {
    await staged?.discard().catch(() => undefined);
    throw error;
  }
  const id = staged?.id ?? `ev_${randomBytes(12).toString('hex')}`;
  const storageKey = staged?.storageKey ?? null;
  const hash = staged?.sha256 ?? null;
  const contentType = staged?.contentType ?? null;
  // Stored as it will be served: one path segment, no control characters.
  const fileName = staged ? safeFileName(staged.name, 'upload') : null;
  try {
    return await db.$transaction(async (tx) => {
      authorizeLinks(actor, await linkTargets(tx, actor.orgId, meta));
      await assertInOrg(tx, actor.orgId, 'requirementIds', 'requirement', meta.requirementIds);
      await assertInOrg(tx, actor.orgId, 'cellIds', 'matrixCell', meta.cellIds);
      await assertInOrg(tx, actor.orgId, 'controlIds', 'control', meta.controlIds);
      await assertInOrg(tx, actor.orgId, 'findingIds', 'finding', meta.findingIds);
      await assertInOrg(tx, actor.orgId, 'modelVersionIds', 'modelVersion', meta.modelVersionIds);
      if (meta.ownerId && !(await tx.user.findFirst({ where: { id: meta.ownerId, orgId: actor.orgId, active: true }, select: { id: true } }))) {
        throw new AppError('VALIDATION', 'Unknown owner.', { fieldErrors: { ownerId: ['Unknown user'] } });
      }
      const request = meta.requestId
        ? await tx.evidenceRequest.findFirst({ where: { id: meta.requestId, orgId: actor.orgId }, select: { id: true, status: true, requirementId: true, findingId: true } })
        : null;
      if (meta.requestId && !request) throw new AppError('VALIDATION', 'Unknown evidence request.', { fieldErrors: { requestId: ['Unknown request'] } });
      if (request && !['OPEN', 'REJECTED'].includes(request.status)) throw new AppError('CONFLICT', 'This evidence request is not waiting for evidence.');
      const requirementIds = [...new Set([...meta.requirementIds, ...(request?.requirementId ? [request.requirementId] : [])])];
      const findingIds = [...new Set([...meta.findingIds, ...(request?.findingId ? [request.findingId] : [])])];
      const evidence = await tx.evidence.create({
        data: {
          id,
          orgId: actor.orgId,
          title: meta.title,
          description: meta.description ?? null,
          kind: staged ? 'FILE' : 'LINK',
          url: meta.url ?? null,
          fileName,
          contentType,
          size: staged?.size ?? null,
          sha256: hash,
          storageKey,
          ownerId: meta.ownerId ?? actor.userId,
          collectedById: actor.userId,
          collectedAt: meta.collectedAt ? asDate(meta.collectedAt) : new Date(),
          validUntil: meta.validUntil ? asDate(meta.validUntil) : null,
          requirements: { create: requirementIds.map((requirementId) => ({ requirementId })) },
          cells: { create: [...new Set(meta.cellIds)].map((cellId) => ({ cellId })) },
          controls: { create: [...new Set(meta.controlIds)].map((controlId) => ({ controlId })) },
          findings: { create: findingIds.map((findingId) => ({ findingId })) },
          versions: { create: [...new Set(meta.modelVersionIds)].map((modelVersionId) => ({ modelVersionId })) },
        },
        select: { id: true, title: true, kind: true, sha256: true, size: true, contentType: true },
      });
      await recordEvent(tx, actor, {
        action: 'evidence.added',
        entityType: 'evidence',
        entityId: id,
        after: {
          title: meta.title,
          kind: evidence.kind,
          fileName,
          contentType,
          size: evidence.size,
          sha256: hash,
          url: meta.url ?? null,
          validUntil: meta.validUntil ?? null,
          requirementIds,
          cellIds: meta.cellIds,
          controlIds: meta.controlIds,
          findingIds,
          modelVersionIds: meta.modelVersionIds,
        },
      });
      if (request) await submitEvidenceForRequest(tx, actor, request, id);
      // Published last, once nothing in the transaction can refuse; a failed commit removes it again.
      if (staged) await staged.commit();
      return evidence;
    });
  } catch (error) {
    await staged?.discard().catch(() => undefined);
    throw error;
  }
}

/**
 * Withdraws evidence (a bad upload, or superseded by newer evidence): the
 * record and its file stay for history and the audit trail, but it leaves
 * evidence packs and is shown as withdrawn.
 */
export async function withdrawEvidence(actor: Actor, input: WithdrawEvidenceInput) {
  const data = withdrawEvidenceSchema.parse(input);
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Evidence" WHERE "id" = ${data.id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
    if (!locked.length) throw notFound('The evidence');
    const scope = await auditorScope(actor);
    const e = await tx.evidence.findFirst({
      where: { AND: [{ id: data.id, orgId: actor.orgId }, evidenceWhere(scope)] },
      select: { id: true, title: true, ownerId: true, collectedById: true, withdrawnAt: true },
    });
    if (!e) throw notFound('The evidence');
    authorize(actor, 'evidence:write', evidenceOwners(e));
    const problem = withdrawProblem(e);
    if (problem) throw new AppError('CONFLICT', problem);
    if (data.supersededById === e.id) throw new AppError('VALIDATION', 'Evidence cannot supersede itself.', { fieldErrors: { supersededById: ['Choose other evidence'] } });
    await assertInOrg(tx, actor.orgId, 'supersededById', 'evidence', [data.supersededById], { message: 'Unknown evidence.', field: 'Unknown evidence' });
    const withdrawnAt = new Date();
    const withdrawnById = await personBehind(tx, actor);
    await tx.evidence.update({ where: { id: e.id }, data: { withdrawnAt, withdrawnById, withdrawnReason: data.reason, supersededById: data.supersededById ?? null } });
    await recordEvent(tx, actor, {
      action: data.supersededById ? 'evidence.superseded' : 'evidence.withdrawn',
      entityType: 'evidence',
      entityId: e.id,
      changes: { withdrawnAt: { from: null, to: withdrawnAt.toISOString() }, supersededById: data.supersededById ?? null },
      reason: data.reason,
    });
    return { id: e.id, title: e.title, withdrawnAt: withdrawnAt.toISOString(), supersededById: data.supersededById ?? null };
  });
}

export type EvidenceDownload =
  | { kind: 'LINK'; url: string; title: string }
  | { kind: 'FILE'; bytes: Buffer; fileName: string; contentType: string; sha256: string };

/** Loads a stored file and re-checks its SHA-256; a mismatch is tampering. */
export async function readVerifiedFile(actor: Actor, e: { id: string; storageKey: string; sha256: string }): Promise<Buffer> {
  const bytes = await evidenceStore().get(e.storageKey);
  const actual = sha256(bytes);
  if (actual !== e.sha256) {
    await db.$transaction((tx) =>
      recordEvent(tx, actor, {
        action: 'evidence.tampering_detected',
        entityType: 'evidence',
        entityId: e.id,
        changes: { expectedSha256: e.sha256, actualSha256: actual, size: bytes.length },
        reason: 'The stored file does not match the SHA-256 recorded at upload',
      }),
    );
    throw new AppError('CONFLICT', 'Integrity check failed: the stored file does not match the SHA-256 recorded when it was uploaded. The download is blocked and the tampering has been recorded in the audit trail.', {
      details: { tampered: true, evidenceId: e.id },
    });
  }
  return bytes;
}

/** Every access, file or link, is recorded in the audit trail. */
export async function downloadEvidence(actor: Actor, id: string): Promise<EvidenceDownload> {
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const e = await db.evidence.findFirst({
    where: { AND: [{ id, orgId: actor.orgId }, evidenceWhere(scope)] },
    select: { id: true, title: true, kind: true, url: true, fileName: true, contentType: true, sha256: true, storageKey: true },
  });
  if (!e) throw notFound('The evidence');
  if (e.kind === 'LINK') {
    await db.$transaction((tx) => recordEvent(tx, actor, { action: 'evidence.accessed', entityType: 'evidence', entityId: e.id, changes: { url: e.url } }));
    return { kind: 'LINK', url: e.url!, title: e.title };
  }
  const bytes = await readVerifiedFile(actor, { id: e.id, storageKey: e.storageKey!, sha256: e.sha256! });
  await db.$transaction((tx) =>
    recordEvent(tx, actor, { action: 'evidence.downloaded', entityType: 'evidence', entityId: e.id, changes: { fileName: e.fileName, sha256: e.sha256, size: bytes.length } }),
  );
  return { kind: 'FILE', bytes, fileName: e.fileName ?? `${e.id}.bin`, contentType: e.contentType ?? 'application/octet-stream', sha256: e.sha256! };
}
