import 'server-only';
import ExcelJS from 'exceljs';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { db } from '@/lib/db';
import { AREA_LABELS, type Area } from './library-schema';
import { csvField } from './logic/csv';
import { matrixAllRows } from './queries/matrix';
import { CSV_OPTIONAL_COLUMNS, CSV_REQUIRED_COLUMNS, CSV_STATUS_PREFIX } from './schema/imports';
import { STATUS_LABELS } from './schema/vocabulary';
import { type MatrixFilter } from './schema/matrix';

/** The filtered matrix as rows of the import's columns, so an export re-imports as "no changes". */
async function exportRows(actor: Actor, filter: MatrixFilter) {
  authorize(actor, 'requirements:read');
  const { systems, rows } = await matrixAllRows(actor, filter);
  const details = await db.requirement.findMany({
    where: { orgId: actor.orgId, id: { in: rows.map((r) => r.id) } },
    select: { id: true, summary: true, group: true, reviewCadenceDays: true, owner: { select: { email: true } } },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  const header = [...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS, ...systems.map((s) => `${CSV_STATUS_PREFIX}${s.name}`)];
  const body = rows.map((r) => {
    const d = byId.get(r.id)!;
    return [r.frameworkKey, r.ref, r.title, d.summary, r.area, String(r.aiSpecific), d.group ?? '', d.owner?.email ?? '', String(d.reviewCadenceDays), ...r.cells.map((c) => c.status)];
  });
  return { header, body, rows, systems };
}

export async function exportMatrixCsv(actor: Actor, filter: MatrixFilter = {}): Promise<string> {
  const { header, body } = await exportRows(actor, filter);
  return `${[header, ...body].map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export async function exportMatrixXlsx(actor: Actor, filter: MatrixFilter = {}): Promise<Buffer> {
  const { header, body, rows, systems } = await exportRows(actor, filter);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'AI governance portal';
  wb.created = new Date();
  const sheet = wb.addWorksheet('Matrix', { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  for (const line of body) sheet.addRow(line);
  sheet.columns.forEach((c, i) => {
    c.width = i === 3 ? 60 : i < 3 ? 22 : 18;
  });
  const labels = wb.addWorksheet('Readable');
  labels.addRow(['Framework', 'Reference', 'Title', 'Area', 'AI-specific', 'Owner', 'Review due', ...systems.map((s) => s.name)]);
  labels.getRow(1).font = { bold: true };
  for (const r of rows) {
    labels.addRow([r.frameworkName, r.ref, r.title, AREA_LABELS[r.area as Area], r.aiSpecific ? 'Yes' : 'No', r.ownerName ?? 'Unowned', r.nextReviewDue ? new Date(r.nextReviewDue) : '', ...r.cells.map((c) => STATUS_LABELS[c.status])]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
