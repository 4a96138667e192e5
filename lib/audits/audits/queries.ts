import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { auditorScope, auditWhere } from '@/lib/auth/scope';
import type { Prisma } from '@/lib/generated/prisma/client';
import { listAuditsQuerySchema, type ListAuditsQuery } from './schema';

/** What every view of an audit shows first: its name, kind and period. */
const auditHeadSelect = {
  id: true,
  title: true,
  kind: true,
  standard: true,
  firm: true,
  status: true,
  periodStart: true,
  periodEnd: true,
} satisfies Prisma.AuditSelect;

function auditHead(a: Prisma.AuditGetPayload<{ select: typeof auditHeadSelect }>) {
  return {
    id: a.id,
    title: a.title,
    kind: a.kind,
    standard: a.standard,
    firm: a.firm,
    status: a.status,
    periodStart: a.periodStart.toISOString(),
    periodEnd: a.periodEnd.toISOString(),
  };
}

export async function listAudits(actor: Actor, input: ListAuditsQuery = {}) {
  authorize(actor, 'audits:read');
  const q = listAuditsQuerySchema.parse(input);
  const scope = await auditorScope(actor);
  const where = { orgId: actor.orgId, ...auditWhere(scope), ...(q.status ? { status: q.status } : {}) };
  const [rows, total] = await Promise.all([
    db.audit.findMany({
      where,
      orderBy: [{ periodEnd: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
      select: {
        ...auditHeadSelect,
        _count: { select: { findings: true, requests: { where: { status: 'OPEN' } } } },
        assignments: { select: { user: { select: { name: true } } } },
      },
    }),
    db.audit.count({ where }),
  ]);
  return {
    items: rows.map((a) => ({
      ...auditHead(a),
      findings: a._count.findings,
      openRequests: a._count.requests,
      auditors: a.assignments.map((x) => x.user.name),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getAudit(actor: Actor, id: string) {
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const a = await db.audit.findFirst({
    where: { AND: [{ id, orgId: actor.orgId }, auditWhere(scope)] },
    select: {
      ...auditHeadSelect,
      scopeFrameworkIds: true,
      scopeSystemIds: true,
      reportEvidence: { select: { id: true, title: true } },
      assignments: { select: { user: { select: { id: true, name: true } } } },
      createdAt: true,
    },
  });
  if (!a) throw notFound('The audit');
  const [frameworks, systems, counts] = await Promise.all([
    db.framework.findMany({ where: { orgId: actor.orgId, id: { in: a.scopeFrameworkIds } }, select: { id: true, name: true } }),
    db.aISystem.findMany({ where: { orgId: actor.orgId, id: { in: a.scopeSystemIds } }, select: { id: true, name: true } }),
    db.finding.groupBy({ by: ['status'], where: { auditId: a.id }, _count: { _all: true } }),
  ]);
  return {
    ...auditHead(a),
    frameworks,
    systems,
    report: a.reportEvidence,
    auditors: a.assignments.map((x) => x.user),
    findingsByStatus: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Record<string, number>,
  };
}
export type AuditDetail = Awaited<ReturnType<typeof getAudit>>;

export async function auditFormOptions(actor: Actor) {
  authorize(actor, 'audits:read');
  const [frameworks, systems, auditors] = await Promise.all([
    db.framework.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.aISystem.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.user.findMany({ where: { orgId: actor.orgId, role: 'AUDITOR', active: true }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return { frameworks, systems, auditors };
}
