import 'server-only';
import { anonymousActor, type RequestMeta } from '@/lib/auth/actor';
import { ROLE_GRANTS, ROLES } from '@/lib/auth/permissions';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { zodFieldErrors } from '@/lib/errors';
import { LinkRefusedError, useLink, type ResolvedLink } from '@/lib/links/links';
import { notify } from '@/lib/notifications/notify';
import { trustDocumentRequestSchema, type TrustSnapshot } from './schema';
import { countTrustView } from './views';

// What a visitor without an account may do besides reading the page: ask for
// a document, and download it once through the link an approval sent.

export type RequestOutcome =
  | { ok: true; document: string }
  | { ok: false; message: string; fieldErrors: Record<string, string[]>; values: Record<string, string> };

const MANAGER_ROLES = ROLES.filter((r) => ROLE_GRANTS[r].any.includes('trust:manage'));

function text(raw: Record<string, unknown>, key: string): string {
  const v = raw[key];
  return typeof v === 'string' ? v.slice(0, 300) : '';
}

/**
 * Records a visitor's request for a document of a published trust centre.
 * The document must be on the published page and not withdrawn since; when
 * the page asks for an NDA, its acceptance of the version shown is required,
 * and the version and its SHA-256 are recorded with the request.
 */
export async function submitTrustDocumentRequest(orgId: string, snapshot: TrustSnapshot, raw: Record<string, unknown>, meta: RequestMeta): Promise<RequestOutcome> {
  const values = { document: text(raw, 'document'), name: text(raw, 'name'), company: text(raw, 'company'), email: text(raw, 'email') };
  const refuse = (message: string, fieldErrors: Record<string, string[]>): RequestOutcome => ({ ok: false, message, fieldErrors, values });
  const parsed = trustDocumentRequestSchema.safeParse(raw);
  if (!parsed.success) return refuse('Please correct the fields marked below.', zodFieldErrors(parsed.error));
  const data = parsed.data;
  const offered = (snapshot.documents ?? []).find((d) => d.id === data.document);
  if (!offered) return refuse('That document is not offered here.', { document: ['Choose a document from the list'] });
  const nda = snapshot.nda ?? null;
  if (nda && data.nda !== 'on') return refuse('Accept the NDA to request a document.', { nda: ['Accept the NDA to continue'] });
  if (nda && data.ndaVersion !== nda.version) return refuse('The NDA has changed since this page was loaded: reload the page and read it again.', { nda: ['Reload the page: the NDA changed'] });
  return db.$transaction(async (tx) => {
    const doc = await tx.trustDocument.findFirst({ where: { id: offered.id, orgId, withdrawnAt: null }, select: { id: true, title: true } });
    if (!doc) return refuse('That document is no longer offered.', { document: ['No longer offered'] });
    const ndaRow = nda ? await tx.trustNda.findUnique({ where: { orgId_version: { orgId, version: nda.version } }, select: { version: true, sha256: true } }) : null;
    const request = await tx.trustDocumentRequest.create({
      data: {
        orgId, documentId: doc.id, name: data.name, company: data.company, email: data.email.toLowerCase(),
        ndaVersion: ndaRow?.version ?? null, ndaSha256: ndaRow?.sha256 ?? null, ndaAcceptedAt: ndaRow ? new Date() : null, ip: meta.ip,
      },
      select: { id: true },
    });
    const managers = await tx.user.findMany({ where: { orgId, active: true, role: { in: MANAGER_ROLES } }, select: { id: true } });
    await notify(tx, {
      orgId, userIds: managers.map((u) => u.id), kind: 'trust.document_requested',
      title: `${data.name} (${data.company}) requested “${doc.title}”`, body: `From ${data.email}. Approve or reject it in the trust centre's request queue.`,
      link: '/admin/trust#requests', entity: { type: 'trust_request', id: request.id },
    });
    const actor = { ...anonymousActor(meta, `visitor:${data.email.toLowerCase()}`), orgId };
    await recordEvent(tx, actor, {
      action: 'trust_request.created', entityType: 'trust_request', entityId: request.id,
      changes: { documentId: doc.id, name: data.name, company: data.company, email: data.email.toLowerCase(), ndaVersion: ndaRow?.version ?? null, ndaSha256: ndaRow?.sha256 ?? null },
    });
    return { ok: true as const, document: doc.title };
  });
}

/** Whether the organisation's trust centre is published; while it is off its links download nothing. */
async function trustCentreOn(client: Pick<typeof db, 'trustCentre'>, orgId: string): Promise<boolean> {
  const tc = await client.trustCentre.findUnique({ where: { orgId }, select: { enabled: true } });
  return tc?.enabled === true;
}

/**
 * What the download landing shows: the document behind a valid link (checked
 * by landLink), nothing else. The view is counted (TrustView, kind
 * `document`, written in a batch: `flush` is that write, for `after()`);
 * only the download uses the link.
 */
export async function trustDownloadForLink(link: ResolvedLink, meta?: RequestMeta) {
  if (!(await trustCentreOn(db, link.orgId))) return null;
  const r = await db.trustDocumentRequest.findFirst({
    where: { id: link.subjectId, orgId: link.orgId, status: 'APPROVED' },
    select: { name: true, document: { select: { title: true, description: true, fileName: true, size: true, sha256: true, withdrawnAt: true } } },
  });
  if (!r || r.document.withdrawnAt) return null;
  const flush = countTrustView({ orgId: link.orgId, kind: 'document', subjectId: link.subjectId, ip: meta?.ip ?? null });
  const org = await db.organization.findUniqueOrThrow({ where: { id: link.orgId }, select: { name: true } });
  return { flush, orgName: org.name, requester: r.name, title: r.document.title, description: r.document.description, fileName: r.document.fileName, size: r.document.size, sha256: r.document.sha256, expiresAt: link.expiresAt.toISOString() };
}

/**
 * The one download a link allows: the link is used up under its row lock,
 * the download recorded (who, when, which document, under which NDA) and
 * audited in the same transaction. A second use, an expired or revoked link
 * throws LinkRefusedError and nothing is written.
 */
export async function downloadTrustDocument(token: string, meta: RequestMeta) {
  return db.$transaction(async (tx) => {
    const { link, actor } = await useLink(tx, token, 'trust_document', meta, { action: 'download' });
    // Turned off, the trust centre serves nothing: refused, and the rollback leaves the link unused.
    if (!(await trustCentreOn(tx, link.orgId))) throw new LinkRefusedError('revoked');
    const r = await tx.trustDocumentRequest.findFirst({
      where: { id: link.subjectId, orgId: link.orgId, status: 'APPROVED' },
      select: { id: true, email: true, ndaVersion: true, ndaSha256: true, document: { select: { id: true, title: true, fileName: true, contentType: true, sha256: true, content: true, withdrawnAt: true } } },
    });
    if (!r || r.document.withdrawnAt) throw new LinkRefusedError('revoked');
    await tx.trustDocumentDownload.create({ data: { orgId: link.orgId, requestId: r.id, documentId: r.document.id, email: r.email, ndaVersion: r.ndaVersion, ip: meta.ip } });
    await recordEvent(tx, { ...actor, label: `visitor:${r.email}` }, {
      action: 'trust_document.downloaded', entityType: 'trust_document', entityId: r.document.id,
      changes: { requestId: r.id, email: r.email, linkId: link.id, ndaVersion: r.ndaVersion, ndaSha256: r.ndaSha256, sha256: r.document.sha256 },
    });
    return { fileName: r.document.fileName, contentType: r.document.contentType, bytes: Buffer.from(r.document.content), sha256: r.document.sha256 };
  });
}
