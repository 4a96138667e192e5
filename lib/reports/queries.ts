import 'server-only';
import type { Actor } from '@/lib/auth/actor';
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
