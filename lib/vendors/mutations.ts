import 'server-only';
import type { z } from 'zod';
import type { Actor, RequestMeta } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { assertActiveMember, assertInOrg } from '@/lib/auth/org';
import { recordEvent } from '@/lib/audit/record';
import { addEvidence, storedEvidenceFile } from '@/lib/audits/evidence/mutations';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { issueLink, revokeLinksFor, useLink } from '@/lib/links/links';
import { notify } from '@/lib/notifications/notify';
import { questionnaireCapabilities } from './capabilities';
import { addMonths, asDate } from './rules';
import {
  addCertificationSchema, addContractSchema, createVendorSchema, linkAnswersSchema, markReviewedSchema, removeItemSchema, reviewNotesSchema,
  sendQuestionnaireSchema, tierAnswersSchema, updateVendorSchema,
  type CreateVendorInput, type LinkAnswersInput, type UpdateVendorInput,
} from './schema';
import { questionKeys, templateByKey } from './templates';
import { TIER_QUESTIONS, tierFor, type TierAnswers } from './tier';

const ENTITY = 'vendor';

async function assertLinks(tx: Tx, orgId: string, data: { aiSystemIds?: string[]; modelIds?: string[]; datasetIds?: string[]; ownerId?: string }) {
  if (data.aiSystemIds) await assertInOrg(tx, orgId, 'aiSystemIds', 'aISystem', data.aiSystemIds);
  if (data.modelIds) await assertInOrg(tx, orgId, 'modelIds', 'model', data.modelIds);
  if (data.datasetIds) await assertInOrg(tx, orgId, 'datasetIds', 'dataset', data.datasetIds);
  if (data.ownerId) await assertActiveMember(tx, orgId, data.ownerId, 'ownerId');
}

async function assertNameFree(tx: Tx, orgId: string, name: string, exceptId?: string) {
  const clash = await tx.vendor.findFirst({ where: { orgId, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new AppError('CONFLICT', `A vendor named ${name} already exists.`, { fieldErrors: { name: ['Already in use'] } });
}

export async function createVendor(actor: Actor, input: CreateVendorInput) {
  authorize(actor, 'vendors:manage');
  const data = createVendorSchema.parse(input);
  return db.$transaction(async (tx) => {
    await assertLinks(tx, actor.orgId, data);
    await assertNameFree(tx, actor.orgId, data.name);
    const subprocessors = [...new Set(data.subprocessors)];
    const vendor = await tx.vendor.create({
      data: {
        orgId: actor.orgId, name: data.name, category: data.category, website: data.website ?? null, contactName: data.contactName ?? null,
        contactEmail: data.contactEmail ?? null, services: data.services, dataShared: data.dataShared ?? null, dataClassification: data.dataClassification,
        subprocessors, aiSystemIds: [...new Set(data.aiSystemIds)], modelIds: [...new Set(data.modelIds)], datasetIds: [...new Set(data.datasetIds)],
        reviewCadenceMonths: data.reviewCadenceMonths, nextReviewAt: addMonths(new Date(), data.reviewCadenceMonths), ownerId: data.ownerId ?? actor.userId,
      },
      select: { id: true, name: true, category: true },
    });
    await recordEvent(tx, actor, { action: 'vendor.created', entityType: ENTITY, entityId: vendor.id, after: { ...data, subprocessors } });
    return vendor;
  });
}

const editable = {
  name: true, category: true, website: true, contactName: true, contactEmail: true, services: true, dataShared: true, dataClassification: true,
  subprocessors: true, aiSystemIds: true, modelIds: true, datasetIds: true, reviewCadenceMonths: true, ownerId: true, lastReviewedAt: true,
} as const;

export async function updateVendor(actor: Actor, input: UpdateVendorInput) {
  authorize(actor, 'vendors:manage');
  const { id, ...data } = updateVendorSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.vendor.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, ...editable } });
    if (!before) throw notFound('The vendor');
    await assertLinks(tx, actor.orgId, data);
    if (data.name) await assertNameFree(tx, actor.orgId, data.name, id);
    const patch = {
      ...data,
      subprocessors: data.subprocessors ? [...new Set(data.subprocessors)] : undefined,
      nextReviewAt: data.reviewCadenceMonths ? addMonths(before.lastReviewedAt ?? new Date(), data.reviewCadenceMonths) : undefined,
    };
    const after = await tx.vendor.update({ where: { id }, data: patch, select: { id: true, ...editable } });
    await recordEvent(tx, actor, { action: 'vendor.updated', entityType: ENTITY, entityId: id, before, after });
    return { id: after.id, name: after.name };
  });
}

/** Sets the tiering answers; the tier follows from them (lib/vendors/tier.ts). */
export async function setVendorTier(actor: Actor, input: z.input<typeof tierAnswersSchema> | Record<string, unknown>) {
  authorize(actor, 'vendors:manage');
  const parsed = tierAnswersSchema.parse(input);
  const answers: TierAnswers = Object.fromEntries(TIER_QUESTIONS.map((q) => [q.key, parsed[q.key] === true]));
  const riskTier = tierFor(answers);
  return db.$transaction(async (tx) => {
    const before = await tx.vendor.findFirst({ where: { id: parsed.id, orgId: actor.orgId }, select: { id: true, riskTier: true, tierAnswers: true } });
    if (!before) throw notFound('The vendor');
    await tx.vendor.update({ where: { id: before.id }, data: { riskTier, tierAnswers: answers } });
    await recordEvent(tx, actor, { action: 'vendor.tiered', entityType: ENTITY, entityId: before.id, before: { riskTier: before.riskTier, tierAnswers: before.tierAnswers }, after: { riskTier, tierAnswers: answers } });
    return { id: before.id, riskTier };
  });
}

/** The periodic review was done today: the next one is due after the cadence. */
export async function markVendorReviewed(actor: Actor, input: { id: string }) {
  authorize(actor, 'vendors:manage');
  const { id } = markReviewedSchema.parse(input);
  return db.$transaction(async (tx) => {
    const v = await tx.vendor.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, reviewCadenceMonths: true, lastReviewedAt: true, nextReviewAt: true } });
    if (!v) throw notFound('The vendor');
    const now = new Date();
    const next = addMonths(now, v.reviewCadenceMonths);
    await tx.vendor.update({ where: { id }, data: { lastReviewedAt: now, nextReviewAt: next } });
    await recordEvent(tx, actor, { action: 'vendor.reviewed', entityType: ENTITY, entityId: id, before: { lastReviewedAt: v.lastReviewedAt, nextReviewAt: v.nextReviewAt }, after: { lastReviewedAt: now, nextReviewAt: next } });
    return { id, nextReviewAt: next.toISOString() };
  });
}

async function vendorInOrg(tx: Tx, actor: Actor, vendorId: string) {
  const v = await tx.vendor.findFirst({ where: { id: vendorId, orgId: actor.orgId }, select: { id: true, name: true, contactEmail: true, contactName: true } });
  if (!v) throw new AppError('NOT_FOUND', 'The vendor was not found.');
  return v;
}

export async function addVendorContract(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'vendors:manage');
  const data = addContractSchema.parse(input);
  if (data.signedAt && data.expiresAt && data.expiresAt < data.signedAt) {
    throw new AppError('VALIDATION', 'A contract cannot expire before it was signed.', { fieldErrors: { expiresAt: ['After the signing date'] } });
  }
  return db.$transaction(async (tx) => {
    await vendorInOrg(tx, actor, data.vendorId);
    const c = await tx.vendorContract.create({
      data: { vendorId: data.vendorId, type: data.type, reference: data.reference ?? null, signedAt: data.signedAt ? asDate(data.signedAt) : null, expiresAt: data.expiresAt ? asDate(data.expiresAt) : null },
      select: { id: true, type: true },
    });
    await recordEvent(tx, actor, { action: 'vendor.contract_added', entityType: ENTITY, entityId: data.vendorId, changes: { contractId: c.id, ...data } });
    return c;
  });
}

export async function addVendorCertification(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'vendors:manage');
  const data = addCertificationSchema.parse(input);
  return db.$transaction(async (tx) => {
    await vendorInOrg(tx, actor, data.vendorId);
    const c = await tx.vendorCertification.create({
      data: { vendorId: data.vendorId, kind: data.kind, label: data.label ?? null, expiresAt: data.expiresAt ? asDate(data.expiresAt) : null },
      select: { id: true, kind: true },
    });
    await recordEvent(tx, actor, { action: 'vendor.certification_added', entityType: ENTITY, entityId: data.vendorId, changes: { certificationId: c.id, ...data } });
    return c;
  });
}

export async function removeVendorContract(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'vendors:manage');
  const { vendorId, itemId } = removeItemSchema.parse(input);
  return db.$transaction(async (tx) => {
    await vendorInOrg(tx, actor, vendorId);
    const c = await tx.vendorContract.findFirst({ where: { id: itemId, vendorId }, select: { id: true, type: true, reference: true, expiresAt: true } });
    if (!c) throw notFound('The contract');
    await tx.vendorContract.delete({ where: { id: c.id } });
    await recordEvent(tx, actor, { action: 'vendor.contract_removed', entityType: ENTITY, entityId: vendorId, changes: { contractId: c.id, type: c.type, reference: c.reference } });
    return { id: c.id };
  });
}

/**
 * Sends a questionnaire to the vendor's contact: the questionnaire and its
 * link (multi-use for drafts, used up by the submission) in one transaction.
 * The link's path is returned once, for the sender to pass on.
 */
export async function sendQuestionnaire(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'vendors:manage');
  const data = sendQuestionnaireSchema.parse(input);
  return db.$transaction(async (tx) => {
    const v = await vendorInOrg(tx, actor, data.vendorId);
    if (!v.contactEmail) throw new AppError('CONFLICT', 'Give the vendor a contact e-mail address first.', { fieldErrors: { vendorId: ['No contact e-mail'] } });
    const q = await tx.vendorQuestionnaire.create({
      data: { orgId: actor.orgId, vendorId: v.id, templateKey: data.templateKey, sentById: actor.userId },
      select: { id: true, templateKey: true, status: true },
    });
    const link = await issueLink(tx, actor, { purpose: 'vendor_questionnaire', subjectId: q.id, singleUse: false, expiresInDays: data.expiresInDays, recipient: v.contactEmail });
    await recordEvent(tx, actor, { action: 'vendor.questionnaire_sent', entityType: 'vendor_questionnaire', entityId: q.id, changes: { vendorId: v.id, templateKey: q.templateKey, recipient: v.contactEmail, linkId: link.id, expiresAt: link.expiresAt.toISOString() } });
    return { id: q.id, vendorId: v.id, linkPath: link.path, expiresAt: link.expiresAt.toISOString() };
  });
}

/** A new link for an open questionnaire (the old ones are revoked): for a lost or expired link. */
export async function reissueQuestionnaireLink(actor: Actor, input: { id: string; expiresInDays?: number }) {
  authorize(actor, 'vendors:manage');
  const id = String(input.id ?? '');
  return db.$transaction(async (tx) => {
    const q = await tx.vendorQuestionnaire.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, status: true, vendor: { select: { contactEmail: true } } } });
    if (!q) throw notFound('The questionnaire');
    if (q.status !== 'SENT') throw new AppError('CONFLICT', 'Only a questionnaire waiting for answers gets a new link.');
    await revokeLinksFor(tx, actor, 'vendor_questionnaire', q.id, 'A new link was issued');
    const link = await issueLink(tx, actor, { purpose: 'vendor_questionnaire', subjectId: q.id, singleUse: false, expiresInDays: input.expiresInDays ?? 30, recipient: q.vendor.contactEmail });
    return { id: q.id, linkPath: link.path, expiresAt: link.expiresAt.toISOString() };
  });
}

/** Withdraws a questionnaire the vendor has not submitted: its links stop working at once. */
export async function withdrawQuestionnaire(actor: Actor, input: { id: string }) {
  authorize(actor, 'vendors:manage');
  const id = String(input.id ?? '');
  return db.$transaction(async (tx) => {
    const q = await tx.vendorQuestionnaire.findFirst({ where: { id, orgId: actor.orgId }, select: { id: true, status: true } });
    if (!q) throw notFound('The questionnaire');
    if (q.status !== 'SENT') throw new AppError('CONFLICT', 'Only a questionnaire waiting for answers can be withdrawn.');
    await tx.vendorQuestionnaire.update({ where: { id }, data: { status: 'WITHDRAWN' } });
    const revoked = await revokeLinksFor(tx, actor, 'vendor_questionnaire', id, 'Questionnaire withdrawn');
    await recordEvent(tx, actor, { action: 'vendor.questionnaire_withdrawn', entityType: 'vendor_questionnaire', entityId: id, changes: { revokedLinks: revoked } });
    return { id };
  });
}

/**
 * The vendor saves answers (a draft) or submits them, through the link only:
 * the link is used in this transaction (checked again under its row lock),
 * and the questionnaire written is the link's subject, never an id from the
 * form. Unknown question keys are refused; a submission needs every answer
 * and uses the link up.
 */
export async function answerQuestionnaireByLink(input: LinkAnswersInput, meta: RequestMeta, opts: { submit: boolean }) {
  const data = linkAnswersSchema.parse(input);
  return db.$transaction(async (tx) => {
    const { link, actor } = await useLink(tx, data.token, 'vendor_questionnaire', meta, { action: opts.submit ? 'submit' : 'save_draft', final: opts.submit });
    const q = await tx.vendorQuestionnaire.findFirst({ where: { id: link.subjectId, orgId: link.orgId }, select: { id: true, status: true, templateKey: true, vendorId: true, sentById: true, vendor: { select: { name: true } } } });
    if (!q) throw new AppError('NOT_FOUND', 'The questionnaire was not found.');
    if (q.status !== 'SENT') throw new AppError('CONFLICT', 'This questionnaire has already been submitted and cannot be changed.');
    const template = templateByKey(q.templateKey);
    if (!template) throw new AppError('CONFLICT', 'This questionnaire’s template is no longer available.');
    const keys = new Set(questionKeys(template));
    const unknown = [...Object.keys(data.answers), ...Object.keys(data.attachments)].filter((k) => !keys.has(k));
    if (unknown.length) throw new AppError('VALIDATION', 'Some answers are for questions this questionnaire does not have.', { fieldErrors: Object.fromEntries(unknown.map((k) => [`answers.${k}`, ['Unknown question']])) });
    for (const key of keys) {
      const answer = data.answers[key];
      const attachment = data.attachments[key];
      if (answer === undefined && attachment === undefined) continue;
      const values = { answer: answer ?? '', attachmentUrl: attachment ? attachment : null };
      await tx.vendorAnswer.upsert({ where: { questionnaireId_questionKey: { questionnaireId: q.id, questionKey: key } }, create: { questionnaireId: q.id, questionKey: key, ...values }, update: values });
    }
    if (opts.submit) {
      const saved = await tx.vendorAnswer.findMany({ where: { questionnaireId: q.id }, select: { questionKey: true, answer: true } });
      const answered = new Set(saved.filter((a) => a.answer.trim()).map((a) => a.questionKey));
      const missing = [...keys].filter((k) => !answered.has(k));
      if (missing.length) throw new AppError('VALIDATION', `Answer every question before submitting (${missing.length} left).`, { fieldErrors: Object.fromEntries(missing.map((k) => [`answers.${k}`, ['Answer this question']])) });
      await tx.vendorQuestionnaire.update({ where: { id: q.id }, data: { status: 'SUBMITTED', submittedAt: new Date() } });
      if (q.sentById) {
        await notify(tx, {
          orgId: link.orgId, userIds: [q.sentById], kind: 'vendor.questionnaire_submitted', title: `${q.vendor.name} submitted “${template.title}”`,
          link: `/vendors/questionnaires/${q.id}`, entity: { type: 'vendor_questionnaire', id: q.id }, dedupeKey: `vendor-questionnaire-submitted:${q.id}`,
        });
      }
    }
    await recordEvent(tx, actor, {
      action: opts.submit ? 'vendor.questionnaire_submitted' : 'vendor.questionnaire_draft_saved',
      entityType: 'vendor_questionnaire',
      entityId: q.id,
      changes: { answered: Object.keys(data.answers).length, attachments: Object.values(data.attachments).filter(Boolean).length },
    });
    return { id: q.id, submitted: opts.submit };
  });
}

/**
 * Compliance's review: a note per answer, and on completion the answers
 * become evidence (a Markdown file of the questions and answers, added
 * through the evidence domain), each document link a link evidence and each
 * attached document a file evidence (the stored file itself, not a copy).
 */
export async function reviewQuestionnaire(actor: Actor, input: Record<string, unknown>) {
  authorize(actor, 'vendors:manage');
  const data = reviewNotesSchema.parse(input);
  const q = await db.vendorQuestionnaire.findFirst({
    where: { id: data.id, orgId: actor.orgId },
    select: { id: true, status: true, templateKey: true, submittedAt: true, vendor: { select: { name: true } }, answers: { select: { questionKey: true, answer: true, attachmentUrl: true } },
      documents: { orderBy: [{ uploadedAt: 'asc' }, { id: 'asc' }], select: { id: true, questionKey: true, fileName: true, contentType: true, size: true, sha256: true, storageKey: true } },
    },
  });
  if (!q) throw notFound('The questionnaire');
  if (!questionnaireCapabilities(actor, q).review) throw new AppError('CONFLICT', q.status === 'REVIEWED' ? 'This questionnaire has already been reviewed.' : 'The vendor has not submitted this questionnaire yet.');
  const template = templateByKey(q.templateKey)!;
  const keys = new Set(questionKeys(template));
  const unknown = Object.keys(data.notes).filter((k) => !keys.has(k));
  if (unknown.length) throw new AppError('VALIDATION', 'Some notes are for questions this questionnaire does not have.', { fieldErrors: Object.fromEntries(unknown.map((k) => [`notes.${k}`, ['Unknown question']])) });

  let evidenceId: string | null = null;
  const documentEvidence: { id: string; evidenceId: string }[] = [];
  if (data.complete) {
    const byKey = new Map(q.answers.map((a) => [a.questionKey, a]));
    const md = [
      `# ${template.title}: ${q.vendor.name}`,
      '',
      `Submitted ${q.submittedAt?.toISOString() ?? ''} through a one-time link; reviewed by ${actor.label}.`,
      ...template.sections.flatMap((s) => ['', `## ${s.title}`, ...s.questions.flatMap((qq) => {
        const a = byKey.get(qq.key);
        const files = q.documents.filter((d) => d.questionKey === qq.key).map((d) => `Attached: ${d.fileName} (${d.size} bytes, SHA-256 ${d.sha256})`);
        return ['', `### ${qq.text}`, '', a?.answer || '(no answer)', ...(a?.attachmentUrl ? ['', `Document: ${a.attachmentUrl}`] : []), ...(files.length ? ['', ...files] : []), ...(data.notes[qq.key] ? ['', `Reviewer's note: ${data.notes[qq.key]}`] : [])];
      })]),
      '',
    ].join('\n');
    const ev = await addEvidence(actor, { title: `Vendor questionnaire: ${q.vendor.name} (${template.title})`, description: data.summary ?? null }, { name: `questionnaire-${q.id}.md`, bytes: Buffer.from(md, 'utf8') });
    evidenceId = ev.id;
    const questionText = (key: string) => template.sections.flatMap((s) => s.questions).find((x) => x.key === key)?.text.slice(0, 120) ?? key;
    for (const a of q.answers.filter((x) => x.attachmentUrl)) {
      await addEvidence(actor, { title: `${q.vendor.name}: document for “${questionText(a.questionKey)}”`, url: a.attachmentUrl! });
    }
    // The vendor's uploads are already in the evidence store, checked and hashed: they become evidence as they are.
    for (const d of q.documents) {
      const ev = await addEvidence(
        actor,
        { title: `${q.vendor.name}: ${d.fileName} for “${questionText(d.questionKey)}”`.slice(0, 200), description: `Attached by the vendor to the questionnaire “${template.title}” through its link.` },
        storedEvidenceFile({ name: d.fileName, storageKey: d.storageKey, size: d.size, sha256: d.sha256, contentType: d.contentType }),
      );
      documentEvidence.push({ id: d.id, evidenceId: ev.id });
    }
  }
  return db.$transaction(async (tx) => {
    // The status is checked again: two reviewers completing at once leave one review.
    if (data.complete) {
      const res = await tx.vendorQuestionnaire.updateMany({ where: { id: q.id, status: 'SUBMITTED' }, data: { status: 'REVIEWED', reviewedAt: new Date(), reviewedById: actor.userId, reviewSummary: data.summary ?? null, evidenceId } });
      if (!res.count) throw new AppError('CONFLICT', 'This questionnaire has already been reviewed.');
      for (const d of documentEvidence) await tx.vendorDocument.update({ where: { id: d.id }, data: { evidenceId: d.evidenceId } });
    }
    for (const [key, note] of Object.entries(data.notes)) {
      await tx.vendorAnswer.upsert({
        where: { questionnaireId_questionKey: { questionnaireId: q.id, questionKey: key } },
        create: { questionnaireId: q.id, questionKey: key, answer: '', reviewNote: note || null },
        update: { reviewNote: note || null },
      });
    }
    await recordEvent(tx, actor, {
      action: data.complete ? 'vendor.questionnaire_reviewed' : 'vendor.questionnaire_notes_saved',
      entityType: 'vendor_questionnaire',
      entityId: q.id,
      changes: { notes: data.notes, summary: data.summary ?? null, evidenceId, documentEvidenceIds: documentEvidence.map((d) => d.evidenceId) },
    });
    return { id: q.id, status: data.complete ? 'REVIEWED' : q.status, evidenceId };
  });
}
