import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { personBehind } from '@/lib/auth/person';
import { entityHistory } from '@/lib/audit/queries';
import { auditorScope, findingWhere, type AuditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { findingCapabilities } from './rules';
import { ACTIVE_STATUSES, listFindingsQuerySchema, type FindingSummary, type ListFindingsQuery } from './schema';

const DAY = 86_400_000;

/** An accepted risk whose acceptance has run out counts as open at once,
 *  in every read, before the scheduled reopening writes it down. */
const expiredAcceptance = (now: Date): Prisma.FindingWhereInput => ({ status: 'RISK_ACCEPTED', riskExpiresAt: { lte: now } });
const activeWhere = (now: Date): Prisma.FindingWhereInput => ({ OR: [{ status: { in: ACTIVE_STATUSES } }, expiredAcceptance(now)] });

export function findingFilterWhere(actor: Actor, scope: AuditorScope, q: ReturnType<typeof listFindingsQuerySchema.parse>, now = new Date()) {
  const and: Prisma.FindingWhereInput[] = [{ orgId: actor.orgId }, findingWhere(scope)];
  if (q.auditId) and.push({ auditId: q.auditId });
  if (q.severity) and.push({ severity: q.severity });
  if (q.status === 'ACTIVE') and.push(activeWhere(now));
  else if (q.status === 'OPEN') and.push({ OR: [{ status: 'OPEN' }, expiredAcceptance(now)] });
  else if (q.status === 'RISK_ACCEPTED') and.push({ status: 'RISK_ACCEPTED', OR: [{ riskExpiresAt: null }, { riskExpiresAt: { gt: now } }] });
  else if (q.status) and.push({ status: q.status });
  if (q.ownerId) and.push({ ownerId: q.ownerId });
  if (q.frameworkId) and.push({ requirements: { some: { requirement: { frameworkId: q.frameworkId } } } });
  if (q.q) and.push({ title: { contains: q.q, mode: 'insensitive' } });
  if (q.overdue === 'true') and.push(activeWhere(now), { dueDate: { lt: now } });
  return { AND: and } satisfies Prisma.FindingWhereInput;
}

export const summarySelect = {
  id: true,
  title: true,
  severity: true,
  status: true,
  source: true,
  auditId: true,
  audit: { select: { title: true } },
  ownerId: true,
  owner: { select: { name: true } },
  dueDate: true,
  createdAt: true,
  closedAt: true,
  riskExpiresAt: true,
} satisfies Prisma.FindingSelect;

type SummaryRow = Prisma.FindingGetPayload<{ select: typeof summarySelect }>;

export function toSummary(f: SummaryRow, now = Date.now()): FindingSummary {
  const end = f.closedAt?.getTime() ?? now;
  const riskAcceptanceExpired = f.status === 'RISK_ACCEPTED' && !!f.riskExpiresAt && f.riskExpiresAt.getTime() <= now;
  const status = riskAcceptanceExpired ? 'OPEN' : f.status;
  return {
    id: f.id,
    title: f.title,
    severity: f.severity,
    status,
    riskAcceptanceExpired,
    source: f.source,
    auditId: f.auditId,
    auditTitle: f.audit?.title ?? null,
    ownerId: f.ownerId,
    ownerName: f.owner?.name ?? null,
    dueDate: f.dueDate?.toISOString() ?? null,
    createdAt: f.createdAt.toISOString(),
    closedAt: f.closedAt?.toISOString() ?? null,
    ageDays: Math.floor((end - f.createdAt.getTime()) / DAY),
    overdue: ACTIVE_STATUSES.includes(status) && !!f.dueDate && f.dueDate.getTime() < now,
  };
}

export async function listFindings(actor: Actor, input: ListFindingsQuery = {}) {
  authorize(actor, 'audits:read');
  const q = listFindingsQuerySchema.parse(input);
  const scope = await auditorScope(actor);
  const where = findingFilterWhere(actor, scope, q);
  const [rows, total] = await Promise.all([
    db.finding.findMany({
      where,
      orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: summarySelect,
    }),
    db.finding.count({ where }),
  ]);
  const now = Date.now();
  return { items: rows.map((r) => toSummary(r, now)), total, page: q.page, pageSize: q.pageSize };
}

/** Loads a finding the actor may see (org and auditor scope), or 404. */
export async function visibleFinding(actor: Actor, id: string) {
  const scope = await auditorScope(actor);
  const found = await db.finding.findFirst({ where: { id, orgId: actor.orgId, ...findingWhere(scope) }, select: { id: true, ownerId: true, status: true } });
  if (!found) throw notFound('The finding');
  return found;
}

export async function getFinding(actor: Actor, id: string) {
  authorize(actor, 'audits:read');
  await visibleFinding(actor, id);
  const f = await db.finding.findUniqueOrThrow({
    where: { id },
    select: {
      ...summarySelect,
      description: true,
      remediationPlan: true,
      incidentId: true,
      incident: { select: { title: true } },
      createdBy: { select: { name: true } },
      remediationStartedAt: true,
      readyAt: true,
      verifiedBy: { select: { name: true } },
      riskApprover: { select: { name: true } },
      riskRationale: true,
      riskExpiresAt: true,
      cycleOwnerIds: true,
      requirements: { select: { requirement: { select: { id: true, ref: true, title: true, framework: { select: { name: true } } } } } },
      controls: { select: { control: { select: { id: true, key: true, name: true } } } },
      systems: { select: { system: { select: { id: true, name: true } } } },
      versions: { select: { modelVersion: { select: { id: true, label: true, model: { select: { name: true } } } } } },
      comments: { orderBy: { createdAt: 'asc' }, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
      evidence: { select: { evidence: { select: { id: true, title: true, kind: true, fileName: true, validUntil: true } } } },
    },
  });
  const [history, person] = await Promise.all([entityHistory(actor, 'audits:read', 'finding', id), personBehind(db, actor)]);
  return {
    ...toSummary(f),
    // The same rules the workflow mutations apply (role, state, independence).
    capabilities: findingCapabilities(actor, person, f),
    /** Why this person may not verify it: they own it, or owned it in this remediation cycle. */
    independence: !person ? null : f.ownerId === person ? ('owner' as const) : f.cycleOwnerIds.includes(person) ? ('cycle-owner' as const) : null,
    description: f.description,
    remediationPlan: f.remediationPlan,
    incidentId: f.incidentId,
    incidentTitle: f.incident?.title ?? null,
    createdByName: f.createdBy?.name ?? null,
    remediationStartedAt: f.remediationStartedAt?.toISOString() ?? null,
    readyAt: f.readyAt?.toISOString() ?? null,
    verifiedByName: f.verifiedBy?.name ?? null,
    riskApproverName: f.riskApprover?.name ?? null,
    riskRationale: f.riskRationale,
    riskExpiresAt: f.riskExpiresAt?.toISOString() ?? null,
    requirements: f.requirements.map((r) => ({ id: r.requirement.id, label: `${r.requirement.framework.name} ${r.requirement.ref} — ${r.requirement.title}` })),
    controls: f.controls.map((c) => ({ id: c.control.id, label: `${c.control.key} — ${c.control.name}` })),
    systems: f.systems.map((s) => ({ id: s.system.id, label: s.system.name })),
    versions: f.versions.map((v) => ({ id: v.modelVersion.id, label: `${v.modelVersion.model.name} ${v.modelVersion.label}` })),
    comments: f.comments.map((c) => ({ id: c.id, body: c.body, author: c.author.name, createdAt: c.createdAt.toISOString() })),
    evidence: f.evidence.map((e) => ({ ...e.evidence, validUntil: e.evidence.validUntil?.toISOString() ?? null })),
    history,
  };
}
export type FindingDetail = Awaited<ReturnType<typeof getFinding>>;

/** Options for the finding forms: what can be linked, in this org. */
/**
 * The short lists the findings, requests and evidence pages choose from
 * directly: audits in the auditor's scope and frameworks, plus the owner a
 * findings filter names. Everything that can run to thousands (requirements,
 * controls, people, systems, model versions, findings, evidence) is a
 * server-searched picker (GET /api/lookup/{kind}) instead.
 */
export async function findingPageChoices(actor: Actor, selected: { ownerId?: string } = {}) {
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const [audits, frameworks, owner] = await Promise.all([
    db.audit.findMany({ where: { orgId: actor.orgId, ...(scope ? { id: { in: scope.auditIds } } : {}) }, select: { id: true, title: true }, orderBy: { periodEnd: 'desc' }, take: 200 }),
    db.framework.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    selected.ownerId ? db.user.findFirst({ where: { id: selected.ownerId, orgId: actor.orgId }, select: { id: true, name: true } }) : null,
  ]);
  return { audits, frameworks, owner: owner ? { value: owner.id, label: owner.name } : null };
}
