import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { readXlsxRows, tableCsv, tableXlsx, type TableSheet } from './xlsx';

const sheet: TableSheet = {
  name: 'Risks',
  columns: [
    { key: 'ref', header: 'Reference' },
    { key: 'title', header: 'Title', width: 40 },
    { key: 'score', header: 'Score' },
    { key: 'due', header: 'Due' },
  ],
  rows: [
    { ref: 'R-1', title: 'Drift, "quiet"', score: 12, due: new Date('2026-03-31T00:00:00Z') },
    { ref: 'R-2', title: '=HYPERLINK("x")', score: null, due: undefined },
  ],
};

describe('table files', () => {
  it('writes CSV with a header, quoting and the formula guard', () => {
    const text = tableCsv(sheet).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['Reference', 'Title', 'Score', 'Due']);
    expect(rows[1]).toEqual(['R-1', 'Drift, "quiet"', '12', '2026-03-31T00:00:00.000Z']);
    expect(rows[2][1]).toBe(`'=HYPERLINK("x")`);
  });

  it('writes XLSX that reads back as the same rows', async () => {
    const rows = await readXlsxRows(await tableXlsx([sheet]));
    expect(rows[0]).toEqual(['Reference', 'Title', 'Score', 'Due']);
    expect(rows[1]).toEqual(['R-1', 'Drift, "quiet"', '12', '2026-03-31T00:00:00.000Z']);
    expect(rows[2].slice(0, 2)).toEqual(['R-2', `'=HYPERLINK("x")`]);
  });

  it('refuses a file that is not a workbook, and a missing sheet', async () => {
    await expect(readXlsxRows(Buffer.from('ref,title\n'))).rejects.toThrow('not an XLSX workbook');
    await expect(readXlsxRows(await tableXlsx([sheet]), 'Nope')).rejects.toThrow('no sheet named "Nope"');
  });
});
