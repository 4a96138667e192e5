import { assertSafeCsv } from '@/lib/api/input-guard';
import { parseCsv } from '@/lib/csv';
import { AppError } from '@/lib/errors';

/** Rows as objects keyed by the (lower-cased) header; names every missing required column. */
export function csvRecords(input: string, required: readonly string[]): Record<string, string>[] {
  let rows: string[][];
  try {
    rows = parseCsv(input);
  } catch (e) {
    const message = `The CSV could not be read: ${(e as Error).message}`;
    throw new AppError('VALIDATION', message, { fieldErrors: { csv: [message] } });
  }
  assertSafeCsv(rows);
  const [header, ...body] = rows;
  if (!header) throw new AppError('VALIDATION', 'The CSV is empty.');
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = required.filter((r) => !names.includes(r));
  if (missing.length) {
    throw new AppError('VALIDATION', `The CSV is missing required column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`, { fieldErrors: { csv: [`Missing: ${missing.join(', ')}`] } });
  }
  return body.map((cells) => Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()])));
}
