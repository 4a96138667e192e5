import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { auditWhere, auditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { publicBaseUrl } from '@/lib/env';

/**
 * Everything an audit's report and its OSCAL assessment results say: scope,
 * period, findings with severity, status, remediation and verification
 * history, and the evidence list. Auditors see only audits in their scope.
 */
export async function loadAuditReportData(actor: Actor, auditId: string) {
  authorize(actor, 'reports:export');
  authorize(actor, 'audits:read');
  const scope = await auditorScope(actor);
  const a = await db.audit.findFirst({
    where: { AND: [{ id: auditId, orgId: actor.orgId }, auditWhere(scope)] },
    select: {
      id: true,
      title: true,
      kind: true,
      standard: true,
      firm: true,
      status: true,
      periodStart: true,
      periodEnd: true,
      updatedAt: true,
      scopeFrameworkIds: true,
      scopeSystemIds: true,
      assignments: { select: { user: { select: { name: true } } } },
      reportEvidence: { select: { id: true, title: true, kind: true, url: true, collectedAt: true } },
      requests: { select: { evidence: { select: { id: true, title: true, kind: true, url: true, collectedAt: true } } } },
      findings: {
        orderBy: [{ severity: 'asc' }, { createdAt: 'asc' }],
        select: {
          id: true,
          title: true,
          description: true,
          severity: true,
          status: true,
          createdAt: true,
          closedAt: true,
          dueDate: true,
          remediationPlan: true,
          owner: { select: { name: true } },
          verifiedBy: { select: { name: true } },
          requirements: { select: { requirement: { select: { id: true, ref: true, frameworkId: true, framework: { select: { name: true } } } } } },
          evidence: { select: { evidence: { select: { id: true, title: true, kind: true, url: true, collectedAt: true, withdrawnAt: true } } } },
        },
      },
    },
  });
  if (!a) throw notFound('The audit');
  const findingIds = a.findings.map((f) => f.id);
  const [org, frameworks, systems, events] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } }),
    db.framework.findMany({ where: { orgId: actor.orgId, id: { in: a.scopeFrameworkIds } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    db.aISystem.findMany({ where: { orgId: actor.orgId, id: { in: a.scopeSystemIds } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    findingIds.length
      ? db.auditEvent.findMany({
          where: { orgId: actor.orgId, entityType: 'finding', entityId: { in: findingIds } },
          orderBy: { seq: 'asc' },
          select: { entityId: true, at: true, action: true, actorLabel: true },
          take: 10_000,
        })
      : Promise.resolve([]),
  ]);
  const base = publicBaseUrl();
  const evidenceHref = (e: { id: string; kind: string; url: string | null }) => (e.kind === 'LINK' && e.url ? e.url : `${base}/api/v1/evidence/${e.id}/download`);
  const historyOf = new Map<string, { at: string; action: string; actor: string }[]>();
  for (const e of events) {
    const list = historyOf.get(e.entityId!) ?? [];
    list.push({ at: e.at.toISOString(), action: e.action.replace(/^finding\./, '').replace(/_/g, ' '), actor: e.actorLabel });
    historyOf.set(e.entityId!, list);
  }
  const findings = a.findings.map((f) => ({
    id: f.id,
    title: f.title,
    description: f.description,
    severity: f.severity,
    status: f.status,
    owner: f.owner?.name ?? null,
    verifiedBy: f.verifiedBy?.name ?? null,
    createdAt: f.createdAt.toISOString(),
    closedAt: f.closedAt?.toISOString() ?? null,
    dueDate: f.dueDate?.toISOString() ?? null,
    remediationPlan: f.remediationPlan,
    requirements: f.requirements.map((r) => ({ id: r.requirement.id, ref: r.requirement.ref, frameworkId: r.requirement.frameworkId, framework: r.requirement.framework.name })),
    history: historyOf.get(f.id) ?? [],
    evidence: f.evidence
      .filter((e) => !e.evidence.withdrawnAt)
      .map((e) => ({ id: e.evidence.id, title: e.evidence.title, href: evidenceHref(e.evidence), collectedAt: e.evidence.collectedAt.toISOString() })),
  }));
  const seen = new Set(findings.flatMap((f) => f.evidence.map((e) => e.id)));
  const otherEvidence = [a.reportEvidence, ...a.requests.map((r) => r.evidence)]
    .filter((e): e is NonNullable<typeof e> => Boolean(e) && !seen.has(e!.id))
    .filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i)
    .map((e) => ({ id: e.id, title: e.title, href: evidenceHref(e), collectedAt: e.collectedAt.toISOString() }));
  const bySeverity = Object.fromEntries(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'].map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<string, number>;
  const byStatus = Object.fromEntries(['OPEN', 'IN_REMEDIATION', 'READY_FOR_VERIFICATION', 'CLOSED', 'RISK_ACCEPTED'].map((s) => [s, findings.filter((f) => f.status === s).length])) as Record<string, number>;
  return {
    organisation: org.name,
    audit: {
      id: a.id,
      title: a.title,
      kind: a.kind,
      standard: a.standard,
      firm: a.firm,
      status: a.status,
      periodStart: a.periodStart.toISOString(),
      periodEnd: a.periodEnd.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      auditors: a.assignments.map((x) => x.user.name),
    },
    scope: { frameworks, systems },
    findings,
    otherEvidence,
    counts: { total: findings.length, bySeverity, byStatus },
  };
}
export type AuditReportData = Awaited<ReturnType<typeof loadAuditReportData>>;
