import { assertSafeCsv } from '@/lib/api/input-guard';
import { AppError } from '@/lib/errors';

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

/** Rows as objects keyed by the (lower-cased) header; names every missing required column. */
export function csvRecords(input: string, required: readonly string[]): Record<string, string>[] {
  const rows = parseCsv(input.replace(/^\uFEFF/, ''));
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
