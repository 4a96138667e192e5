import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { safeFileName } from '@/lib/file-name';
import { documentHash, renderDocumentDocx, renderDocumentPdf, type ReportDocument } from './document';

export type DocumentFormat = 'pdf' | 'docx';
export const DOCUMENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Renders a document and records its content hash in the audit trail in the
 * same step, as a closed review records its snapshot hash: anyone holding the
 * file can check it against the trail.
 */
export async function renderAndRecord(actor: Actor, doc: ReportDocument, format: DocumentFormat, subject: { entityType: string; entityId: string }) {
  const hash = documentHash(doc);
  const bytes = format === 'pdf' ? await renderDocumentPdf(doc, hash) : await renderDocumentDocx(doc, hash);
  return recordExport(actor, doc, { format, hash, bytes, contentType: DOCUMENT_TYPES[format] }, subject);
}

/** Records an export already rendered (a spreadsheet of the same description, say) with its content hash. */
export async function recordExport(actor: Actor, doc: ReportDocument, file: { format: string; hash: string; bytes: Buffer; contentType: string }, subject: { entityType: string; entityId: string }) {
  const { format, hash, bytes } = file;
  await db.$transaction(async (tx) => {
    await recordEvent(tx, actor, {
      action: `report.${doc.kind}.exported`,
      entityType: subject.entityType,
      entityId: subject.entityId,
      changes: { format, contentSha256: hash, title: doc.title, generatedAt: doc.generatedAt.toISOString(), bytes: bytes.length },
    });
  });
  return { bytes, hash, contentType: file.contentType, fileName: `${safeFileName(doc.title)}.${format}` };
}
