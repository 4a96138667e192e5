import { CsvError, parse } from 'csv-parse/sync';

/**
 * One CSV field. Text that a spreadsheet would run as a formula gets a
 * leading quote (imports strip it again); objects are written as JSON.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Undoes the formula guard that `csvCell` adds, for files the portal wrote itself. */
export function unescapeFormula(s: string): string {
  return /^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/**
 * The one CSV reader (csv-parse): RFC 4180 quoting, doubled quotes, CRLF or
 * LF, a leading byte-order mark; rows may differ in length and rows whose
 * fields are all blank are skipped. A broken file throws an Error whose
 * message says what is wrong and where.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
  } catch (e) {
    if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new Error(`The CSV ends inside a quoted field (an unmatched double quote opened on line ${e.lines ?? '?'}).`);
    }
    if (e instanceof CsvError) throw new Error(e.message);
    throw e;
  }
}
