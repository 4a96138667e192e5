import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

process.env.SIGNING_PRIVATE_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
await setupTestDatabase('trust');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const models = await import('@/lib/models/mutations');
const { demoModelCard } = await import('@/lib/models/demo-card');
const { createFramework } = await import('@/lib/requirements/mutations');
const { createCertification } = await import('@/lib/audits/certifications/mutations');
const { publishTrustCentre } = await import('./mutations');
const { getTrustSettings } = await import('./queries');
const { trustPageResponse, TRUST_RATE_LIMIT } = await import('./public');
const { forgetRendered } = await import('./render-cache');
const { flushTrustViews, unflushedTrustViews } = await import('./views');
const { VERIFY_BODY } = await import('./verify-script');
const { openSslCommands } = await import('./openssl');
const { trustSettingsFormSchema } = await import('./schema');
const { addTrustDocument, decideTrustRequest, revokeTrustRequest, withdrawTrustDocument } = await import('./mutations');
const { listTrustRequests } = await import('./queries');
const { trustRequestResponse, downloadTrustDocumentResponse, TRUST_REQUEST_LIMIT } = await import('./public');
const policies = await import('@/lib/policies/mutations');

let actors: Record<Role, Actor>;
let slug: string;
let ipCounter = 0;

/** A request as the forwarded guard marks it: each test from its own address, so the rate limit is per test. */
function visit(path_ = `/trust/${slug}`, ip = `198.51.100.${++ipCounter}`) {
  return new Request(`http://127.0.0.1${path_}`, { headers: { 'x-forwarded-for': ip, [GUARD_HEADER]: guardNonce } });
}
const { GUARD_HEADER, installForwardedGuard } = await import('@/lib/platform/forwarded');
installForwardedGuard(0);
const guardNonce = (globalThis as Record<symbol, string>)[Symbol.for('portal.forwardedGuardNonce')];

async function productionModel(key: string) {
  const systemId = (await db.aISystem.create({ data: { orgId: actors.ADMIN.orgId, name: `System ${key}`, purpose: 'p', domain: 'FINANCE', regions: ['EU'], riskTier: 'MINIMAL' } })).id;
  await models.createModel(actors.ENGINEER, { systemId, key, name: `Model ${key}`, purpose: 'p', businessOwnerId: actors.ADMIN.userId! });
  await models.createVersion(actors.ENGINEER, key, {
    label: '1.0.0',
    artifactDigest: 'd'.repeat(64),
    metrics: [{ name: 'AUC', value: 0.9, threshold: 0.8 }],
    modelCard: demoModelCard('X', 'Y'),
    fairness: { groups: [{ attribute: 'sex', groupValue: 'f', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }, { attribute: 'sex', groupValue: 'm', count: 10, positives: 5, recall: 0.8, selectionRate: 0.5 }] },
  });
  for (const target of ['VALIDATION', 'BIAS_REVIEW', 'PENDING_APPROVAL'] as const) await models.changeStage(actors.ENGINEER, key, '1.0.0', { target });
  await models.signOffVersion(actors.ADMIN, key, '1.0.0', { role: 'BUSINESS_OWNER' });
  await models.signOffVersion(actors.COMPLIANCE_OFFICER, key, '1.0.0', { role: 'COMPLIANCE' });
  await models.changeStage(actors.COMPLIANCE_OFFICER, key, '1.0.0', { target: 'PRODUCTION' });
}

const settings = { enabled: true, showCertifications: true, showFrameworks: true, showAttestations: true, securityContact: 'security@example.com', frameworks: [{ key: 'iso-42001', status: 'IN_PROGRESS' as const }] };

beforeAll(async () => {
  const org = await createOrgWithRoles("Trust O'Org");
  actors = org.actors;
  slug = (await db.organization.findUniqueOrThrow({ where: { id: org.orgId }, select: { slug: true } })).slug;
  await createFramework(actors.ADMIN, { key: 'iso-42001', name: 'ISO/IEC 42001', kind: 'STANDARD', jurisdiction: 'International', version: '2023' });
  await createFramework(actors.ADMIN, { key: 'internal', name: 'Internal secret framework', kind: 'POLICY', jurisdiction: 'Internal', version: '1' });
  await createCertification(actors.COMPLIANCE_OFFICER, { name: 'SOC 2 Type II', standard: 'SOC2_TYPE2', issuer: 'Audit & Co', scope: 'The whole platform, internal note', issuedAt: '2026-01-10', expiresAt: '2027-01-10' });
  await productionModel('credit-risk');
}, 120_000);

describe('settings and publishing', () => {
  it('is off by default: the public address answers 404, the same as an unknown organisation', async () => {
    expect((await getTrustSettings(actors.ADMIN)).enabled).toBe(false);
    const res = await trustPageResponse(visit(), slug);
    expect(res.status).toBe(404);
    expect((await trustPageResponse(visit('/trust/no-such-org'), 'no-such-org')).status).toBe(404);
    expect(await db.trustView.count()).toBe(0);
  });

  it('only admins and compliance publish; every change is in the audit trail', async () => {
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      await expect(publishTrustCentre(actors[role], settings)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getTrustSettings(actors[role])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(publishTrustCentre(actors.ADMIN, { ...settings, securityContact: 'not a contact' })).rejects.toMatchObject({ name: 'ZodError' });
    expect(await db.trustCentre.count()).toBe(0);

    const form = trustSettingsFormSchema.parse({ enabled: 'on', showCertifications: 'on', showFrameworks: 'on', showAttestations: 'on', securityContact: 'security@example.com', 'status:iso-42001': 'IN_PROGRESS', 'status:internal': '' });
    expect(form.frameworks).toEqual([{ key: 'iso-42001', status: 'IN_PROGRESS' }]);
    const published = await publishTrustCentre(actors.COMPLIANCE_OFFICER, form);
    expect(published).toMatchObject({ enabled: true, slug });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'trust_centre.published', entityId: actors.ADMIN.orgId } });
    expect(event.actorLabel).toBe(actors.COMPLIANCE_OFFICER.label);
  });
});

describe('the public page', () => {
  it('shows what was chosen and nothing else, with a strict CSP and cache headers, and counts the view', async () => {
    forgetRendered();
    const res = await trustPageResponse(visit(), slug);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=60');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-/);
    expect(csp).not.toMatch(/unsafe/);
    const html = await res.text();
    expect(html).toContain('Trust O&#39;Org');
    expect(html).toContain('SOC 2 Type II');
    expect(html).toContain('ISO/IEC 42001');
    expect(html).toContain('In progress');
    expect(html).toContain('mailto:security@example.com');
    expect(html).toContain('Model credit-risk');
    expect(html).toContain('d'.repeat(64));
    expect(html).not.toContain('Internal secret framework');
    expect(html).not.toContain('internal note');
    // Counted in memory, written by the batch flush (never one write per view).
    expect(await db.trustView.count({ where: { orgId: actors.ADMIN.orgId, kind: 'page' } })).toBe(0);
    expect(unflushedTrustViews()).toBe(1);
    expect(await flushTrustViews()).toBe(1);
    expect(await db.trustView.count({ where: { orgId: actors.ADMIN.orgId, kind: 'page' } })).toBe(1);
  });

  it('hands the pending write to the caller, writes views in one batch with their own times, and answers a revalidation with 304', async () => {
    const kept: Promise<void>[] = [];
    const before = await db.trustView.count({ where: { kind: 'page' } });
    const first = await trustPageResponse(visit(), slug, (p) => kept.push(p));
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get('last-modified')).toMatch(/GMT$/);
    for (let i = 0; i < 20; i++) await trustPageResponse(visit(), slug, (p) => kept.push(p));
    const again = await trustPageResponse(new Request(`http://127.0.0.1/trust/${slug}`, { headers: { 'x-forwarded-for': '198.51.100.250', [GUARD_HEADER]: guardNonce, 'if-none-match': `W/${etag}` } }), slug, (p) => kept.push(p));
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect(kept).toHaveLength(22);
    // The promise handed out is the flush itself: once it settles, every view is written.
    await Promise.all(kept);
    expect(await db.trustView.count({ where: { kind: 'page' } })).toBe(before + 22);
    const rows = await db.trustView.findMany({ where: { kind: 'page', ip: '198.51.100.250' }, select: { at: true } });
    expect(rows).toHaveLength(1);
    expect(Date.now() - rows[0].at.getTime()).toBeLessThan(60_000);
  });

  it('is served from the published snapshot: a later change shows only after publishing again', async () => {
    await createCertification(actors.COMPLIANCE_OFFICER, { name: 'ISO 27001', standard: 'ISO_27001', issuer: 'Cert Body', scope: 'All', issuedAt: '2026-02-01', expiresAt: '2029-02-01' });
    forgetRendered();
    expect(await (await trustPageResponse(visit(), slug)).text()).not.toContain('ISO 27001');
    await publishTrustCentre(actors.ADMIN, settings);
    expect(await (await trustPageResponse(visit(), slug)).text()).toContain('ISO 27001');
  });

  it('limits each address, and answers 429 with Retry-After past the limit', async () => {
    const ip = '203.0.113.77';
    let last: Response | undefined;
    for (let i = 0; i <= TRUST_RATE_LIMIT.limit; i++) last = await trustPageResponse(visit(undefined, ip), slug);
    expect(last!.status).toBe(429);
    expect(last!.headers.get('retry-after')).toBe(String(TRUST_RATE_LIMIT.windowSeconds));
    expect((await trustPageResponse(visit(undefined, '203.0.113.78'), slug)).status).toBe(200);
  });

  it('goes away when turned off', async () => {
    await publishTrustCentre(actors.ADMIN, { ...settings, enabled: false });
    expect((await trustPageResponse(visit(), slug)).status).toBe(404);
    expect(await db.auditEvent.count({ where: { action: 'trust_centre.disabled' } })).toBe(1);
    await publishTrustCentre(actors.ADMIN, settings);
  });
});

/** The page's own verification script, run on a minimal document holding the page's attestations. */
async function runVerifyScript(html: string, tamper?: (manifest: string) => string) {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const pick = (re: RegExp, text: string) => unescape(re.exec(text)![1]);
  const node = (text: string) => ({ textContent: text, attrs: {} as Record<string, string>, setAttribute(k: string, v: string) { this.attrs[k] = v; } });
  const articles = html.split('<article').slice(1).map((chunk) => {
    const manifest = pick(/<pre data-manifest>([\s\S]*?)<\/pre>/, chunk);
    const parts = { manifest: node(tamper ? tamper(manifest) : manifest), signature: node(pick(/<pre data-signature>([\s\S]*?)<\/pre>/, chunk)), verdict: node('Checking…') };
    return { parts, querySelector: (sel: string) => (sel === '[data-manifest]' ? parts.manifest : sel === '[data-signature]' ? parts.signature : parts.verdict) };
  });
  const doc = {
    getElementById: (id: string) => (id === 'public-key' ? node(pick(/<pre id="public-key">([\s\S]*?)<\/pre>/, html)) : id === 'verify-status' ? node('') : null),
    querySelectorAll: () => articles,
  };
  const results = (await new Function('document', 'crypto', VERIFY_BODY)(doc, globalThis.crypto)) as boolean[];
  return { results, verdicts: articles.map((a) => [a.parts.verdict.textContent, a.parts.verdict.attrs['data-state']]) };
}

describe('verification', () => {
  it('the in-page WebCrypto check says "Verified", and "Not verified" for a tampered manifest', async () => {
    forgetRendered();
    const html = await (await trustPageResponse(visit(), slug)).text();
    expect(await runVerifyScript(html)).toEqual({ results: [true], verdicts: [['Verified', 'verified']] });
    const tampered = await runVerifyScript(html, (m) => m.replace('"1.0.0"', '"1.0.1"'));
    expect(tampered).toEqual({ results: [false], verdicts: [['Not verified', 'failed']] });
  });

  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  it.skipIf(!hasOpenssl)('the "verify it yourself" openssl commands verify the published signature, and refuse a tampered one', async () => {
    const tc = await db.trustCentre.findUniqueOrThrow({ where: { orgId: actors.ADMIN.orgId }, select: { snapshot: true } });
    const snap = tc.snapshot as { attestations: { manifest: string; signature: string }[]; publicKey: string };
    const a = snap.attestations[0];
    const dir = mkdtempSync(path.join(tmpdir(), 'trust-openssl-'));
    try {
      const ok = execFileSync('bash', ['-e', '-c', openSslCommands(a, snap.publicKey)], { cwd: dir, encoding: 'utf8' });
      expect(ok).toMatch(/Signature Verified Successfully/);
      const bad = spawnSync('bash', ['-e', '-c', openSslCommands({ ...a, manifest: a.manifest.replace('"1.0.0"', '"9.9.9"') }, snap.publicKey)], { cwd: dir, encoding: 'utf8' });
      expect(bad.status).not.toBe(0);
      expect(bad.stdout + bad.stderr).toMatch(/Signature Verification Failure/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('documents on request', () => {
  const NDA = 'The recipient keeps this document confidential.\nIt is used only to assess the vendor.';
  const pdf = Buffer.from('%PDF-1.4\nSOC 2 report body\n%%EOF\n');
  let docId: string;
  const mails: string[][] = [];
  const enqueue = async (_tx: unknown, ids: string[]) => void mails.push(ids);

  function post(body: Record<string, string>, ip = `192.0.2.${++ipCounter % 250}`) {
    return new Request(`http://127.0.0.1/trust/${slug}/request`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip, [GUARD_HEADER]: guardNonce },
      body: new URLSearchParams(body).toString(),
    });
  }
  const download = (token: string, ip = '192.0.2.250') =>
    downloadTrustDocumentResponse(new Request(`http://127.0.0.1/l/trust/${token}/download`, { method: 'POST', headers: { 'x-forwarded-for': ip, [GUARD_HEADER]: guardNonce } }), token);
  const tokenOf = async (mailId: string) => /\/l\/trust\/([A-Za-z0-9_-]{43})/.exec((await db.outboxMail.findUniqueOrThrow({ where: { id: mailId } })).text)![1];

  beforeAll(async () => {
    docId = (await addTrustDocument(actors.COMPLIANCE_OFFICER, { title: 'SOC 2 Type II report', description: 'Period 2025', file: new File([pdf], 'soc2.pdf', { type: 'application/pdf' }) })).id;
    const p = await policies.createPolicy(actors.COMPLIANCE_OFFICER, { title: 'AI acceptable use policy', category: 'AI acceptable use', body: 'Use AI systems only for approved purposes.' });
    await policies.approvePolicyVersion(actors.ADMIN, { versionId: p.versionId });
    await policies.publishPolicyVersion(actors.ADMIN, { versionId: p.versionId });
    const draft = await policies.createPolicy(actors.COMPLIANCE_OFFICER, { title: 'Unpublished draft policy', category: 'Other', body: 'Not for the public yet, a draft.' });
    await publishTrustCentre(actors.ADMIN, { ...settings, showPolicies: true, policies: [p.id, draft.id], ndaText: NDA });
    forgetRendered();
  });

  it('refuses a file that is not a document, and roles without trust:manage', async () => {
    await expect(addTrustDocument(actors.COMPLIANCE_OFFICER, { title: 'x', file: new File([Buffer.from('MZ\x90binary')], 'x.pdf', { type: 'application/pdf' }) })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { file: expect.any(Array) } });
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      await expect(addTrustDocument(actors[role], { title: 'x', file: new File([pdf], 'x.pdf') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listTrustRequests(actors[role])).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(decideTrustRequest(actors[role], { id: 'x', decision: 'APPROVE' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('shows the published policies chosen (never a draft), the documents and the versioned NDA with its hash', async () => {
    const html = await (await trustPageResponse(visit(), slug)).text();
    expect(html).toContain('AI acceptable use policy');
    expect(html).toContain('Use AI systems only for approved purposes.');
    expect(html).not.toContain('Unpublished draft policy');
    expect(html).toContain('SOC 2 Type II report');
    expect(html).toContain('Non-disclosure agreement (version 1)');
    const nda = await db.trustNda.findFirstOrThrow({ where: { orgId: actors.ADMIN.orgId } });
    expect(html).toContain(nda.sha256);
    expect(html).not.toContain('%PDF');
    // The same text published again keeps its version, also as a browser sends it (CRLF line ends).
    await publishTrustCentre(actors.ADMIN, { ...settings, showPolicies: true, ndaText: NDA });
    await publishTrustCentre(actors.ADMIN, trustSettingsFormSchema.parse({ enabled: 'on', showPolicies: 'on', ndaText: `${NDA.replace(/\n/g, '\r\n')}\r\n` }));
    expect(await db.trustNda.count({ where: { orgId: actors.ADMIN.orgId } })).toBe(1);
  });

  it('refuses a bad request naming the fields, keeping what was typed, and writes nothing', async () => {
    const before = await db.trustDocumentRequest.count();
    const res = await trustRequestResponse(post({ document: docId, name: 'Dana Buyer', company: '', email: 'not-an-email', ndaVersion: '1' }), slug);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="rq-company-error"');
    expect(html).toContain('id="rq-email-error"');
    expect(html).toContain('value="Dana Buyer"');
    const noNda = await trustRequestResponse(post({ document: docId, name: 'Dana', company: 'Buyer Ltd', email: 'dana@buyer.example', ndaVersion: '1' }), slug);
    expect(noNda.status).toBe(422);
    expect(await noNda.text()).toContain('id="rq-nda-error"');
    const unknownDoc = await trustRequestResponse(post({ document: 'nope', name: 'Dana', company: 'Buyer Ltd', email: 'dana@buyer.example', ndaVersion: '1', nda: 'on' }), slug);
    expect(unknownDoc.status).toBe(422);
    expect(await db.trustDocumentRequest.count()).toBe(before);
  });

  it('a request is recorded with the NDA version and hash; approval mails a single-use link; the download is recorded and audited; reuse is refused', async () => {
    const res = await trustRequestResponse(post({ document: docId, name: 'Dana Buyer', company: 'Buyer Ltd', email: 'Dana@Buyer.example', ndaVersion: '1', nda: 'on' }), slug);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Request received');
    const nda = await db.trustNda.findFirstOrThrow({ where: { orgId: actors.ADMIN.orgId, version: 1 } });
    const req = await db.trustDocumentRequest.findFirstOrThrow({ where: { email: 'dana@buyer.example' } });
    expect(req).toMatchObject({ status: 'PENDING', ndaVersion: 1, ndaSha256: nda.sha256 });
    expect(await db.notification.count({ where: { kind: 'trust.document_requested', userId: actors.COMPLIANCE_OFFICER.userId! } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'trust_request.created', entityId: req.id } })).toBe(1);

    const queue = await listTrustRequests(actors.COMPLIANCE_OFFICER, { status: 'PENDING' });
    expect(queue.items.map((i) => i.id)).toContain(req.id);
    const decided = await decideTrustRequest(actors.COMPLIANCE_OFFICER, { id: req.id, decision: 'APPROVE', expiresInDays: 3 }, { enqueue });
    expect(decided.status).toBe('APPROVED');
    await expect(decideTrustRequest(actors.COMPLIANCE_OFFICER, { id: req.id, decision: 'REJECT' }, { enqueue })).rejects.toMatchObject({ code: 'CONFLICT' });
    const mailId = mails.at(-1)![0];
    const mail = await db.outboxMail.findUniqueOrThrow({ where: { id: mailId } });
    expect(mail.to).toBe('dana@buyer.example');
    const token = await tokenOf(mailId);

    const { resolveLink } = await import('@/lib/links/links');
    const { trustDownloadForLink } = await import('./requests');
    const resolved = await resolveLink(token, 'trust_document');
    expect(resolved.ok && (await trustDownloadForLink(resolved.link, { id: 'v', ip: '192.0.2.9' }))).toMatchObject({ title: 'SOC 2 Type II report', fileName: 'soc2.pdf' });
    await flushTrustViews();
    expect(await db.trustView.count({ where: { kind: 'document', subjectId: req.id } })).toBe(1);
    const first = await download(token);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toContain('soc2.pdf');
    expect(Buffer.from(await first.arrayBuffer()).equals(pdf)).toBe(true);
    const dl = await db.trustDocumentDownload.findFirstOrThrow({ where: { requestId: req.id } });
    expect(dl).toMatchObject({ documentId: docId, email: 'dana@buyer.example', ndaVersion: 1, ip: '192.0.2.250' });
    const audited = await db.auditEvent.findFirstOrThrow({ where: { action: 'trust_document.downloaded', entityId: docId } });
    expect(audited.actorLabel).toBe('visitor:dana@buyer.example');

    const again = await download(token);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('already been used');
    expect(await db.trustDocumentDownload.count({ where: { requestId: req.id } })).toBe(1);
  });

  it('an expired or revoked link is refused, and a rejected request gets none', async () => {
    const mk = async (email: string) => {
      expect((await trustRequestResponse(post({ document: docId, name: 'Eve', company: 'Eve Co', email, ndaVersion: '1', nda: 'on' }), slug)).status).toBe(200);
      return (await db.trustDocumentRequest.findFirstOrThrow({ where: { email } })).id;
    };
    const expiring = await mk('expired@eve.example');
    await decideTrustRequest(actors.ADMIN, { id: expiring, decision: 'APPROVE' }, { enqueue });
    const expiredToken = await tokenOf(mails.at(-1)![0]);
    await db.accessLink.updateMany({ where: { purpose: 'trust_document', subjectId: expiring }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await download(expiredToken, '192.0.2.251');
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');

    const revoking = await mk('revoked@eve.example');
    await decideTrustRequest(actors.ADMIN, { id: revoking, decision: 'APPROVE' }, { enqueue });
    const revokedToken = await tokenOf(mails.at(-1)![0]);
    await revokeTrustRequest(actors.COMPLIANCE_OFFICER, { id: revoking });
    expect((await download(revokedToken, '192.0.2.252')).status).toBe(410);
    expect(await db.auditEvent.count({ where: { action: 'trust_request.revoked', entityId: revoking } })).toBe(1);

    const rejecting = await mk('rejected@eve.example');
    const sent = mails.length;
    await decideTrustRequest(actors.COMPLIANCE_OFFICER, { id: rejecting, decision: 'REJECT', note: 'Not a customer' }, { enqueue });
    expect(mails.length).toBe(sent);
    expect(await db.accessLink.count({ where: { subjectId: rejecting } })).toBe(0);
    expect((await download('A'.repeat(43), '192.0.2.253')).status).toBe(404);
    expect(await db.trustDocumentDownload.count({ where: { requestId: { in: [expiring, revoking, rejecting] } } })).toBe(0);
  });

  it('withdrawing the document revokes unused links; requests are limited per address', async () => {
    const ip = '198.18.0.9';
    let last: Response | undefined;
    for (let i = 0; i <= TRUST_REQUEST_LIMIT.limit; i++) last = await trustRequestResponse(post({ document: docId, name: 'Flood', company: 'F', email: `f${i}@f.example`, ndaVersion: '1', nda: 'on' }, ip), slug);
    expect(last!.status).toBe(429);
    const pending = await db.trustDocumentRequest.findFirstOrThrow({ where: { email: 'f0@f.example' } });
    await decideTrustRequest(actors.ADMIN, { id: pending.id, decision: 'APPROVE' }, { enqueue });
    const token = await tokenOf(mails.at(-1)![0]);
    const out = await withdrawTrustDocument(actors.ADMIN, { id: docId });
    expect(out.revokedLinks).toBe(2); // this one, and the expired one of the test above (never used)
    expect((await download(token, '192.0.2.254')).status).toBe(410);
    expect((await trustRequestResponse(post({ document: docId, name: 'Late', company: 'L', email: 'late@l.example', ndaVersion: '1', nda: 'on' }), slug)).status).toBe(422);
  });
});
