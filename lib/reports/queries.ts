import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { loadAuditReportData } from './audit-data';
import { auditReportDocument } from './audit-report';
import { boardReportData, boardReportDocument } from './board-report';
import { documentHash } from './document';
import { renderAndRecord, type DocumentFormat } from './exports';
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

export async function exportAuditReport(actor: Actor, auditId: string, opts: DocumentOptions, now = new Date()) {
  const doc = auditReportDocument(await loadAuditReportData(actor, auditId), { now, locale: { tag: opts.locale, timeZone: opts.tz } });
  return renderAndRecord(actor, doc, opts.format, { entityType: 'audit', entityId: auditId });
}
