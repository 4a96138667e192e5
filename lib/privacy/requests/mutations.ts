import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db, type Tx } from '@/lib/db';
import { eraseSubject, recordDecisionReview } from '@/lib/decisions/mutations';
import { notFound } from '@/lib/errors';
import { conflict, invalid, notInFuture } from '../checks';
import { requestDeadlines } from '../clocks';
import {
  completeRequestSchema,
  completeTaskSchema,
  type CompleteTaskInput,
  createRequestSchema,
  ERASURE_TYPES,
  HUMAN_REVIEW_TYPES,
  OPEN_STATUSES,
  reasonSchema,
  regimeOfType,
  type CreateRequestData,
  type CreateRequestInput,
  type RequestStatus,
} from '../schema';
import { locateDatasets } from './locate';

const newReference = (at: Date) => `DSR-${at.getUTCFullYear()}-${randomBytes(3).toString('hex').toUpperCase()}`;

export async function createSubjectRequest(actor: Actor, input: CreateRequestInput, opts: { now?: Date } = {}) {
  authorize(actor, 'privacy:manage');
  const data = createRequestSchema.parse(input);
  const now = opts.now ?? new Date();
  notInFuture(data.receivedAt, 'receivedAt', 'The receipt date', now);
  const regime = regimeOfType(data.type);
  if (data.regime && data.regime !== regime) throw invalid('regime', `A ${data.type} request is a ${regime} request.`);
  return db.$transaction((tx) => insertSubjectRequest(tx, actor, data, { handlerId: actor.userId, channel: 'STAFF' }));
}

/**
 * Writes a checked request with its statutory clock and its audit event, in
 * the caller's transaction: staff intake and the public form both end here.
 */
export async function insertSubjectRequest(tx: Tx, actor: Actor, data: CreateRequestData, opts: { handlerId: string | null; channel: 'STAFF' | 'PUBLIC' }) {
  const regime = regimeOfType(data.type);
  const deadlines = requestDeadlines(regime, data.receivedAt);
  if (data.systemId) {
    const system = await tx.aISystem.findFirst({ where: { id: data.systemId, orgId: actor.orgId }, select: { id: true } });
    if (!system) throw invalid('systemId', `Unknown AI system: ${data.systemId}.`);
  }
  const created = await tx.subjectRequest.create({
    data: {
      orgId: actor.orgId,
      reference: newReference(data.receivedAt),
      regime,
      type: data.type,
      subjectName: data.subjectName,
      subjectEmail: data.subjectEmail,
      subjectRef: data.subjectRef,
      dataCategories: data.dataCategories,
      location: data.location,
      details: data.details,
      systemId: data.systemId ?? null,
      handlerId: opts.handlerId,
      channel: opts.channel,
      receivedAt: data.receivedAt,
      dueAt: deadlines.dueAt,
      confirmDueAt: deadlines.confirmDueAt,
    },
    select: { id: true, reference: true, regime: true, type: true, status: true, receivedAt: true, dueAt: true, confirmDueAt: true },
  });
  // The subject's name and address stay out of the append-only trail (erasure must be able to remove them).
  await recordEvent(tx, actor, {
    action: 'privacy.request_received',
    entityType: 'subject-request',
    entityId: created.id,
    after: { reference: created.reference, regime, type: data.type, channel: opts.channel, receivedAt: data.receivedAt.toISOString(), dueAt: created.dueAt.toISOString() },
  });
  return { ...created, receivedAt: created.receivedAt.toISOString(), dueAt: created.dueAt.toISOString(), confirmDueAt: created.confirmDueAt?.toISOString() ?? null };
}

async function lockRequest(tx: Tx, actor: Actor, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SubjectRequest" WHERE id = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
  if (!rows.length) throw notFound('The request');
  return tx.subjectRequest.findUniqueOrThrow({ where: { id } });
}

function requireOpen(status: RequestStatus) {
  if (!OPEN_STATUSES.includes(status)) throw conflict(`The request is ${status.toLowerCase()}; it can no longer change.`);
}

/** Identity verification has been asked of the subject (the clock keeps running). */
export async function startVerification(actor: Actor, id: string) {
  authorize(actor, 'privacy:manage');
  return db.$transaction(async (tx) => {
    const r = await lockRequest(tx, actor, id);
    if (r.status !== 'RECEIVED') throw conflict('Verification starts from a received request.');
    await tx.subjectRequest.update({ where: { id }, data: { status: 'VERIFYING' } });
    await recordEvent(tx, actor, { action: 'privacy.request_verifying', entityType: 'subject-request', entityId: id, before: { status: r.status }, after: { status: 'VERIFYING' } });
    return { id, status: 'VERIFYING' as const };
  });
}

/**
 * The subject's identity is verified: the request goes in progress and its
 * fulfilment tasks are raised in the same transaction — a deletion task per
 * owner of a dataset that holds the subject's data (erasure), a human review
 * for the owner of the system that decided (Art. 22).
 */
export async function verifyIdentity(actor: Actor, id: string, opts: { now?: Date } = {}) {
  authorize(actor, 'privacy:manage');
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const r = await lockRequest(tx, actor, id);
    if (r.status !== 'RECEIVED' && r.status !== 'VERIFYING') throw conflict('The identity is already verified.');
    await tx.subjectRequest.update({ where: { id }, data: { status: 'IN_PROGRESS', verifiedAt: now } });
    const tasks: { kind: 'DELETION' | 'HUMAN_REVIEW'; title: string; assigneeId: string | null; datasetId?: string; systemId?: string }[] = [];
    if (ERASURE_TYPES.includes(r.type)) {
      for (const d of await locateDatasets(tx, actor.orgId, r.dataCategories, r.location)) {
        tasks.push({ kind: 'DELETION', title: `Delete ${r.reference}'s data from ${d.name}`, assigneeId: d.ownerId, datasetId: d.id });
      }
    }
    if (HUMAN_REVIEW_TYPES.includes(r.type)) {
      const system = r.systemId ? await tx.aISystem.findFirst({ where: { id: r.systemId, orgId: actor.orgId }, select: { id: true, name: true, technicalOwnerId: true, businessOwnerId: true } }) : null;
      tasks.push({ kind: 'HUMAN_REVIEW', title: `Human review of the automated decision for ${r.reference}${system ? ` (${system.name})` : ''}`, assigneeId: system?.businessOwnerId ?? system?.technicalOwnerId ?? null, systemId: system?.id });
    }
    if (tasks.length) await tx.privacyTask.createMany({ data: tasks.map((t) => ({ ...t, orgId: actor.orgId, requestId: id })) });
    await recordEvent(tx, actor, {
      action: 'privacy.request_verified',
      entityType: 'subject-request',
      entityId: id,
      before: { status: r.status },
      after: { status: 'IN_PROGRESS', verifiedAt: now.toISOString(), tasks: tasks.map((t) => ({ kind: t.kind, datasetId: t.datasetId ?? null, systemId: t.systemId ?? null })) },
    });
    return { id, status: 'IN_PROGRESS' as const, tasks: tasks.length };
  });
}

/** CCPA: receipt confirmed to the consumer (within 10 business days). */
export async function confirmReceipt(actor: Actor, id: string, opts: { now?: Date } = {}) {
  authorize(actor, 'privacy:manage');
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const r = await lockRequest(tx, actor, id);
    requireOpen(r.status);
    if (!r.confirmDueAt) throw conflict('Only CCPA requests have a receipt confirmation.');
    if (r.confirmedAt) throw conflict('Receipt is already confirmed.');
    await tx.subjectRequest.update({ where: { id }, data: { confirmedAt: now } });
    await recordEvent(tx, actor, { action: 'privacy.request_receipt_confirmed', entityType: 'subject-request', entityId: id, after: { confirmedAt: now.toISOString(), late: now > r.confirmDueAt } });
    return { id, confirmedAt: now.toISOString() };
  });
}

/**
 * Extends the deadline once, with the reasoned notice to the subject: GDPR by
 * two further months, given within the first month; CCPA by 45 days.
 */
export async function extendRequest(actor: Actor, id: string, input: { reason: string }, opts: { now?: Date } = {}) {
  authorize(actor, 'privacy:manage');
  const { reason } = reasonSchema.parse(input);
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const r = await lockRequest(tx, actor, id);
    requireOpen(r.status);
    if (r.extendedAt) throw conflict('The deadline has already been extended once.');
    if (now > r.dueAt) throw conflict('The notice of an extension must reach the subject before the first deadline; it has passed.');
    const { extendedDueAt } = requestDeadlines(r.regime, r.receivedAt);
    await tx.subjectRequest.update({ where: { id }, data: { status: 'EXTENDED', extendedAt: now, extensionReason: reason, dueAt: extendedDueAt } });
    await recordEvent(tx, actor, {
      action: 'privacy.request_extended',
      entityType: 'subject-request',
      entityId: id,
      before: { status: r.status, dueAt: r.dueAt.toISOString() },
      after: { status: 'EXTENDED', dueAt: extendedDueAt.toISOString() },
      reason,
    });
    return { id, status: 'EXTENDED' as const, dueAt: extendedDueAt.toISOString() };
  });
}

async function close(actor: Actor, id: string, status: 'COMPLETED' | 'REFUSED', reason: string, now: Date) {
  return db.$transaction(async (tx) => {
    const r = await lockRequest(tx, actor, id);
    requireOpen(r.status);
    let erased: { decisionCount: number } | null = null;
    const erasure = status === 'COMPLETED' && ERASURE_TYPES.includes(r.type);
    if (status === 'COMPLETED') {
      if (r.status === 'RECEIVED' || r.status === 'VERIFYING') throw conflict('Verify the subject’s identity before fulfilling the request.');
      const open = await tx.privacyTask.count({ where: { requestId: id, status: 'OPEN' } });
      if (open) throw conflict(`${open} task${open === 1 ? ' is' : 's are'} still open (deletion confirmations, human review).`);
      // The decision log's copy is crypto-shredded in this same transaction: the key goes, the proofs stay.
      if (erasure && r.subjectRef) erased = await eraseSubject(actor, r.subjectRef, `Erasure request ${r.reference}`, tx);
    }
    const late = now > r.dueAt;
    // An erased subject's name, address and free text leave the request too; the reference and the dates stay as the proof of the answer.
    const blanked = erasure ? { subjectName: '[erased]', subjectEmail: '', details: '', location: '' } : {};
    await tx.subjectRequest.update({ where: { id }, data: { status, closedAt: now, closeReason: reason || null, answeredLate: late, overdue: false, ...blanked } });
    await recordEvent(tx, actor, {
      action: status === 'COMPLETED' ? 'privacy.request_completed' : 'privacy.request_refused',
      entityType: 'subject-request',
      entityId: id,
      before: { status: r.status },
      after: { status, closedAt: now.toISOString(), answeredLate: late, ...(erasure ? { personalDataBlanked: true, decisionsErased: erased?.decisionCount ?? 0 } : {}) },
      reason: reason || null,
    });
    return { id, status, answeredLate: late, decisionsErased: erased?.decisionCount ?? null };
  });
}

export async function refuseRequest(actor: Actor, id: string, input: { reason: string }, opts: { now?: Date } = {}) {
  authorize(actor, 'privacy:manage');
  const { reason } = reasonSchema.parse(input);
  const { decisionsErased: _d, ...closed } = await close(actor, id, 'REFUSED', reason, opts.now ?? new Date());
  return closed;
}

/**
 * Fulfils the request in one transaction. For an erasure the decision log's
 * copy is crypto-shredded (eraseSubject in the same transaction) and the
 * subject's personal data on the request itself is blanked; if anything is
 * refused, nothing is erased.
 */
export async function completeRequest(actor: Actor, id: string, input: { note?: string } = {}, opts: { now?: Date } = {}) {
  authorize(actor, 'privacy:manage');
  const { note } = completeRequestSchema.parse(input);
  return close(actor, id, 'COMPLETED', note, opts.now ?? new Date());
}

/**
 * The assignee (or a privacy officer) records a task's outcome; a deletion
 * needs its evidence. A human review (Art. 22) is recorded against the
 * decision it reviewed, upheld or changed, in the decision log's own review
 * record and in this same transaction.
 */
export async function completePrivacyTask(actor: Actor, taskId: string, input: CompleteTaskInput, opts: { requestId?: string } = {}) {
  const data = completeTaskSchema.parse(input);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "PrivacyTask" WHERE id = ${taskId} AND "orgId" = ${actor.orgId} FOR UPDATE`;
    if (!rows.length) throw notFound('The task');
    const task = await tx.privacyTask.findUniqueOrThrow({ where: { id: taskId } });
    if (opts.requestId && task.requestId !== opts.requestId) throw notFound('The task');
    if (!can(actor, 'privacy:manage')) authorize(actor, 'privacy:respond', { ownerIds: [task.assigneeId] });
    if (task.status === 'DONE') throw conflict('The task is already done.');
    if (task.kind === 'DELETION' && !data.evidence) throw invalid('evidence', 'A deletion needs its evidence (job id, ticket, query log).');
    const review = task.kind === 'HUMAN_REVIEW' ? await recordReview(tx, actor, task, data) : null;
    if (!review && (data.result || data.decisionId)) throw invalid('result', 'Only a human review records what became of a decision.');
    const now = new Date();
    const outcome = review?.outcome ?? data.outcome;
    const evidence = review?.evidence ?? (data.evidence || null);
    await tx.privacyTask.update({ where: { id: taskId }, data: { status: 'DONE', outcome, evidence, doneAt: now, doneById: actor.userId, decisionId: review?.decisionId ?? null } });
    await recordEvent(tx, actor, {
      action: 'privacy.task_done',
      entityType: 'privacy-task',
      entityId: taskId,
      before: { status: 'OPEN' },
      after: { status: 'DONE', kind: task.kind, requestId: task.requestId, datasetId: task.datasetId, outcome, evidence, ...(review ? { decisionId: review.decisionId, decisionReviewId: review.id, result: data.result } : {}) },
    });
    return { id: taskId, status: 'DONE' as const, decisionReviewId: review?.id ?? null };
  });
}

/**
 * The human review's outcome: against the decision chosen among the
 * subject's logged decisions (on the task's system). Without one it is only
 * allowed when the log holds no decision about the subject there.
 */
async function recordReview(tx: Tx, actor: Actor, task: { id: string; requestId: string | null; systemId: string | null }, data: ReturnType<typeof completeTaskSchema.parse>) {
  if (!data.result) throw invalid('result', 'Say whether the decision is upheld or changed.');
  const request = task.requestId ? await tx.subjectRequest.findFirst({ where: { id: task.requestId, orgId: actor.orgId }, select: { reference: true, subjectRef: true } }) : null;
  const label = data.result === 'CHANGED' ? `Changed to “${data.newOutcome}”` : 'Upheld';
  if (!data.decisionId) {
    const logged = request?.subjectRef ? await tx.decision.count({ where: { orgId: actor.orgId, subjectRef: request.subjectRef, ...(task.systemId ? { systemId: task.systemId } : {}) } }) : 0;
    if (logged) throw invalid('decisionId', 'Choose the decision that was reviewed: the decision log holds the subject’s decisions.');
    return { id: null, decisionId: null, outcome: `${label} (decision not in the log): ${data.outcome}`, evidence: data.evidence || null };
  }
  if (!request?.subjectRef) throw invalid('decisionId', 'The request names no decision-log reference: record the review without a decision.');
  const review = await recordDecisionReview(
    actor,
    { decisionId: data.decisionId, result: data.result, newOutcome: data.newOutcome, reason: data.outcome },
    { expect: { subjectRef: request.subjectRef, systemId: task.systemId }, privacyTaskId: task.id, requestReference: request.reference },
    tx,
  );
  return { id: review.id, decisionId: data.decisionId, outcome: `${label}: ${data.outcome}`, evidence: `Decision review ${review.id}, hash ${review.hash}` };
}

/**
 * Marks open requests whose deadline passed as overdue, once, with an audit
 * event each. Run by the scheduled job; reads never write this.
 */
export async function recordOverdueRequests(actor: Actor, now: Date): Promise<number> {
  authorize(actor, 'privacy:manage');
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; reference: string; dueAt: Date }[]>`
      UPDATE "SubjectRequest" SET overdue = true, "updatedAt" = ${now}
      WHERE "orgId" = ${actor.orgId} AND overdue = false AND "dueAt" < ${now}
        AND status IN ('RECEIVED', 'VERIFYING', 'IN_PROGRESS', 'EXTENDED')
      RETURNING id, reference, "dueAt"`;
    for (const r of due) {
      await recordEvent(tx, actor, { action: 'privacy.request_overdue', entityType: 'subject-request', entityId: r.id, changes: { overdue: true, dueAt: r.dueAt.toISOString() }, reason: `${r.reference} passed its deadline unanswered` });
    }
    return due.length;
  });
}
