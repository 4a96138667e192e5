import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { auditWhere, auditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { canExportOrg } from './access';
import { loadAuditReportData } from './audit-data';
import { auditReportDocument } from './audit-report';
import { boardReportData, boardReportDocument } from './board-report';
import { documentHash } from './document';
import { renderAndRecord, type DocumentFormat } from './exports';
import { monitoringPlanDocument } from './monitoring-plan';
import { assembleTechnicalDocumentation } from './technical-documentation';

export type DocumentOptions = { format: DocumentFormat; locale: string; tz: string };

export async function getTechnicalDocumentationStatus(actor: Actor, systemId: string) {
  const t = await assembleTechnicalDocumentation(actor, systemId);
  return { system: t.system, contentSha256: documentHash(t.document), points: t.points };
}

export async function exportTechnicalDocumentation(actor: Actor, systemId: string, opts: DocumentOptions, now = new Date()) {
  const t = await assembleTechnicalDocumentation(actor, systemId, { now, locale: { tag: opts.locale, timeZone: opts.tz } });
  return renderAndRecord(actor, t.document, opts.format, { entityType: 'ai_system', entityId: t.system.id });
}

export async function getBoardReport(actor: Actor) {
  const data = await boardReportData(actor);
  const doc = boardReportDocument(data, { now: new Date(), locale: { tag: 'en-GB', timeZone: 'UTC' } });
  return { ...data, charts: doc.sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'chart').map((b) => ({ svg: b.svg, alt: b.alt }))) };
}

export async function exportBoardReport(actor: Actor, opts: DocumentOptions, now = new Date()) {
  const doc = boardReportDocument(await boardReportData(actor), { now, locale: { tag: opts.locale, timeZone: opts.tz } });
  return renderAndRecord(actor, doc, opts.format, { entityType: 'organization', entityId: actor.orgId });
}

/** A version's post-market monitoring plan as PDF or DOCX (anyone who reads monitoring). */
export async function exportMonitoringPlan(actor: Actor, versionId: string, opts: DocumentOptions, now = new Date()) {
  const { plan, doc } = await monitoringPlanDocument(actor, versionId, { now, locale: { tag: opts.locale, timeZone: opts.tz } });
  return renderAndRecord(actor, doc, opts.format, { entityType: 'model_version', entityId: plan.versionId });
}

export async function exportAuditReport(actor: Actor, auditId: string, opts: DocumentOptions, now = new Date()) {
  const doc = auditReportDocument(await loadAuditReportData(actor, auditId), { now, locale: { tag: opts.locale, timeZone: opts.tz } });
  return renderAndRecord(actor, doc, opts.format, { entityType: 'audit', entityId: auditId });
}

/**
 * What the reports page lists for this actor: the AI systems whose documents
 * they may export (engineers: the ones they own), the audits in their scope,
 * the organisation's custom frameworks, and which organisation-wide documents
 * they may export.
 */
export async function reportsOverview(actor: Actor) {
  authorize(actor, 'requirements:read');
  const orgWide = canExportOrg(actor);
  const mayExportAny = can(actor, 'reports:export');
  const scope = await auditorScope(actor);
  const ownerFilter = mayExportAny
    ? {}
    : { OR: [{ businessOwnerId: actor.userId ?? '' }, { technicalOwnerId: actor.userId ?? '' }, { models: { some: { OR: [{ ownerId: actor.userId ?? '' }, { businessOwnerId: actor.userId ?? '' }] } } }] };
  const [systems, audits, frameworks] = await Promise.all([
    db.aISystem.findMany({
      where: { orgId: actor.orgId, ...ownerFilter, ...(scope ? { id: { in: scope.systemIds } } : {}) },
      orderBy: [{ riskTier: 'asc' }, { name: 'asc' }],
      take: 200,
      select: { id: true, name: true, riskTier: true, status: true },
    }),
    orgWide && can(actor, 'audits:read')
      ? db.audit.findMany({ where: { AND: [{ orgId: actor.orgId }, auditWhere(scope)] }, orderBy: { periodEnd: 'desc' }, take: 100, select: { id: true, title: true, standard: true, status: true, periodEnd: true } })
      : Promise.resolve([]),
    orgWide ? db.framework.findMany({ where: { orgId: actor.orgId, isCustom: true }, orderBy: { name: 'asc' }, take: 200, select: { id: true, key: true, name: true } }) : Promise.resolve([]),
  ]);
  return {
    systems,
    audits: audits.map((a) => ({ ...a, periodEnd: a.periodEnd.toISOString() })),
    frameworks,
    capabilities: { boardReport: orgWide, auditReports: orgWide, oscal: orgWide, systemDocuments: systems.length > 0 },
  };
}

// What the interchange exports share with the documents (lib/interchange).
export { authorizeOrgExport, authorizeSystemExport } from './access';
export { loadAuditReportData } from './audit-data';
export { exportStatementOfApplicability, getStatementOfApplicability, IMPLEMENTATION_LABEL } from './soa';
