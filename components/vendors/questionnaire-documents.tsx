'use client';

import { ActionForm, FileField, SelectField } from '@/components/ui/form';
import { Table, Td, Th } from '@/components/ui/table';
import { formatBytes } from '@/lib/audits/evidence/file-type';
import { removeDocumentByLinkAction } from '@/lib/vendors/actions';
import { VENDOR_DOCUMENT_ACCEPT, VENDOR_DOCUMENT_MAX_BYTES, VENDOR_DOCUMENT_TYPES_TEXT, VENDOR_QUESTIONNAIRE_DOCUMENTS_MAX_BYTES } from '@/lib/vendors/document-limits';
import type { QuestionnaireTemplate } from '@/lib/vendors/templates';

export type LinkDocument = { id: string; questionKey: string; fileName: string; size: number };

const short = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The vendor's documents on the link page: a plain multipart form posting to
 * the link's documents route (with script, the form kit sends it and shows
 * the result in place, so answers typed and not yet saved stay on the page),
 * and the documents kept with the draft, each removable until submission.
 */
export function QuestionnaireDocuments({ token, template, documents }: { token: string; template: QuestionnaireTemplate; documents: LinkDocument[] }) {
  const questions = template.sections.flatMap((s) => s.questions.map((q) => ({ value: q.key, label: short(`${s.title}: ${q.text}`) })));
  const text = new Map(questions.map((q) => [q.value, q.label]));
  const used = documents.reduce((n, d) => n + d.size, 0);
  return (
    <section aria-labelledby="documents-heading" className="mb-8 rounded-md border border-slate-200 p-4">
      <h2 id="documents-heading" className="mb-1 text-lg font-semibold">Supporting documents</h2>
      <p className="mb-3 text-sm text-slate-700">
        Attach a report, certificate or policy to the question it supports: {VENDOR_DOCUMENT_TYPES_TEXT}, up to {formatBytes(VENDOR_DOCUMENT_MAX_BYTES)} a file and {formatBytes(VENDOR_QUESTIONNAIRE_DOCUMENTS_MAX_BYTES)} in all ({formatBytes(used)} attached). Documents are kept with your draft; after you submit, none can be added or removed.
      </p>
      <ActionForm endpoint={`/l/questionnaire/${encodeURIComponent(token)}/documents`} label="Attach a document" submit="Attach document" pendingText="Attaching…" success={(d: { fileName?: string }) => `${d.fileName ?? 'The document'} attached.`} className="grid gap-3 md:grid-cols-2">
        <SelectField label="Question" name="question" options={questions} placeholder="Choose the question" required />
        <FileField label="Document" name="file" accept={VENDOR_DOCUMENT_ACCEPT} required hint={`${VENDOR_DOCUMENT_TYPES_TEXT}; the type is checked from the file's content.`} />
      </ActionForm>
      {documents.length ? (
        <Table caption="Attached documents" className="mt-4">
          <thead>
            <tr><Th>Document</Th><Th>Question</Th><Th>Size</Th><Th><span className="sr-only">Remove</span></Th></tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {documents.map((d) => (
              <tr key={d.id} data-testid="questionnaire-document">
                <Td>{d.fileName}</Td>
                <Td>{text.get(d.questionKey) ?? d.questionKey}</Td>
                <Td>{formatBytes(d.size)}</Td>
                <Td>
                  <ActionForm action={removeDocumentByLinkAction} label={`Remove ${d.fileName}`} fields={{ token, documentId: d.id }} submit="Remove" variant="secondary" announce="toast" />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
