import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { sha256Hex } from '@/lib/audit/canonical';
import { auditEventWhere, isAuditAction } from '@/lib/audit/visibility';
import { auditorScope, certificationWhere, evidenceWhere, findingWhere, type AuditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { computeFigures } from './figures';
import { previousQuarter, quarterOf, quarterPeriod } from '@/lib/quarter';
import type { ReviewFiguresView } from './schema';

/** Reviews newest first. Roles that may not see open reviews see closed ones only. */
export async function listReviews(actor: Actor) {
  authorize(actor, 'reviews:read');
  const seeOpen = can(actor, 'reviews:read-open');
  const rows = await db.quarterlyReview.findMany({
    where: { orgId: actor.orgId, ...(seeOpen ? {} : { status: 'CLOSED' }) },
    orderBy: { quarter: 'desc' },
    select: {
      id: true, quarter: true, status: true, closedAt: true, snapshotHash: true,
      _count: { select: { actionItems: true, decisions: true, attendees: true } },
    },
  });
  return {
    currentQuarter: quarterOf(new Date()),
    canRun: can(actor, 'reviews:run'),
    items: rows.map((r) => ({
      id: r.id,
      quarter: r.quarter,
      status: r.status,
      closedAt: r.closedAt?.toISOString() ?? null,
      snapshotHash: r.snapshotHash,
      actionItems: r._count.actionItems,
      decisions: r._count.decisions,
      attendees: r._count.attendees,
    })),
  };
}

const CHANGE_LIMIT = 50;

/** What changed in the period, from the domains' own tables and the audit trail, within the viewer's scope. */
async function changesIn(orgId: string, period: { start: Date; end: Date }, scope: AuditorScope, events: Prisma.AuditEventWhereInput) {
  const inPeriod = { gte: period.start, lt: period.end };
  const findings = { orgId, ...findingWhere(scope) };
  const [byAction, deployments, newFindings, closedFindings, incidents] = await Promise.all([
    db.auditEvent.groupBy({
      by: ['action'],
      where: { AND: [{ orgId, at: inPeriod, NOT: { action: { startsWith: 'auth.' } } }, events] },
      _count: { _all: true },
      orderBy: { _count: { action: 'desc' } },
      take: 25,
    }),
    db.deploymentEvent.findMany({
      where: { orgId, at: inPeriod },
      orderBy: { at: 'desc' },
      take: CHANGE_LIMIT,
      select: {
        id: true, kind: true, at: true, reason: true,
        model: { select: { name: true } },
        version: { select: { label: true } },
        fromVersion: { select: { label: true } },
        actor: { select: { name: true } },
      },
    }),
    db.finding.findMany({ where: { ...findings, createdAt: inPeriod }, orderBy: { createdAt: 'desc' }, take: CHANGE_LIMIT, select: { id: true, title: true, severity: true, status: true } }),
    db.finding.findMany({ where: { ...findings, closedAt: inPeriod }, orderBy: { closedAt: 'desc' }, take: CHANGE_LIMIT, select: { id: true, title: true, severity: true } }),
    db.incident.findMany({ where: { orgId, detectedAt: inPeriod }, orderBy: { detectedAt: 'desc' }, take: CHANGE_LIMIT, select: { id: true, title: true, severity: true, status: true } }),
  ]);
  return {
    eventsByAction: byAction.map((a) => ({ action: a.action, count: a._count._all })),
    deployments: deployments.map((d) => ({
      id: d.id,
      kind: d.kind,
      at: d.at.toISOString(),
      reason: d.reason,
      model: d.model.name,
      version: d.version?.label ?? null,
      fromVersion: d.fromVersion?.label ?? null,
      actor: d.actor?.name ?? null,
    })),
    newFindings,
    closedFindings,
    incidents,
  };
}

async function overdueNow(orgId: string, now: Date, scope: AuditorScope) {
  const [findings, actionItems] = await Promise.all([
    db.finding.findMany({
      where: { orgId, ...findingWhere(scope), status: { notIn: ['CLOSED', 'RISK_ACCEPTED'] }, dueDate: { lt: now } },
      orderBy: { dueDate: 'asc' },
      take: CHANGE_LIMIT,
      select: { id: true, title: true, severity: true, dueDate: true, owner: { select: { name: true } } },
    }),
    db.actionItem.findMany({
      where: { orgId, status: 'OPEN', dueDate: { lt: now } },
      orderBy: { dueDate: 'asc' },
      take: CHANGE_LIMIT,
      select: { id: true, title: true, dueDate: true, owner: { select: { name: true } }, review: { select: { quarter: true } } },
    }),
  ]);
  return {
    findings: findings.map((f) => ({ id: f.id, title: f.title, severity: f.severity, dueDate: f.dueDate?.toISOString() ?? null, owner: f.owner?.name ?? 'Unowned' })),
    actionItems: actionItems.map((a) => ({ id: a.id, title: a.title, dueDate: a.dueDate.toISOString(), owner: a.owner.name, quarter: a.review.quarter })),
  };
}

/** Certifications expiring within 90 days and evidence expiring within 30 (or already stale). */
async function expiringSoon(orgId: string, now: Date, scope: AuditorScope) {
  const [certifications, evidence] = await Promise.all([
    db.certification.findMany({
      where: { AND: [{ orgId, expiresAt: { lte: new Date(now.getTime() + 90 * 86_400_000) } }, certificationWhere(scope)] },
      orderBy: { expiresAt: 'asc' },
      take: CHANGE_LIMIT,
      select: { id: true, name: true, expiresAt: true },
    }),
    db.evidence.findMany({
      where: { AND: [{ orgId, validUntil: { lte: new Date(now.getTime() + 30 * 86_400_000) } }, evidenceWhere(scope)] },
      orderBy: { validUntil: 'asc' },
      take: CHANGE_LIMIT,
      select: { id: true, title: true, validUntil: true, owner: { select: { name: true } } },
    }),
  ]);
  return {
    certifications: certifications.map((c) => ({ id: c.id, name: c.name, expiresAt: c.expiresAt.toISOString(), expired: c.expiresAt < now })),
    evidence: evidence.map((e) => ({ id: e.id, title: e.title, validUntil: e.validUntil!.toISOString(), owner: e.owner?.name ?? 'Unowned', expired: e.validUntil! < now })),
  };
}

type Snapshot = {
  figures: Awaited<ReturnType<typeof computeFigures>>;
  changes: Awaited<ReturnType<typeof changesIn>>;
  overdue: Awaited<ReturnType<typeof overdueNow>>;
  expiring?: Awaited<ReturnType<typeof expiringSoon>>;
};

/** A frozen snapshot's findings figures count every audit: an auditor with a scope does not get them. */
function withheldFindings(figures: Snapshot['figures'] | ReviewFiguresView, scope: AuditorScope): ReviewFiguresView {
  return scope ? { ...figures, findings: null } : figures;
}

/**
 * A closed review's snapshot as an auditor with a scope reads it: the
 * findings, evidence and certifications listed in it that they may see, and
 * no counts of audit workspace events (those counted every audit).
 */
async function snapshotWithin(orgId: string, s: Snapshot, scope: NonNullable<AuditorScope>): Promise<Snapshot> {
  const expiring = s.expiring ?? { certifications: [], evidence: [] };
  const findingIds = [...s.changes.newFindings, ...s.changes.closedFindings, ...s.overdue.findings].map((f) => f.id);
  const [findings, evidence, certifications] = await Promise.all([
    db.finding.findMany({ where: { orgId, id: { in: findingIds }, ...findingWhere(scope) }, select: { id: true } }),
    db.evidence.findMany({ where: { AND: [{ orgId, id: { in: expiring.evidence.map((e) => e.id) } }, evidenceWhere(scope)] }, select: { id: true } }),
    db.certification.findMany({ where: { AND: [{ orgId, id: { in: expiring.certifications.map((c) => c.id) } }, certificationWhere(scope)] }, select: { id: true } }),
  ]);
  const within = (rows: { id: string }[]) => {
    const ids = new Set(rows.map((r) => r.id));
    return <T extends { id: string }>(list: T[]) => list.filter((x) => ids.has(x.id));
  };
  const finding = within(findings);
  return {
    figures: s.figures,
    changes: {
      ...s.changes,
      eventsByAction: s.changes.eventsByAction.filter((e) => !isAuditAction(e.action)),
      newFindings: finding(s.changes.newFindings),
      closedFindings: finding(s.changes.closedFindings),
    },
    overdue: { ...s.overdue, findings: finding(s.overdue.findings) },
    expiring: { certifications: within(certifications)(expiring.certifications), evidence: within(evidence)(expiring.evidence) },
  };
}

/**
 * The meeting page: the review (created on demand as PLANNED for a quarter
 * that has none, for those who run reviews), live figures while it is open,
 * the frozen snapshot once closed.
 */
export async function getReview(actor: Actor, quarter: string) {
  authorize(actor, 'reviews:read');
  const review = await db.quarterlyReview.findUnique({
    where: { orgId_quarter: { orgId: actor.orgId, quarter } },
    select: {
      id: true, quarter: true, status: true, minutes: true, startedAt: true, closedAt: true, snapshot: true, snapshotHash: true,
      closedBy: { select: { name: true } },
      attendees: { orderBy: { name: 'asc' }, select: { id: true, name: true, role: true, userId: true } },
      decisions: { orderBy: { createdAt: 'asc' }, select: { id: true, text: true, createdAt: true, createdBy: { select: { name: true } } } },
      actionItems: {
        orderBy: [{ status: 'asc' }, { dueDate: 'asc' }],
        select: { id: true, title: true, dueDate: true, status: true, doneAt: true, ownerId: true, owner: { select: { name: true } } },
      },
    },
  });
  if (review && review.status !== 'CLOSED' && !can(actor, 'reviews:read-open')) throw notFound('This review');
  if (!review && !can(actor, 'reviews:read-open')) throw notFound('This review');

  const period = quarterPeriod(quarter);
  const closed = review?.status === 'CLOSED';
  let snapshot: Snapshot | null = null;
  let snapshotIntact: boolean | null = null;
  if (closed && review.snapshot) {
    snapshot = JSON.parse(review.snapshot);
    const recorded = await db.auditEvent.findFirst({
      where: { orgId: actor.orgId, action: 'review.closed', entityType: 'quarterly_review', entityId: review.id },
      select: { changes: true },
    });
    const recordedHash = recorded?.changes ? (JSON.parse(recorded.changes) as { snapshotHash?: string }).snapshotHash : undefined;
    snapshotIntact = sha256Hex(review.snapshot) === review.snapshotHash && recordedHash === review.snapshotHash;
  }
  const now = new Date();
  const scope = await auditorScope(actor);
  const frozen = snapshot ? (scope ? await snapshotWithin(actor.orgId, snapshot, scope) : snapshot) : null;
  const [figures, changes, overdue, expiring, previous, org] = await Promise.all([
    frozen ? withheldFindings(frozen.figures, scope) : computeFigures(actor.orgId, period, now, scope),
    frozen ? frozen.changes : auditEventWhere(actor, scope).then((events) => changesIn(actor.orgId, period, scope, events)),
    frozen ? frozen.overdue : overdueNow(actor.orgId, now, scope),
    frozen ? (frozen.expiring ?? { certifications: [], evidence: [] }) : expiringSoon(actor.orgId, now, scope),
    db.quarterlyReview.findUnique({
      where: { orgId_quarter: { orgId: actor.orgId, quarter: previousQuarter(quarter) } },
      select: { quarter: true, status: true, snapshot: true },
    }),
    db.organization.findUnique({ where: { id: actor.orgId }, select: { name: true } }),
  ]);
  const previousFigures = previous?.snapshot ? withheldFindings((JSON.parse(previous.snapshot) as Snapshot).figures, scope) : null;

  return {
    quarter,
    orgName: org?.name ?? '',
    period: { start: period.start.toISOString(), end: period.end.toISOString() },
    review: review
      ? {
          id: review.id,
          status: review.status,
          minutes: review.minutes,
          startedAt: review.startedAt?.toISOString() ?? null,
          closedAt: review.closedAt?.toISOString() ?? null,
          closedBy: review.closedBy?.name ?? null,
          snapshotHash: review.snapshotHash,
          snapshotIntact,
          attendees: review.attendees,
          decisions: review.decisions.map((d) => ({ id: d.id, text: d.text, at: d.createdAt.toISOString(), by: d.createdBy?.name ?? null })),
          actionItems: review.actionItems.map((a) => ({
            id: a.id,
            title: a.title,
            dueDate: a.dueDate.toISOString(),
            status: a.status,
            doneAt: a.doneAt?.toISOString() ?? null,
            owner: a.owner.name,
            ownerId: a.ownerId,
            overdue: a.status === 'OPEN' && a.dueDate < now,
            // setActionItemStatus's rule: the owner, or whoever runs reviews.
            capabilities: { update: can(actor, 'action-items:update', { ownerIds: [a.ownerId] }) },
          })),
        }
      : null,
    figures,
    previousFigures,
    previousQuarter: previous ? previous.quarter : null,
    changes,
    overdue,
    expiring,
    canRun: can(actor, 'reviews:run'),
    capabilities: reviewCapabilities(actor, review?.status ?? null),
  };
}

/**
 * What the review page offers: starting a planned review; until it is
 * closed, changing its record (minutes, attendees, decisions, action items:
 * openReview's rule); closing it once in progress (closeReview's).
 */
function reviewCapabilities(actor: Actor, status: 'PLANNED' | 'IN_PROGRESS' | 'CLOSED' | null) {
  const run = can(actor, 'reviews:run');
  return { start: run && (status === null || status === 'PLANNED'), edit: run && (status === 'PLANNED' || status === 'IN_PROGRESS'), close: run && status === 'IN_PROGRESS' };
}

/** Open action items owned by the actor (their home page). */
export async function myActionItems(actor: Actor) {
  authorize(actor, 'reviews:read');
  if (!actor.userId) return [];
  const rows = await db.actionItem.findMany({
    where: { orgId: actor.orgId, ownerId: actor.userId, status: 'OPEN' },
    orderBy: { dueDate: 'asc' },
    take: 50,
    select: { id: true, title: true, dueDate: true, review: { select: { quarter: true } } },
  });
  const now = Date.now();
  // Their own items, so setActionItemStatus's rule reduces to the permission.
  const update = can(actor, 'action-items:update', { ownerIds: [actor.userId] });
  return rows.map((a) => ({ id: a.id, title: a.title, dueDate: a.dueDate.toISOString(), quarter: a.review.quarter, overdue: a.dueDate.getTime() < now, capabilities: { update } }));
}

/** Action items of a review, for the CSV export. */
export async function reviewActionItems(actor: Actor, quarter: string) {
  const data = await getReview(actor, quarter);
  return { quarter, items: data.review?.actionItems ?? [] };
}
