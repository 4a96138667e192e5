import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { personBehind } from '@/lib/auth/person';
import { auditorScope, requestWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { mayLink } from '../evidence/capabilities';
import { reviewProblem } from './rules';
import { listRequestsQuerySchema } from './schema';

export async function listEvidenceRequests(actor: Actor, input: { auditId?: string; status?: string; mine?: string } = {}) {
  authorize(actor, 'audits:read');
  const q = listRequestsQuerySchema.parse(input);
  const scope = await auditorScope(actor);
  const rows = await db.evidenceRequest.findMany({
    where: {
      AND: [
        { orgId: actor.orgId },
        requestWhere(scope),
        q.auditId ? { auditId: q.auditId } : {},
        q.status ? { status: q.status } : {},
        q.mine === 'true' ? { assigneeId: actor.userId ?? '-' } : {},
      ],
    },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
    take: 500,
    select: {
      id: true,
      title: true,
      details: true,
      dueDate: true,
      status: true,
      reviewComment: true,
      auditId: true,
      audit: { select: { title: true } },
      requirement: { select: { id: true, ref: true, title: true } },
      finding: { select: { id: true, title: true } },
      assigneeId: true,
      submitterIds: true,
      assignee: { select: { name: true } },
      requestedBy: { select: { name: true } },
      evidence: { select: { id: true, title: true } },
    },
  });
  const now = Date.now();
  const person = await personBehind(db, actor);
  const mayReview = can(actor, 'evidence:request');
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    details: r.details,
    dueDate: r.dueDate.toISOString(),
    overdue: r.status === 'OPEN' && r.dueDate.getTime() < now,
    status: r.status,
    reviewComment: r.reviewComment,
    auditId: r.auditId,
    auditTitle: r.audit?.title ?? null,
    requirement: r.requirement ? { id: r.requirement.id, label: `${r.requirement.ref} — ${r.requirement.title}` } : null,
    finding: r.finding ? { id: r.finding.id, label: r.finding.title } : null,
    assigneeId: r.assigneeId,
    assigneeName: r.assignee?.name ?? null,
    requestedByName: r.requestedBy.name,
    evidence: r.evidence,
    // Fulfilling uploads evidence linked to the request: the upload's per-target rule.
    capabilities: {
      fulfil: (r.status === 'OPEN' || r.status === 'REJECTED') && mayLink(actor, [{ ownerIds: [r.assigneeId] }]),
      // The same independence rule the mutation refuses with.
      review: r.status === 'SUBMITTED' && mayReview && reviewProblem(r, person) === null,
    },
  }));
}
export type EvidenceRequestView = Awaited<ReturnType<typeof listEvidenceRequests>>[number];
