import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

// The public routes outside /api/v1 (the trust page, its request form, the
// download landing /l/trust/<token> and its download) walked as a stranger
// would: each gives exactly its one thing, never another organisation's or
// another document's, nothing while the trust centre is off, and a refused
// request writes nothing.

process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('trust-gate');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const { publishTrustCentre, addTrustDocument, decideTrustRequest } = await import('./mutations');
const { trustPageResponse, trustRequestResponse, downloadTrustDocumentResponse } = await import('./public');
const { trustDownloadForLink } = await import('./requests');
const { forgetRendered } = await import('./render-cache');
const { flushTrustViews } = await import('./views');
const { issueLink, resolveLink } = await import('@/lib/links/links');
const { GUARD_HEADER, installForwardedGuard } = await import('@/lib/platform/forwarded');
installForwardedGuard(0);
const nonce = (globalThis as Record<symbol, string>)[Symbol.for('portal.forwardedGuardNonce')];

type Org = { actors: Record<Role, Actor>; slug: string; docs: { id: string; bytes: Buffer }[] };
let a: Org;
let b: Org;
let ip = 0;
const mails: string[] = [];
const enqueue = async (_tx: unknown, ids: string[]) => void mails.push(...ids);
const headers = (extra: Record<string, string> = {}) => ({ 'x-forwarded-for': `203.0.113.${(++ip % 250) + 1}`, [GUARD_HEADER]: nonce, ...extra });

function post(slug: string, body: Record<string, string>) {
  return trustRequestResponse(
    new Request(`http://127.0.0.1/trust/${slug}/request`, { method: 'POST', headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }), body: new URLSearchParams(body).toString() }),
    slug,
  );
}
const download = (token: string, body = '', query = '') =>
  downloadTrustDocumentResponse(
    new Request(`http://127.0.0.1/l/trust/${token}/download${query}`, { method: 'POST', headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }), body }),
    token,
  );
const counts = async () => ({
  requests: await db.trustDocumentRequest.count(),
  downloads: await db.trustDocumentDownload.count(),
  events: await db.auditEvent.count(),
  usedLinks: await db.accessLink.count({ where: { useCount: { gt: 0 } } }),
});

async function publishedOrg(label: string): Promise<Org> {
  const org = await createOrgWithRoles(label);
  const slug = (await db.organization.findUniqueOrThrow({ where: { id: org.orgId }, select: { slug: true } })).slug;
  const docs = [];
  for (const title of [`${label} SOC 2 report`, `${label} penetration test`]) {
    const bytes = Buffer.from(`%PDF-1.4\n${title}\n%%EOF\n`);
    const { id } = await addTrustDocument(org.actors.COMPLIANCE_OFFICER, { title, file: new File([bytes], `${title}.pdf`, { type: 'application/pdf' }) });
    docs.push({ id, bytes });
  }
  await publishTrustCentre(org.actors.ADMIN, { enabled: true, showCertifications: false, showFrameworks: false, showAttestations: false, ndaText: `${label} NDA` });
  return { actors: org.actors, slug, docs };
}

/** A request from the public form, approved; returns the token mailed to the requester. */
async function approvedLink(org: Org, doc: number, email: string): Promise<string> {
  expect((await post(org.slug, { document: org.docs[doc].id, name: 'Vera Visitor', company: 'Visitors Ltd', email, ndaVersion: '1', nda: 'on' })).status).toBe(200);
  const req = await db.trustDocumentRequest.findFirstOrThrow({ where: { email }, select: { id: true } });
  await decideTrustRequest(org.actors.COMPLIANCE_OFFICER, { id: req.id, decision: 'APPROVE' }, { enqueue });
  const mail = await db.outboxMail.findUniqueOrThrow({ where: { id: mails.at(-1)! } });
  return /\/l\/trust\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1];
}

beforeAll(async () => {
  a = await publishedOrg('Alpha');
  b = await publishedOrg('Beta');
  forgetRendered();
}, 120_000);

describe('the request form', () => {
  it("refuses another organisation's document, naming the field, and writes nothing", async () => {
    const before = await counts();
    const cross = await post(a.slug, { document: b.docs[0].id, name: 'Mallory', company: 'M', email: 'm@m.example', ndaVersion: '1', nda: 'on' });
    expect(cross.status).toBe(422);
    expect(await cross.text()).toContain('id="rq-document-error"');
    expect(await counts()).toEqual(before);
  });

  it('refuses what the form never sends (another content type, an oversized body, an unknown organisation) and writes nothing', async () => {
    const before = await counts();
    const json = await trustRequestResponse(new Request(`http://127.0.0.1/trust/${a.slug}/request`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify({ document: a.docs[0].id }) }), a.slug);
    expect(json.status).toBe(415);
    const big = await trustRequestResponse(
      new Request(`http://127.0.0.1/trust/${a.slug}/request`, { method: 'POST', headers: headers({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(64 * 1024) }), body: 'name=' + 'x'.repeat(64 * 1024 - 5) }),
      a.slug,
    );
    expect(big.status).toBe(415);
    expect((await post('no-such-org', { document: a.docs[0].id, name: 'N', company: 'N', email: 'n@n.example', ndaVersion: '1', nda: 'on' })).status).toBe(404);
    expect((await post('../admin', { document: a.docs[0].id })).status).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('a download link', () => {
  it('downloads its own document once, whatever else the request names', async () => {
    const token = await approvedLink(a, 0, 'one@visitor.example');
    // Naming the other document (in the body or the query) changes nothing: the link has one subject.
    const res = await download(token, new URLSearchParams({ document: a.docs[1].id, documentId: b.docs[0].id }).toString(), `?document=${a.docs[1].id}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(a.docs[0].bytes)).toBe(true);
    const rows = await db.trustDocumentDownload.findMany({ where: { email: 'one@visitor.example' }, select: { documentId: true, orgId: true } });
    expect(rows).toEqual([{ documentId: a.docs[0].id, orgId: a.actors.ADMIN.orgId }]);
    expect((await download(token)).status).toBe(410);
  });

  it('a link of another purpose opens nothing here and is not used; an unknown or malformed token is 404', async () => {
    const other = await db.$transaction((tx) => issueLink(tx, a.actors.ADMIN, { purpose: 'vendor_questionnaire', subjectId: a.docs[0].id, singleUse: true }));
    const before = await counts();
    expect((await download(other.token)).status).toBe(404);
    const landed = await resolveLink(other.token, 'trust_document');
    expect(landed).toMatchObject({ ok: false, reason: 'wrong_purpose' });
    expect((await download('B'.repeat(43))).status).toBe(404);
    expect((await download('short')).status).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await db.accessLink.findUniqueOrThrow({ where: { id: other.id } })).useCount).toBe(0);
  });

  it("the landing shows its own document only, and the request another organisation's link belongs to stays invisible", async () => {
    const token = await approvedLink(b, 1, 'two@visitor.example');
    const resolved = await resolveLink(token, 'trust_document');
    if (!resolved.ok) throw new Error('link refused');
    const shown = await trustDownloadForLink(resolved.link, { id: 'gate', ip: '203.0.113.9' });
    expect(shown).toMatchObject({ orgName: 'Beta', title: 'Beta penetration test' });
    // The landing reads the request through the link's own organisation: pointed at another organisation's request, it finds nothing.
    const aRequest = await db.trustDocumentRequest.findFirstOrThrow({ where: { orgId: a.actors.ADMIN.orgId }, select: { id: true } });
    expect(await trustDownloadForLink({ ...resolved.link, subjectId: aRequest.id }, { id: 'gate', ip: null })).toBeNull();
    await flushTrustViews();
  });
});

describe('a trust centre turned off', () => {
  it('answers 404 on the page and the form, downloads nothing while off (the link stays unused), and serves again when turned back on', async () => {
    const token = await approvedLink(a, 1, 'three@visitor.example');
    await publishTrustCentre(a.actors.ADMIN, { enabled: false });
    const page = await trustPageResponse(new Request(`http://127.0.0.1/trust/${a.slug}`, { headers: headers() }), a.slug);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('Alpha');
    const before = await counts();
    expect((await post(a.slug, { document: a.docs[0].id, name: 'Late', company: 'L', email: 'late@visitor.example', ndaVersion: '1', nda: 'on' })).status).toBe(404);
    const refused = await download(token);
    expect(refused.status).toBe(410);
    const resolved = await resolveLink(token, 'trust_document');
    expect(resolved.ok && (await trustDownloadForLink(resolved.link))).toBeNull();
    expect(await counts()).toEqual(before);
    // The other organisation is untouched.
    expect((await trustPageResponse(new Request(`http://127.0.0.1/trust/${b.slug}`, { headers: headers() }), b.slug)).status).toBe(200);

    await publishTrustCentre(a.actors.ADMIN, { enabled: true, showCertifications: false, showFrameworks: false, showAttestations: false, ndaText: 'Alpha NDA' });
    const served = await download(token);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(a.docs[1].bytes)).toBe(true);
    await flushTrustViews();
  });
});
