// What a vendor may attach to a questionnaire through its link. Safe for the
// client: the link page shows these. The evidence limits (EVIDENCE_MAX_MB,
// EVIDENCE_ALLOWED_TYPES) still apply on top, in lib/audits/evidence/upload.ts.

const MB = 1024 * 1024;

export const VENDOR_DOCUMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/png',
  'image/jpeg',
] as const;

export const VENDOR_DOCUMENT_ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';
export const VENDOR_DOCUMENT_TYPES_TEXT = 'PDF, Word (.docx), Excel (.xlsx), PNG or JPEG';

/** One file. */
export const VENDOR_DOCUMENT_MAX_BYTES = 10 * MB;
/** All the documents of one questionnaire together. */
export const VENDOR_QUESTIONNAIRE_DOCUMENTS_MAX_BYTES = 25 * MB;
export const VENDOR_QUESTIONNAIRE_MAX_DOCUMENTS = 20;
