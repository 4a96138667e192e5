import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { PDF, setupAuditTestEnv } from '@/lib/audits/test-fixture';

// Documents attached through the questionnaire's link, end to end in-process:
// POST /l/questionnaire/<token>/documents through the one multipart reader
// into the evidence store (a temporary directory here), then the review.
const { evidenceDir } = await setupAuditTestEnv('vendor-documents');
process.env.EVIDENCE_MAX_MB = '25';
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const vendors = await import('./mutations');
const queries = await import('./queries');
const { downloadVendorDocument, removeDocumentByLink } = await import('./documents');
const route = await import('@/app/(public)/l/questionnaire/[token]/documents/route');
const { resolveLink, linkActor } = await import('@/lib/links/links');
const { downloadEvidence } = await import('@/lib/audits/evidence/mutations');
const { questionKeys, templateByKey } = await import('./templates');

let actors: Record<Role, Actor>;
let orgId: string;
let n = 0;
const meta = { id: 'req-vendor-documents', ip: null };
const MB = 1024 * 1024;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 1)]);
const tokenOf = (path: string) => decodeURIComponent(path.split('/').pop()!);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const allAnswers = (key: string) => Object.fromEntries(questionKeys(templateByKey(key)!).map((k) => [k, `Answer to ${k}`]));

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(evidenceDir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => `${e.parentPath}/${e.name}`).sort();
}

async function questionnaire(templateKey = 'ai-specific') {
  n += 1;
  const v = await vendors.createVendor(actors.COMPLIANCE_OFFICER, { name: `Docs vendor ${n}`, category: 'API_PROVIDER', services: 'LLM API', contactEmail: `docs${n}@example.com` });
  const sent = await vendors.sendQuestionnaire(actors.COMPLIANCE_OFFICER, { vendorId: v.id, templateKey });
  return { vendor: v, id: sent.id, token: tokenOf(sent.linkPath) };
}

/** What the link page's form sends: the question, the file, and with script an Accept for JSON. */
async function attach(token: string, file: { name: string; bytes: Buffer; type?: string } | null, fields: Record<string, string> = { question: 'ai.evaluation' }, json = true) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const req = new Request(`http://localhost/l/questionnaire/${encodeURIComponent(token)}/documents`, { method: 'POST', body: form, headers: json ? { accept: 'application/json' } : {} });
  const res = await route.POST(req, { params: Promise.resolve({ token }) });
  const body = json ? ((await res.json()) as Record<string, unknown> & { error?: { message: string; fieldErrors?: Record<string, string[]>; details?: { reason?: string } } }) : null;
  return { status: res.status, body, location: res.headers.get('location') };
}

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Vendor Documents Org'));
});

describe('documents attached through the questionnaire link', () => {
  it('keeps an upload with the draft, audited, and lists it on the link page by name only; the vendor may remove it before submitting', async () => {
    const q = await questionnaire();
    await vendors.answerQuestionnaireByLink({ token: q.token, answers: { 'ai.evaluation': 'See the attached report.' } }, meta, { submit: false });
    const before = await storedFiles();
    const res = await attach(q.token, { name: 'eval-report.pdf', bytes: PDF, type: 'application/pdf' });
    expect(res.status).toBe(201);
    const doc = await db.vendorDocument.findFirstOrThrow({ where: { questionnaireId: q.id } });
    expect(doc).toMatchObject({ questionKey: 'ai.evaluation', fileName: 'eval-report.pdf', contentType: 'application/pdf', size: PDF.length, sha256: sha(PDF), evidenceId: null });
    expect((await storedFiles()).length).toBe(before.length + 1);
    // The plain form (no script) is answered with a redirect back to the questionnaire.
    const plain = await attach(q.token, { name: 'architecture.png', bytes: PNG, type: 'image/png' }, { question: 'ai.red-team' }, false);
    expect(plain).toMatchObject({ status: 303, location: `/l/questionnaire/${q.token}` });

    const events = await db.auditEvent.findMany({ where: { entityType: 'vendor_questionnaire', entityId: q.id, action: 'vendor.questionnaire_document_attached' }, orderBy: { seq: 'asc' }, select: { changes: true } });
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[0].changes!)).toMatchObject({ fileName: 'eval-report.pdf', sha256: sha(PDF), questionKey: 'ai.evaluation' });
    expect(await db.auditEvent.count({ where: { entityType: 'access_link', action: 'link.used', changes: { contains: '"use":"attach_document"' } } })).toBeGreaterThanOrEqual(2);

    const link = await resolveLink(q.token, 'vendor_questionnaire');
    if (!link.ok) throw new Error(link.reason);
    const view = await queries.questionnaireForLink(link.link);
    expect(view?.documents.map((d) => d.fileName).sort()).toEqual(['architecture.png', 'eval-report.pdf']);
    expect(JSON.stringify(view)).not.toContain(doc.storageKey);
    expect(view?.answers['ai.evaluation'].answer).toBe('See the attached report.');

    const png = await db.vendorDocument.findFirstOrThrow({ where: { questionnaireId: q.id, fileName: 'architecture.png' } });
    await removeDocumentByLink({ token: q.token, documentId: png.id }, meta);
    expect(await db.vendorDocument.count({ where: { questionnaireId: q.id } })).toBe(1);
    expect((await storedFiles()).length).toBe(before.length + 1);
    expect(await db.auditEvent.count({ where: { entityId: q.id, action: 'vendor.questionnaire_document_removed' } })).toBe(1);
  });

  it('refuses a wrong type, an oversized file, a full questionnaire and a missing question, naming the field and storing nothing', async () => {
    const q = await questionnaire();
    const before = await storedFiles();
    const refused = async (file: Parameters<typeof attach>[1], fields?: Record<string, string>) => {
      const r = await attach(q.token, file, fields);
      expect(r.status).toBeGreaterThanOrEqual(400);
      return r;
    };
    // Text named .pdf, and an HTML page: the type comes from the content.
    expect((await refused({ name: 'report.pdf', bytes: Buffer.from('just some text'), type: 'application/pdf' })).body?.error?.fieldErrors?.file?.[0]).toMatch(/is text\/plain by its content/);
    expect((await refused({ name: 'page.html', bytes: Buffer.from('<!doctype html><script>alert(1)</script>') })).body?.error?.fieldErrors?.file?.[0]).toMatch(/not an allowed/);
    // ZIP and JSON are evidence types, but not for a vendor's documents.
    expect((await refused({ name: 'data.json', bytes: Buffer.from('{"a":1}') })).body?.error?.fieldErrors?.file).toBeDefined();
    const big = await refused({ name: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(10 * MB, 0x20)]), type: 'application/pdf' });
    expect(big).toMatchObject({ status: 413, body: { error: { fieldErrors: { file: [expect.stringContaining('10')] } } } });
    expect((await refused({ name: 'eval.pdf', bytes: PDF }, {})).body?.error?.fieldErrors?.question).toBeDefined();
    expect((await refused({ name: 'eval.pdf', bytes: PDF }, { question: 'sec.nope' })).body?.error?.fieldErrors?.question).toEqual(['Unknown question']);
    expect((await refused(null)).body?.error?.fieldErrors?.file).toEqual(['Choose a file to attach']);
    expect(await db.vendorDocument.count({ where: { questionnaireId: q.id } })).toBe(0);
    expect(await storedFiles()).toEqual(before);

    // The questionnaire's total: 24 MB held already, so a 1.5 MB file passes it.
    await db.vendorDocument.create({ data: { questionnaireId: q.id, questionKey: 'ai.evaluation', fileName: 'held.pdf', contentType: 'application/pdf', size: 24 * MB, sha256: '0'.repeat(64), storageKey: `${orgId}/held-${q.id}` } });
    const total = await refused({ name: 'more.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(1.5 * MB, 0x20)]) });
    expect(total).toMatchObject({ status: 413, body: { error: { fieldErrors: { file: [expect.stringMatching(/limited to 25\.0 MB in all/)] } } } });
    expect(await db.vendorDocument.count({ where: { questionnaireId: q.id } })).toBe(1);
    expect(await storedFiles()).toEqual(before);
    // A refusal from the plain form is a page naming the problem, not a redirect.
    const form = new FormData();
    form.append('question', 'ai.evaluation');
    form.append('file', new Blob([new Uint8Array(Buffer.from('plain text'))]), 'notes.txt');
    const res = await route.POST(new Request('http://localhost/x', { method: 'POST', body: form }), { params: Promise.resolve({ token: q.token }) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('The document was not attached');
  });

  it('refuses uploads on an expired, a revoked and a submitted link before storing anything', async () => {
    const expired = await questionnaire('general-security');
    await db.accessLink.updateMany({ where: { subjectId: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await questionnaire('general-security');
    await vendors.withdrawQuestionnaire(actors.COMPLIANCE_OFFICER, { id: revoked.id });
    const submitted = await questionnaire('general-security');
    await attach(submitted.token, { name: 'soc2.pdf', bytes: PDF }, { question: 'sec.access' });
    const kept = await db.vendorDocument.findFirstOrThrow({ where: { questionnaireId: submitted.id } });
    await vendors.answerQuestionnaireByLink({ token: submitted.token, answers: allAnswers('general-security') }, meta, { submit: true });

    const before = await storedFiles();
    for (const [q, reason] of [[expired, 'expired'], [revoked, 'revoked'], [submitted, 'used']] as const) {
      const r = await attach(q.token, { name: 'late.pdf', bytes: PDF }, { question: 'sec.access' });
      expect(r.status).toBe(409);
      expect(r.body?.error?.details?.reason).toBe(reason);
    }
    await expect(removeDocumentByLink({ token: submitted.token, documentId: kept.id }, meta)).rejects.toMatchObject({ reason: 'used' });
    expect(await db.vendorDocument.count({ where: { questionnaireId: { in: [expired.id, revoked.id] } } })).toBe(0);
    expect(await db.vendorDocument.count({ where: { questionnaireId: submitted.id } })).toBe(1);
    expect(await storedFiles()).toEqual(before);
  });

  it('a link reaches only its own questionnaire’s documents, and serves no file back', async () => {
    const mine = await questionnaire();
    const other = await questionnaire();
    await attach(other.token, { name: 'other-secret.pdf', bytes: PDF });
    const theirs = await db.vendorDocument.findFirstOrThrow({ where: { questionnaireId: other.id } });
    // Ids sent in the form are not read: the questionnaire is the link's subject.
    expect((await attach(mine.token, { name: 'mine.pdf', bytes: PDF }, { question: 'ai.evaluation', questionnaireId: other.id, id: other.id })).status).toBe(201);
    expect(await db.vendorDocument.count({ where: { questionnaireId: mine.id } })).toBe(1);
    expect(await db.vendorDocument.count({ where: { questionnaireId: other.id } })).toBe(1);
    // Removing the other questionnaire's document through this link: not found, and it stays.
    await expect(removeDocumentByLink({ token: mine.token, documentId: theirs.id }, meta)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.vendorDocument.count({ where: { id: theirs.id } })).toBe(1);

    const link = await resolveLink(mine.token, 'vendor_questionnaire');
    if (!link.ok) throw new Error(link.reason);
    expect(JSON.stringify(await queries.questionnaireForLink(link.link))).not.toContain('other-secret');
    // The route only takes uploads; the link's actor passes the gate for no read of questionnaires or evidence.
    expect(Object.keys(route).filter((k) => ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'].includes(k))).toEqual([]);
    const holder = linkActor(link.link, meta);
    await expect(queries.getQuestionnaire(holder, other.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(downloadEvidence(holder, theirs.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(downloadVendorDocument(holder, theirs.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('completing the review makes each attached document evidence: the stored file itself, verified on download', async () => {
    const q = await questionnaire();
    await attach(q.token, { name: 'model-card.pdf', bytes: PDF }, { question: 'ai.evaluation' });
    await vendors.answerQuestionnaireByLink({ token: q.token, answers: allAnswers('ai-specific') }, meta, { submit: true });
    const view = await queries.getQuestionnaire(actors.AUDITOR, q.id);
    expect(view.documents).toEqual([expect.objectContaining({ fileName: 'model-card.pdf', sha256: sha(PDF), evidenceId: null })]);

    // Before the review, compliance reads it through the vendors domain (verified and audited); another organisation cannot.
    const first = await db.vendorDocument.findFirstOrThrow({ where: { questionnaireId: q.id } });
    expect((await downloadVendorDocument(actors.ENGINEER, first.id)).bytes.equals(PDF)).toBe(true);
    expect(await db.auditEvent.count({ where: { entityId: q.id, action: 'vendor.questionnaire_document_downloaded' } })).toBe(1);
    const stranger = await createOrgWithRoles('Vendor Documents Other Org');
    await expect(downloadVendorDocument(stranger.actors.COMPLIANCE_OFFICER, first.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const done = await vendors.reviewQuestionnaire(actors.COMPLIANCE_OFFICER, { id: q.id, complete: 'true', summary: 'Fine' });
    const doc = await db.vendorDocument.findFirstOrThrow({ where: { questionnaireId: q.id } });
    expect(doc.evidenceId).toEqual(expect.any(String));
    const ev = await db.evidence.findUniqueOrThrow({ where: { id: doc.evidenceId! }, select: { kind: true, title: true, storageKey: true, sha256: true, fileName: true, contentType: true } });
    expect(ev).toMatchObject({ kind: 'FILE', storageKey: doc.storageKey, sha256: sha(PDF), fileName: 'model-card.pdf', contentType: 'application/pdf', title: expect.stringContaining(q.vendor.name) });
    const file = await downloadEvidence(actors.COMPLIANCE_OFFICER, doc.evidenceId!);
    expect(file.kind === 'FILE' && file.bytes.equals(PDF)).toBe(true);
    const answers = await downloadEvidence(actors.COMPLIANCE_OFFICER, done.evidenceId!);
    expect(answers.kind === 'FILE' && answers.bytes.toString('utf8')).toContain(`Attached: model-card.pdf (${PDF.length} bytes, SHA-256 ${sha(PDF)})`);
    expect((await queries.getQuestionnaire(actors.AUDITOR, q.id)).documents[0].evidenceId).toBe(doc.evidenceId);
  });
});
