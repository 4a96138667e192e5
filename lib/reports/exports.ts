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
  await db.$transaction(async (tx) => {
    await recordEvent(tx, actor, {
      action: `report.${doc.kind}.exported`,
      entityType: subject.entityType,
      entityId: subject.entityId,
      changes: { format, contentSha256: hash, title: doc.title, generatedAt: doc.generatedAt.toISOString(), bytes: bytes.length },
    });
  });
  return { bytes, hash, contentType: DOCUMENT_TYPES[format], fileName: `${safeFileName(doc.title)}.${format}` };
}
