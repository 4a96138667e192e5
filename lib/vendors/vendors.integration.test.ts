import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/auth/permissions';
import { setupTestDatabase } from '@/lib/tooling/test/integration';

await setupTestDatabase('vendors');
const { db } = await import('@/lib/db');
const { createOrgWithRoles } = await import('@/lib/tooling/test/fixtures');
const vendors = await import('./mutations');
const queries = await import('./queries');
const { recordVendorExpiries } = await import('./record-expiries');
const { systemActor } = await import('@/lib/auth/actor');
const { resolveLink } = await import('@/lib/links/links');
const { questionKeys, templateByKey } = await import('./templates');

let actors: Record<Role, Actor>;
let orgId: string;
let n = 0;
const meta = { id: 'req-vendor', ip: null };
const tokenOf = (path: string) => decodeURIComponent(path.split('/').pop()!);
const allAnswers = (key: string) => Object.fromEntries(questionKeys(templateByKey(key)!).map((k) => [k, `Answer to ${k}`]));

async function vendor(extra: Record<string, unknown> = {}) {
  n += 1;
  return vendors.createVendor(actors.COMPLIANCE_OFFICER, { name: `Vendor ${n}`, category: 'API_PROVIDER', services: 'LLM API', contactEmail: `vendor${n}@example.com`, ...extra });
}

beforeAll(async () => {
  ({ actors, orgId } = await createOrgWithRoles('Vendors Org'));
});

describe('vendors', () => {
  it('creates a vendor, refuses a duplicate name and links from another organisation', async () => {
    const v = await vendor();
    await expect(vendors.createVendor(actors.ADMIN, { name: v.name.toUpperCase(), category: 'HOSTING', services: 'x y' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(vendors.createVendor(actors.ADMIN, { name: 'Cross-tenant', category: 'HOSTING', services: 'x y', aiSystemIds: ['not-ours'] })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { aiSystemIds: expect.any(Array) } });
    expect(await db.vendor.count({ where: { orgId, name: 'Cross-tenant' } })).toBe(0);
  });

  it('denies engineers and auditors every write, and lets them read', async () => {
    const v = await vendor();
    for (const role of ['ENGINEER', 'AUDITOR'] as const) {
      await expect(vendors.createVendor(actors[role], { name: `No ${role}`, category: 'HOSTING', services: 'x y' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(vendors.sendQuestionnaire(actors[role], { vendorId: v.id, templateKey: 'ai-specific' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(vendors.addVendorContract(actors[role], { vendorId: v.id, type: 'DPA' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const detail = await queries.getVendor(actors[role], v.id);
      expect(detail.capabilities).toEqual({ edit: false, sendQuestionnaire: false });
    }
  });

  it('computes the risk tier from the tiering answers', async () => {
    const v = await vendor();
    const r = await vendors.setVendorTier(actors.COMPLIANCE_OFFICER, { id: v.id, personalData: 'on', sensitiveData: 'on' });
    expect(r.riskTier).toBe('HIGH');
    expect((await queries.getVendor(actors.ENGINEER, v.id)).riskTier).toBe('HIGH');
  });

  it('lists vendors with their next expiry and open questionnaires, paginated on the server', async () => {
    const v = await vendor({ name: 'Zeta Listing Vendor' });
    await vendors.addVendorContract(actors.COMPLIANCE_OFFICER, { vendorId: v.id, type: 'BAA', expiresAt: '2030-01-01' });
    await vendors.addVendorCertification(actors.COMPLIANCE_OFFICER, { vendorId: v.id, kind: 'ISO_27001', expiresAt: '2029-06-01' });
    await vendors.sendQuestionnaire(actors.COMPLIANCE_OFFICER, { vendorId: v.id, templateKey: 'general-security' });
    const list = await queries.listVendors(actors.AUDITOR, { q: 'Zeta Listing' });
    expect(list.items).toEqual([expect.objectContaining({ id: v.id, nextExpiry: { what: 'ISO_27001', at: '2029-06-01T00:00:00.000Z' }, openQuestionnaires: 1 })]);
    const page = await queries.listVendors(actors.AUDITOR, { pageSize: 1, page: 2 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
  });

  it('warns once about an expiring BAA through notify, from the job', async () => {
    const v = await vendor();
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await vendors.addVendorContract(actors.COMPLIANCE_OFFICER, { vendorId: v.id, type: 'BAA', expiresAt: soon });
    const job = systemActor(orgId, 'job:vendors.warn-expiries');
    expect(await recordVendorExpiries(job, new Date())).toBeGreaterThanOrEqual(1);
    expect(await recordVendorExpiries(job, new Date())).toBe(0);
    const note = await db.notification.findFirst({ where: { orgId, kind: 'vendor.expiring', link: `/vendors/${v.id}` }, select: { userId: true, title: true } });
    expect(note).toMatchObject({ userId: actors.COMPLIANCE_OFFICER.userId, title: expect.stringContaining('BAA') });
    expect(await db.auditEvent.count({ where: { entityId: v.id, action: 'vendor.expiry_warned' } })).toBe(1);
  });
});

describe('questionnaire link lifecycle', () => {
  it('drafts, then one submission; a second submission and later drafts are refused', async () => {
    const v = await vendor();
    const sent = await vendors.sendQuestionnaire(actors.COMPLIANCE_OFFICER, { vendorId: v.id, templateKey: 'ai-specific' });
    const token = tokenOf(sent.linkPath);
    await vendors.answerQuestionnaireByLink({ token, answers: { 'ai.provenance': 'Licensed corpora' } }, meta, { submit: false });
    await vendors.answerQuestionnaireByLink({ token, answers: { 'ai.retention': '30 days' } }, meta, { submit: false });
    // Submitting with questions left is refused and changes nothing.
    await expect(vendors.answerQuestionnaireByLink({ token, answers: {} }, meta, { submit: true })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await resolveLink(token, 'vendor_questionnaire')).ok).toBe(true);
    await vendors.answerQuestionnaireByLink({ token, answers: allAnswers('ai-specific'), attachments: { 'ai.evaluation': 'https://vendor.example/model-card' } }, meta, { submit: true });
    const q = await db.vendorQuestionnaire.findUniqueOrThrow({ where: { id: sent.id } });
    expect(q.status).toBe('SUBMITTED');
    await expect(vendors.answerQuestionnaireByLink({ token, answers: allAnswers('ai-specific') }, meta, { submit: true })).rejects.toMatchObject({ reason: 'used' });
    await expect(vendors.answerQuestionnaireByLink({ token, answers: { 'ai.retention': 'changed' } }, meta, { submit: false })).rejects.toMatchObject({ reason: 'used' });
    expect((await db.vendorAnswer.findFirstOrThrow({ where: { questionnaireId: sent.id, questionKey: 'ai.retention' } })).answer).toBe('Answer to ai.retention');
    const actions = (await db.auditEvent.findMany({ where: { entityType: 'vendor_questionnaire', entityId: sent.id }, orderBy: { seq: 'asc' }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(['vendor.questionnaire_sent', 'vendor.questionnaire_draft_saved', 'vendor.questionnaire_draft_saved', 'vendor.questionnaire_submitted']);
    expect(await db.notification.count({ where: { kind: 'vendor.questionnaire_submitted', userId: actors.COMPLIANCE_OFFICER.userId! } })).toBeGreaterThan(0);
  });

  it('refuses an expired link and a revoked (withdrawn) one', async () => {
    const v = await vendor();
    const a = await vendors.sendQuestionnaire(actors.COMPLIANCE_OFFICER, { vendorId: v.id, templateKey: 'general-security' });
    const linkA = await db.accessLink.findFirstOrThrow({ where: { subjectId: a.id } });
    await db.accessLink.update({ where: { id: linkA.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(vendors.answerQuestionnaireByLink({ token: tokenOf(a.linkPath), answers: { 'sec.access': 'x' } }, meta, { submit: false })).rejects.toMatchObject({ reason: 'expired' });

    const b = await vendors.sendQuestionnaire(actors.COMPLIANCE_OFFICER, { vendorId: v.id, templateKey: 'general-security' });
    await vendors.withdrawQuestionnaire(actors.COMPLIANCE_OFFICER, { id: b.id });
    await expect(vendors.answerQuestionnaireByLink({ token: tokenOf(b.linkPath), answers: { 'sec.access': 'x' } }, meta, { submit: false })).rejects.toMatchObject({ reason: 'revoked' });
    expect(await db.vendorAnswer.count({ where: { questionnaireId: { in: [a.id, b.id] } } })).toBe(0);

    const c = await vendors.reissueQuestionnaireLink(actors.COMPLIANCE_OFFICER, { id: a.id });
    await vendors.answerQuestionnaireByLink({ token: tokenOf(c.linkPath), answers: { 'sec.access': 'SSO and MFA' } }, meta, { submit: false });
    expect(await db.vendorAnswer.count({ where: { questionnaireId: a.id } })).toBe(1);
  });

  it('an anonymous link writes and reads only its own questionnaire', async () => {
    const v1 = await vendor();
    const v2 = await vendor();
    const mine = await vendors.sendQuestionnaire(actors.COMPLIANCE_OFFICER, { vendorId: v1.id, templateKey: 'general-security' });
    const other = await vendors.sendQuestionnaire(actors.COMPLIANCE_OFFICER, { vendorId: v2.id, templateKey: 'general-security' });
    await vendors.answerQuestionnaireByLink({ token: tokenOf(other.linkPath), answers: { 'sec.access': 'The other vendor’s secret' } }, meta, { submit: false });
    // Ids in the input are not read: the subject comes from the link.
    await vendors.answerQuestionnaireByLink({ token: tokenOf(mine.linkPath), answers: { 'sec.access': 'Mine' }, id: other.id, questionnaireId: other.id } as never, meta, { submit: false });
    expect((await db.vendorAnswer.findFirstOrThrow({ where: { questionnaireId: other.id, questionKey: 'sec.access' } })).answer).toBe('The other vendor’s secret');
    // Unknown question keys are refused.
    await expect(vendors.answerQuestionnaireByLink({ token: tokenOf(mine.linkPath), answers: { 'ai.provenance': 'x' } }, meta, { submit: false })).rejects.toMatchObject({ code: 'VALIDATION' });
    // What the link page reads: its questionnaire, no reviewer notes, nothing of the other vendor.
    const link = await resolveLink(tokenOf(mine.linkPath), 'vendor_questionnaire');
    if (!link.ok) throw new Error(link.reason);
    const view = await queries.questionnaireForLink(link.link);
    expect(view?.id).toBe(mine.id);
    expect(JSON.stringify(view)).not.toContain('secret');
    expect(JSON.stringify(view)).not.toContain('reviewNote');
    // The link's actor holds no grants: it passes the gate for nothing.
    const { linkActor } = await import('@/lib/links/links');
    await expect(queries.listVendors(linkActor(link.link, meta))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(queries.getQuestionnaire(linkActor(link.link, meta), other.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('compliance reviews with per-answer notes; completing makes the answers evidence, once', async () => {
    const v = await vendor();
    const sent = await vendors.sendQuestionnaire(actors.COMPLIANCE_OFFICER, { vendorId: v.id, templateKey: 'ai-specific' });
    await expect(vendors.reviewQuestionnaire(actors.COMPLIANCE_OFFICER, { id: sent.id, complete: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    await vendors.answerQuestionnaireByLink({ token: tokenOf(sent.linkPath), answers: allAnswers('ai-specific'), attachments: { 'ai.evaluation': 'https://vendor.example/eval.pdf' } }, meta, { submit: true });
    await expect(vendors.reviewQuestionnaire(actors.AUDITOR, { id: sent.id, notes: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await vendors.reviewQuestionnaire(actors.COMPLIANCE_OFFICER, { id: sent.id, notes: { 'ai.training-on-customer-data': 'Opt-out must be in the DPA' } });
    const done = await vendors.reviewQuestionnaire(actors.COMPLIANCE_OFFICER, { id: sent.id, notes: {}, summary: 'Acceptable with DPA clause', complete: 'true' });
    expect(done.status).toBe('REVIEWED');
    const ev = await db.evidence.findUniqueOrThrow({ where: { id: done.evidenceId! }, select: { title: true, kind: true, contentType: true } });
    expect(ev).toMatchObject({ kind: 'FILE', title: expect.stringContaining(v.name) });
    expect(await db.evidence.count({ where: { orgId, url: 'https://vendor.example/eval.pdf' } })).toBe(1);
    const view = await queries.getQuestionnaire(actors.AUDITOR, sent.id);
    expect(view.answers['ai.training-on-customer-data'].reviewNote).toBe('Opt-out must be in the DPA');
    await expect(vendors.reviewQuestionnaire(actors.COMPLIANCE_OFFICER, { id: sent.id, complete: true })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
