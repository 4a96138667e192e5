import 'server-only';
import type { z } from 'zod';
import { multipartFields, readMultipartStream } from '@/lib/api/multipart';
import { parseOrThrow } from '@/lib/api/zod-errors';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { deleteStoredFile, evidenceFileSink, formatBytes, readVerifiedFile } from '@/lib/audits/evidence/mutations';
import { db, type Tx } from '@/lib/db';
import { errorResponse } from '@/lib/api/route';
import { AppError, logUnexpected, notFound, toPublicError } from '@/lib/errors';
import { landLink } from '@/lib/links/landing';
import { LinkRefusedError, useLink, type ResolvedLink } from '@/lib/links/links';
import { linkPath } from '@/lib/links/purposes';
import { VENDOR_DOCUMENT_MAX_BYTES, VENDOR_DOCUMENT_TYPES, VENDOR_QUESTIONNAIRE_DOCUMENTS_MAX_BYTES, VENDOR_QUESTIONNAIRE_MAX_DOCUMENTS } from './document-limits';
import { attachDocumentFieldsSchema, removeDocumentByLinkSchema } from './schema';
import { questionKeys, templateByKey } from './templates';

// Documents a vendor attaches to answers through the questionnaire's link.
// They go into the evidence store the way evidence uploads do (type from the
// content, SHA-256 while streaming, nothing left behind on a refusal), are
// kept with the draft, and become evidence when compliance completes the review.

const ENTITY = 'vendor_questionnaire';

/** The questionnaire of a link, locked for this transaction, still open for answers. */
async function openQuestionnaire(tx: Tx, link: ResolvedLink) {
  await tx.$queryRaw`SELECT "id" FROM "VendorQuestionnaire" WHERE "id" = ${link.subjectId} AND "orgId" = ${link.orgId} FOR UPDATE`;
  const q = await tx.vendorQuestionnaire.findFirst({ where: { id: link.subjectId, orgId: link.orgId }, select: { id: true, status: true, templateKey: true } });
  if (!q) throw new AppError('NOT_FOUND', 'The questionnaire was not found.');
  if (q.status !== 'SENT') throw new AppError('CONFLICT', 'This questionnaire has already been submitted and cannot be changed.');
  return q;
}

/**
 * POST /l/questionnaire/<token>/documents: one file (field `file`) for one
 * question (field `question`). The link is checked (throttled) before a byte
 * is read, so an expired, revoked or used link stores nothing; then again
 * under its row lock in the transaction that records the document, which
 * also holds the questionnaire's total to its limit. The file is published
 * in storage only once that transaction can no longer refuse.
 */
export async function attachDocumentByLink(req: Request, token: string, meta: RequestMeta) {
  const landed = await landLink(token, 'vendor_questionnaire', meta);
  if (!landed.ok) throw new LinkRefusedError(landed.reason);
  const orgId = landed.link.orgId;

  const sink = evidenceFileSink(orgId, 'document', { allowedTypes: VENDOR_DOCUMENT_TYPES, maxBytes: VENDOR_DOCUMENT_MAX_BYTES });
  const body = await readMultipartStream(req, { fileBytes: VENDOR_DOCUMENT_MAX_BYTES, files: 1, fields: 10, what: 'Questionnaire documents' }, sink);
  const staged = body.files.find(Boolean) ?? null;
  try {
    const { question } = parseOrThrow(attachDocumentFieldsSchema, multipartFields(body), 'upload');
    if (!staged) throw new AppError('VALIDATION', 'Choose a file to attach.', { fieldErrors: { file: ['Choose a file to attach'] } });
    return await db.$transaction(async (tx) => {
      const { link, actor } = await useLink(tx, token, 'vendor_questionnaire', meta, { action: 'attach_document' });
      const q = await openQuestionnaire(tx, link);
      const template = templateByKey(q.templateKey);
      if (!template) throw new AppError('CONFLICT', 'This questionnaire’s template is no longer available.');
      if (!questionKeys(template).includes(question)) throw new AppError('VALIDATION', 'This questionnaire has no such question.', { fieldErrors: { question: ['Unknown question'] } });
      const held = await tx.vendorDocument.aggregate({ where: { questionnaireId: q.id }, _sum: { size: true }, _count: true });
      if (held._count >= VENDOR_QUESTIONNAIRE_MAX_DOCUMENTS) {
        throw new AppError('VALIDATION', `A questionnaire takes at most ${VENDOR_QUESTIONNAIRE_MAX_DOCUMENTS} documents; remove one first.`, { fieldErrors: { file: [`At most ${VENDOR_QUESTIONNAIRE_MAX_DOCUMENTS} documents`] } });
      }
      const used = held._sum.size ?? 0;
      if (used + staged.size > VENDOR_QUESTIONNAIRE_DOCUMENTS_MAX_BYTES) {
        const message = `The documents of a questionnaire are limited to ${formatBytes(VENDOR_QUESTIONNAIRE_DOCUMENTS_MAX_BYTES)} in all; ${formatBytes(used)} are attached already and this file is ${formatBytes(staged.size)}.`;
        throw new AppError('PAYLOAD_TOO_LARGE', message, { fieldErrors: { file: [message] } });
      }
      const doc = await tx.vendorDocument.create({
        data: { questionnaireId: q.id, questionKey: question, fileName: staged.name, contentType: staged.contentType, size: staged.size, sha256: staged.sha256, storageKey: staged.storageKey },
        select: { id: true, questionKey: true, fileName: true, contentType: true, size: true, sha256: true },
      });
      await recordEvent(tx, actor, { action: 'vendor.questionnaire_document_attached', entityType: ENTITY, entityId: q.id, changes: { documentId: doc.id, questionKey: question, fileName: doc.fileName, contentType: doc.contentType, size: doc.size, sha256: doc.sha256 } });
      await staged.commit();
      return doc;
    });
  } catch (error) {
    await staged?.discard().catch(() => undefined);
    throw error;
  }
}

/** The vendor removes a document from the draft (its own questionnaire's only); the stored file goes with it. */
export async function removeDocumentByLink(input: z.input<typeof removeDocumentByLinkSchema>, meta: RequestMeta) {
  const data = removeDocumentByLinkSchema.parse(input);
  const removed = await db.$transaction(async (tx) => {
    const { link, actor } = await useLink(tx, data.token, 'vendor_questionnaire', meta, { action: 'remove_document' });
    const q = await openQuestionnaire(tx, link);
    // The questionnaire is the link's subject: a document of another one is not found.
    const doc = await tx.vendorDocument.findFirst({ where: { id: data.documentId, questionnaireId: q.id }, select: { id: true, questionKey: true, fileName: true, sha256: true, storageKey: true } });
    if (!doc) throw new AppError('NOT_FOUND', 'The document was not found.');
    await tx.vendorDocument.delete({ where: { id: doc.id } });
    await recordEvent(tx, actor, { action: 'vendor.questionnaire_document_removed', entityType: ENTITY, entityId: q.id, changes: { documentId: doc.id, questionKey: doc.questionKey, fileName: doc.fileName, sha256: doc.sha256 } });
    return doc;
  });
  // After the commit: a failed delete leaves an unreferenced object, never a record without its file.
  await deleteStoredFile(removed.storageKey).catch((error: unknown) => logUnexpected(error, 'vendor document storage delete'));
  return { id: removed.id, fileName: removed.fileName };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The route's answer. The link page's form sends with script and asks for
 * JSON (the form kit shows the result in place); a browser without script
 * posts the plain form and gets a redirect back to the questionnaire, or a
 * short page naming what was refused.
 */
export async function attachDocumentResponse(req: Request, token: string, meta: RequestMeta): Promise<Response> {
  const wantsJson = (req.headers.get('accept') ?? '').includes('application/json');
  try {
    const doc = await attachDocumentByLink(req, token, meta);
    if (wantsJson) return Response.json(doc, { status: 201, headers: { 'x-request-id': meta.id, 'cache-control': 'no-store' } });
    return new Response(null, { status: 303, headers: { location: linkPath('vendor_questionnaire', token), 'x-request-id': meta.id } });
  } catch (error) {
    if (wantsJson) return errorResponse(error, meta, 'POST questionnaire document');
    if (!(error instanceof AppError)) logUnexpected(error, 'POST questionnaire document');
    const pub = toPublicError(error);
    const problems = Object.values(pub.fieldErrors ?? {}).flat().filter((m) => m !== pub.message);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Document not attached</title></head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#0f172a"><main><h1>The document was not attached</h1><p role="alert">${escapeHtml(pub.message)}</p>` +
      (problems.length ? `<ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '') +
      `<p><a href="${escapeHtml(linkPath('vendor_questionnaire', token))}">Back to the questionnaire</a></p></main></body></html>`;
    return new Response(html, { status: pub.status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': meta.id } });
  }
}

/**
 * Compliance reads a vendor's document before the review makes it evidence:
 * the questionnaire must be the reader's organisation's, the bytes are
 * checked against the SHA-256 taken at upload, and the read is audited.
 */
export async function downloadVendorDocument(actor: Actor, id: string) {
  authorize(actor, 'vendors:read');
  const d = await db.vendorDocument.findFirst({
    where: { id, questionnaire: { orgId: actor.orgId } },
    select: { id: true, questionnaireId: true, fileName: true, contentType: true, sha256: true, storageKey: true },
  });
  if (!d) throw notFound('The document');
  const bytes = await readVerifiedFile(actor, { id: d.id, storageKey: d.storageKey, sha256: d.sha256 });
  await db.$transaction((tx) =>
    recordEvent(tx, actor, { action: 'vendor.questionnaire_document_downloaded', entityType: ENTITY, entityId: d.questionnaireId, changes: { documentId: d.id, fileName: d.fileName, sha256: d.sha256 } }),
  );
  return { bytes, fileName: d.fileName, contentType: d.contentType, sha256: d.sha256 };
}
