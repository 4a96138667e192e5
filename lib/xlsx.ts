import ExcelJS from 'exceljs';
import { csvCell } from './csv';

/**
 * The one table-file writer and XLSX reader. Every export that offers CSV and
 * XLSX builds `TableSheet`s and calls `tableCsv` / `tableXlsx`; every import
 * that accepts XLSX reads it with `readXlsxRows` and then treats the rows like
 * the CSV reader's (`lib/csv.ts`).
 */
export type TableColumn = { key: string; header: string; width?: number };
export type TableCell = string | number | boolean | Date | null | undefined;
export type TableSheet = {
  name: string;
  columns: TableColumn[];
  rows: Record<string, TableCell>[];
  /** Columns kept visible when scrolling right (default 0). */
  frozenColumns?: number;
};

/** Text a spreadsheet would run as a formula stays text. */
function cellValue(v: TableCell): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

/** One sheet as CSV (UTF-8 with a byte-order mark so spreadsheets read accents). */
export function tableCsv(sheet: TableSheet): Buffer {
  const lines = [sheet.columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of sheet.rows) lines.push(sheet.columns.map((c) => csvCell(r[c.key] instanceof Date ? (r[c.key] as Date).toISOString() : r[c.key])).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** Sheets as one workbook: bold frozen header row, auto-filter, column widths. */
export async function tableXlsx(sheets: TableSheet[], creator = 'AI governance portal'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', xSplit: s.frozenColumns ?? 0, ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({ key: c.key, header: c.header, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) ws.addRow(Object.fromEntries(s.columns.map((c) => [c.key, cellValue(r[c.key])])));
    if (s.columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return v.result === undefined ? '' : cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v);
}

/**
 * The rows of a workbook's first sheet (or the named one) as text, like
 * `parseCsv`: dates as ISO 8601, formulas as their cached result, blank rows
 * skipped. A file that is not a workbook throws an Error saying so.
 */
export async function readXlsxRows(data: Buffer | ArrayBuffer, sheetName?: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new Error('The file is not an XLSX workbook.');
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw new Error(sheetName ? `The workbook has no sheet named "${sheetName}".` : 'The workbook has no sheets.');
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i] as ExcelJS.CellValue).trim());
    if (cells.some((c) => c !== '')) out.push(cells);
  });
  return out;
}
