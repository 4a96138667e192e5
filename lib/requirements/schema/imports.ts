import { z } from 'zod';

export { IMPORT_MAX_BYTES } from './labels';
export const importKindSchema = z.enum(['csv', 'oscal']);

/** Columns of the requirements CSV (export and import share them). */
export const CSV_REQUIRED_COLUMNS = ['framework', 'ref', 'title', 'summary', 'area', 'aiSpecific'] as const;
export const CSV_OPTIONAL_COLUMNS = ['group', 'owner', 'reviewCadenceDays'] as const;
/** Per-system status columns look like "status: Credit scoring". */
export const CSV_STATUS_PREFIX = 'status: ';
