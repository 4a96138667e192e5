// The requirements domain's vocabulary that screens need in the browser:
// constants only, no zod (lib/client-bundle.test.ts). The schemas that use
// them live beside it in ./vocabulary.ts and the other schema files.

export const STATUSES = ['NOT_ASSESSED', 'NOT_APPLICABLE', 'NON_COMPLIANT', 'PARTIALLY_COMPLIANT', 'COMPLIANT'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  NOT_ASSESSED: 'Not assessed',
  NOT_APPLICABLE: 'Not applicable',
  NON_COMPLIANT: 'Non-compliant',
  PARTIALLY_COMPLIANT: 'Partially compliant',
  COMPLIANT: 'Compliant',
};
/** One-letter codes for the dense matrix grid (the full label is the accessible name). */
export const STATUS_SHORT: Record<Status, string> = {
  NOT_ASSESSED: '·',
  NOT_APPLICABLE: 'N/A',
  NON_COMPLIANT: 'NC',
  PARTIALLY_COMPLIANT: 'PC',
  COMPLIANT: 'C',
};

/** Rows per window the server sends (the page sends the first). */
export const MATRIX_WINDOW = 50;

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** OSCAL uploads may be larger than CSV ones: NIST's full SP 800-53 rev 5 catalog is about 10 MB. */
export const OSCAL_IMPORT_MAX_BYTES = 16 * 1024 * 1024;
