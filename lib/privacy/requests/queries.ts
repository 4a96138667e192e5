import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { auditorScope, subjectRequestWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { findDecisionsBySubject } from '@/lib/decisions/queries';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { daysLeft, requestClocks, requestDeadlines } from '../clocks';
import { EXPORT_TYPES, listRequestsQuerySchema, OPEN_STATUSES, type ListRequestsQuery, type RequestStatus, type SubjectRequestType } from '../schema';
import { locateDatasets } from './locate';

function requestCapabilities(actor: Actor, r: { status: RequestStatus; type: SubjectRequestType; verifiedAt: Date | null; extendedAt: Date | null; dueAt: Date; confirmDueAt: Date | null; confirmedAt: Date | null }, now: Date) {
  const manage = can(actor, 'privacy:manage');
  const open = OPEN_STATUSES.includes(r.status);
  return {
    verify: manage && (r.status === 'RECEIVED' || r.status === 'VERIFYING'),
    startVerification: manage && r.status === 'RECEIVED',
    confirmReceipt: manage && open && !!r.confirmDueAt && !r.confirmedAt,
    extend: manage && open && !r.extendedAt && now <= r.dueAt,
    refuse: manage && open,
    complete: manage && (r.status === 'IN_PROGRESS' || r.status === 'EXTENDED'),
    export: manage && EXPORT_TYPES.includes(r.type) && !!r.verifiedAt,
  };
}

export async function listSubjectRequests(actor: Actor, input: ListRequestsQuery = {}, opts: { now?: Date } = {}) {
  authorize(actor, 'privacy:read');
  const q = listRequestsQuerySchema.parse(input);
  const now = opts.now ?? new Date();
  const where: Prisma.SubjectRequestWhereInput = {
    orgId: actor.orgId,
    ...subjectRequestWhere(await auditorScope(actor)),
    ...(q.status ? { status: q.status } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.open ? { status: q.open === 'true' ? { in: [...OPEN_STATUSES] } : { notIn: [...OPEN_STATUSES] } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.subjectRequest.findMany({
      where,
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: { id: true, reference: true, regime: true, type: true, status: true, subjectName: true, receivedAt: true, dueAt: true, closedAt: true, overdue: true, answeredLate: true, extendedAt: true },
    }),
    db.subjectRequest.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      regime: r.regime,
      type: r.type,
      status: r.status,
      subjectName: r.subjectName,
      receivedAt: r.receivedAt.toISOString(),
      dueAt: r.dueAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      daysLeft: OPEN_STATUSES.includes(r.status) ? daysLeft(r.dueAt, now) : null,
      extended: !!r.extendedAt,
      overdue: r.overdue,
      answeredLate: r.answeredLate,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
    capabilities: { create: can(actor, 'privacy:manage') },
  };
}

export async function getSubjectRequest(actor: Actor, id: string, opts: { now?: Date } = {}) {
  const now = opts.now ?? new Date();
  // The privacy team reads every request (auditors within their scope); anyone else only the requests they hold a task on (a system owner's human review).
  const team = can(actor, 'privacy:read');
  const scope = team ? subjectRequestWhere(await auditorScope(actor)) : { tasks: { some: { assigneeId: actor.userId ?? '-' } } };
  const r = await db.subjectRequest.findFirst({ where: { id, orgId: actor.orgId, ...scope }, include: { tasks: { orderBy: { createdAt: 'asc' } } } });
  authorize(actor, 'privacy:read', team ? undefined : { ownerIds: r?.tasks.map((t) => t.assigneeId) ?? [] });
  if (!r) throw notFound('The request');
  const [datasets, users, system] = await Promise.all([
    locateDatasets(db, actor.orgId, r.dataCategories, r.location),
    db.user.findMany({ where: { orgId: actor.orgId, id: { in: [r.handlerId, ...r.tasks.map((t) => t.assigneeId)].filter((x): x is string => !!x) } }, select: { id: true, name: true } }),
    r.systemId ? db.aISystem.findFirst({ where: { id: r.systemId, orgId: actor.orgId }, select: { id: true, name: true } }) : null,
  ]);
  const nameOf = (uid: string | null) => users.find((u) => u.id === uid)?.name ?? null;
  // Decisions about the subject in the decision log, by their pseudonymous reference.
  const log = r.subjectRef && can(actor, 'decisions:read') ? await findDecisionsBySubject(actor, null, r.subjectRef) : null;
  const decisions = log
    ? { known: log.known, erasedAt: log.erasedAt?.toISOString() ?? null, count: log.decisions.length, truncated: log.truncated, recent: log.decisions.slice(0, 20).map((d) => ({ id: d.id, systemId: d.systemId, decidedAt: d.decidedAt.toISOString(), outcome: d.outcome, humanReviewed: d.humanReviewed })) }
    : null;
  const originalDueAt = requestDeadlines(r.regime, r.receivedAt).dueAt;
  return {
    id: r.id,
    reference: r.reference,
    regime: r.regime,
    type: r.type,
    status: r.status,
    subjectName: r.subjectName,
    subjectEmail: r.subjectEmail,
    subjectRef: r.subjectRef,
    dataCategories: r.dataCategories,
    location: r.location,
    details: r.details,
    system,
    handler: nameOf(r.handlerId),
    channel: r.channel,
    receivedAt: r.receivedAt.toISOString(),
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
    originalDueAt: originalDueAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    daysLeft: OPEN_STATUSES.includes(r.status) ? daysLeft(r.dueAt, now) : null,
    extendedAt: r.extendedAt?.toISOString() ?? null,
    extensionReason: r.extensionReason,
    closedAt: r.closedAt?.toISOString() ?? null,
    closeReason: r.closeReason,
    overdue: r.overdue,
    answeredLate: r.answeredLate,
    clocks: requestClocks(r, now),
    datasets: datasets.map(({ ownerId: _o, ...d }) => d),
    decisions,
    tasks: r.tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      title: t.title,
      status: t.status,
      assignee: nameOf(t.assigneeId),
      outcome: t.outcome,
      evidence: t.evidence,
      doneAt: t.doneAt?.toISOString() ?? null,
      decisionId: t.decisionId,
      decisions:
        t.kind === 'HUMAN_REVIEW' && t.status === 'OPEN' && log
          ? log.decisions.filter((d) => !t.systemId || d.systemId === t.systemId).slice(0, 20).map((d) => ({ id: d.id, ref: d.ref, decidedAt: d.decidedAt.toISOString(), outcome: d.outcome }))
          : [],
      capabilities: { complete: t.status === 'OPEN' && (can(actor, 'privacy:manage') || can(actor, 'privacy:respond', { ownerIds: [t.assigneeId] })) },
    })),
    capabilities: requestCapabilities(actor, r, now),
  };
}
export type SubjectRequestDetail = Awaited<ReturnType<typeof getSubjectRequest>>;

/** The privacy tasks assigned to the caller (deletion confirmations, human reviews), for their home page; a retention deletion (no request) is answered there. */
export async function myPrivacyTasks(actor: Actor) {
  if (!actor.userId) return [];
  const tasks = await db.privacyTask.findMany({
    where: { orgId: actor.orgId, assigneeId: actor.userId, status: 'OPEN' },
    orderBy: { createdAt: 'asc' },
    take: 50,
    select: { id: true, kind: true, title: true, requestId: true, datasetId: true, request: { select: { dueAt: true, reference: true } } },
  });
  const datasetIds = [...new Set(tasks.flatMap((t) => (t.datasetId ? [t.datasetId] : [])))];
  const datasets = datasetIds.length ? await db.dataset.findMany({ where: { orgId: actor.orgId, id: { in: datasetIds } }, select: { id: true, name: true } }) : [];
  const name = new Map(datasets.map((d) => [d.id, d.name]));
  return tasks.map((t) => ({ id: t.id, kind: t.kind, title: t.title, requestId: t.requestId, reference: t.request?.reference ?? null, dueAt: t.request?.dueAt.toISOString() ?? null, dataset: (t.datasetId && name.get(t.datasetId)) || null }));
}
