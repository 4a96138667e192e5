import 'server-only';
import { createHash } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { publicBaseUrl } from '@/lib/env';
import { AppError, notFound } from '@/lib/errors';
import { issueLink, listLinksFor, revokeLinksFor } from '@/lib/links/links';
import { queueMailTo, type Enqueue } from '@/lib/notifications/mail/outbox';
import { forgetRendered } from './render-cache';
import {
  addTrustDocumentSchema,
  decideTrustRequestSchema,
  listTrustRequestsSchema,
  TRUST_DOCUMENT_TYPES,
  trustDocumentIdSchema,
  type DecideTrustRequestInput,
} from './schema';

// Documents offered on request, and compliance's queue of requests. A
// decision is one transaction: the status, the link (lib/links, single use),
// the mail carrying it (outbox) and the audit event commit together.

const PAGE_SIZE = 25;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A PDF, ZIP (DOCX is a ZIP) or plain text, by its first bytes rather than its name. */
function sniff(bytes: Buffer, declared: string): (typeof TRUST_DOCUMENT_TYPES)[number] | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return declared.includes('wordprocessingml') ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/zip';
  if (!bytes.subarray(0, 4096).includes(0) && declared.startsWith('text/plain')) return 'text/plain';
  return null;
}

export async function addTrustDocument(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'trust:manage');
  const data = addTrustDocumentSchema.parse(input);
  const bytes = Buffer.from(await data.file.arrayBuffer());
  const contentType = sniff(bytes, data.file.type);
  if (!contentType) throw new AppError('VALIDATION', 'Offer a PDF, ZIP, DOCX or plain-text file.', { fieldErrors: { file: ['Not a PDF, ZIP, DOCX or text file'] } });
  const fileName = data.file.name.replace(/[^\w.\- ]+/g, '_').slice(0, 200) || 'document';
  return db.$transaction(async (tx) => {
    const row = await tx.trustDocument.create({
      data: { orgId: actor.orgId, title: data.title, description: data.description, fileName, contentType, size: bytes.length, sha256: sha256(bytes), content: bytes, createdById: actor.userId },
      select: { id: true, title: true, sha256: true },
    });
    await recordEvent(tx, actor, { action: 'trust_document.added', entityType: 'trust_document', entityId: row.id, changes: { title: row.title, fileName, size: bytes.length, sha256: row.sha256 } });
    return row;
  });
}

/** Takes a document off the page: no new requests, and every unused link to it stops working. */
export async function withdrawTrustDocument(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'trust:manage');
  const { id } = trustDocumentIdSchema.parse(input);
  const result = await db.$transaction(async (tx) => {
    const doc = await tx.trustDocument.findFirst({ where: { id, orgId: actor.orgId, withdrawnAt: null }, select: { id: true, title: true } });
    if (!doc) throw notFound('The document');
    await tx.trustDocument.update({ where: { id }, data: { withdrawnAt: new Date() } });
    const requests = await tx.trustDocumentRequest.findMany({ where: { documentId: id, status: { in: ['PENDING', 'APPROVED'] } }, select: { id: true } });
    let revoked = 0;
    for (const r of requests) revoked += await revokeLinksFor(tx, actor, 'trust_document', r.id, 'Document withdrawn');
    await tx.trustDocumentRequest.updateMany({ where: { documentId: id, status: { in: ['PENDING', 'APPROVED'] } }, data: { status: 'REVOKED', decidedAt: new Date(), decidedById: actor.userId } });
    await recordEvent(tx, actor, { action: 'trust_document.withdrawn', entityType: 'trust_document', entityId: id, changes: { title: doc.title, revokedLinks: revoked, closedRequests: requests.length } });
    return { id, revokedLinks: revoked };
  });
  forgetRendered();
  return result;
}

export async function listTrustDocuments(actor: Actor) {
  authorize(actor, 'trust:manage');
  const rows = await db.trustDocument.findMany({
    where: { orgId: actor.orgId, withdrawnAt: null },
    orderBy: { createdAt: 'desc' },
    take: 100,
    select: { id: true, title: true, description: true, fileName: true, size: true, sha256: true, createdAt: true, _count: { select: { requests: true } } },
  });
  return rows.map((d) => ({ id: d.id, title: d.title, description: d.description, fileName: d.fileName, size: d.size, sha256: d.sha256, createdAt: d.createdAt.toISOString(), requests: d._count.requests }));
}

/** Compliance's queue: newest first, one page at a time, with each request's downloads and link state. */
export async function listTrustRequests(actor: Actor, input: Record<string, unknown> = {}) {
  authorize(actor, 'trust:manage');
  const q = listTrustRequestsSchema.parse(input);
  const where = { orgId: actor.orgId, ...(q.status ? { status: q.status } : {}) };
  const [total, rows] = await Promise.all([
    db.trustDocumentRequest.count({ where }),
    db.trustDocumentRequest.findMany({
      where,
      orderBy: { createdAt: 'desc' },
      skip: (q.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true, name: true, company: true, email: true, status: true, ndaVersion: true, ndaSha256: true, createdAt: true, decidedAt: true, decisionNote: true,
        document: { select: { title: true } },
        downloads: { orderBy: { at: 'desc' }, take: 5, select: { at: true, ip: true } },
        _count: { select: { downloads: true } },
      },
    }),
  ]);
  const items = await Promise.all(
    rows.map(async (r) => {
      const link = r.status === 'APPROVED' ? (await listLinksFor(actor.orgId, 'trust_document', r.id))[0] ?? null : null;
      return {
        id: r.id, name: r.name, company: r.company, email: r.email, status: r.status, document: r.document.title,
        ndaVersion: r.ndaVersion, ndaSha256: r.ndaSha256, createdAt: r.createdAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null, note: r.decisionNote,
        downloads: r._count.downloads, lastDownloadAt: r.downloads[0]?.at.toISOString() ?? null,
        link: link ? { state: link.state, expiresAt: link.expiresAt.toISOString() } : null,
        capabilities: { decide: r.status === 'PENDING', revoke: r.status === 'APPROVED' && link?.state === 'active' },
      };
    }),
  );
  return { items, total, page: q.page, pageSize: PAGE_SIZE };
}

function approvalMail(orgName: string, doc: string, url: string, expiresAt: Date) {
  const when = expiresAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const text = `Your request for "${doc}" from ${orgName} was approved.\n\nDownload it once, before ${when}:\n${url}\n\nThe link works for one download only. If it expires, request the document again on the trust centre.`;
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const html = `<p>Your request for “${esc(doc)}” from ${esc(orgName)} was approved.</p><p><a href="${esc(url)}">Download it once</a>, before ${esc(when)}.</p><p>The link works for one download only. If it expires, request the document again on the trust centre.</p>`;
  return { subject: `${orgName}: your document “${doc}”`, text, html };
}

/**
 * Approves (a single-use link, mailed to the requester) or rejects a pending
 * request. `enqueue` is the outbox's job hand-off (tests pass their own).
 */
export async function decideTrustRequest(actor: Actor, input: DecideTrustRequestInput | Record<string, unknown>, opts: { enqueue?: Enqueue } = {}) {
  authorize(actor, 'trust:manage');
  const data = decideTrustRequestSchema.parse(input);
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "TrustDocumentRequest" WHERE "id" = ${data.id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
    if (!locked.length) throw notFound('The request');
    const r = await tx.trustDocumentRequest.findUniqueOrThrow({ where: { id: data.id }, select: { id: true, status: true, email: true, document: { select: { id: true, title: true, withdrawnAt: true } } } });
    if (r.status !== 'PENDING') throw new AppError('CONFLICT', 'This request has already been decided.');
    if (data.decision === 'APPROVE' && r.document.withdrawnAt) throw new AppError('CONFLICT', 'The document has been withdrawn; reject the request instead.');
    const status = data.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
    await tx.trustDocumentRequest.update({ where: { id: r.id }, data: { status, decidedAt: new Date(), decidedById: actor.userId, decisionNote: data.note } });
    let link: { id: string; expiresAt: Date } | null = null;
    if (status === 'APPROVED') {
      const issued = await issueLink(tx, actor, { purpose: 'trust_document', subjectId: r.id, singleUse: true, expiresInDays: data.expiresInDays, recipient: r.email });
      const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } });
      await queueMailTo(tx, { orgId: actor.orgId, to: r.email, rendered: approvalMail(org.name, r.document.title, `${publicBaseUrl()}${issued.path}`, issued.expiresAt) }, opts.enqueue);
      link = { id: issued.id, expiresAt: issued.expiresAt };
    }
    await recordEvent(tx, actor, {
      action: status === 'APPROVED' ? 'trust_request.approved' : 'trust_request.rejected',
      entityType: 'trust_request',
      entityId: r.id,
      changes: { documentId: r.document.id, email: r.email, linkId: link?.id ?? null, expiresAt: link?.expiresAt.toISOString() ?? null },
      reason: data.note,
    });
    return { id: r.id, status, expiresAt: link?.expiresAt.toISOString() ?? null };
  });
}

/** Withdraws an approved request's link before it is used. */
export async function revokeTrustRequest(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'trust:manage');
  const { id } = trustDocumentIdSchema.parse(input);
  return db.$transaction(async (tx) => {
    const r = await tx.trustDocumentRequest.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, status: true } });
    if (!r) throw notFound('The request');
    if (r.status !== 'APPROVED') throw new AppError('CONFLICT', 'Only an approved request has a link to revoke.');
    const revoked = await revokeLinksFor(tx, actor, 'trust_document', id, 'Revoked by compliance');
    await tx.trustDocumentRequest.update({ where: { id }, data: { status: 'REVOKED' } });
    await recordEvent(tx, actor, { action: 'trust_request.revoked', entityType: 'trust_request', entityId: id, changes: { revokedLinks: revoked } });
    return { id, revokedLinks: revoked };
  });
}
