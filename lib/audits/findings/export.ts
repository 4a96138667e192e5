import 'server-only';
import ExcelJS from 'exceljs';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { csvCell } from '@/lib/csv';
import { recordEvent } from '@/lib/audit/record';
import { auditorScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { findingFilterWhere } from './queries';
import { FINDING_STATUS_LABELS, listFindingsQuerySchema, SEVERITY_LABELS, type ListFindingsQuery } from './schema';

const MAX_ROWS = 50_000;
const COLUMNS = [
  ['id', 'Finding ID'],
  ['title', 'Title'],
  ['audit', 'Audit'],
  ['source', 'Source'],
  ['severity', 'Severity'],
  ['status', 'Status'],
  ['owner', 'Owner'],
  ['requirements', 'Requirements'],
  ['remediationPlan', 'Remediation plan'],
  ['raised', 'Raised'],
  ['remediationStarted', 'Remediation started'],
  ['readyForVerification', 'Ready for verification'],
  ['dueDate', 'Due date'],
  ['completed', 'Completed'],
  ['verifiedBy', 'Verified by'],
  ['riskExpires', 'Risk acceptance expires'],
  ['overdue', 'Overdue'],
  ['ageDays', 'Age (days)'],
] as const;

type ExportRow = Record<(typeof COLUMNS)[number][0], string | number>;

async function trackingRows(actor: Actor, input: ListFindingsQuery): Promise<ExportRow[]> {
  authorize(actor, 'audits:read');
  const q = listFindingsQuerySchema.parse(input);
  const where = findingFilterWhere(actor, await auditorScope(actor), q);
  const total = await db.finding.count({ where });
  if (total > MAX_ROWS) throw new AppError('VALIDATION', `${total} findings match; narrow the filters to at most ${MAX_ROWS} for an export.`);
  const rows = await db.finding.findMany({
    where,
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
    select: {
      id: true, title: true, source: true, severity: true, status: true, remediationPlan: true, createdAt: true,
      remediationStartedAt: true, readyAt: true, dueDate: true, closedAt: true, riskExpiresAt: true,
      audit: { select: { title: true } },
      owner: { select: { name: true } },
      verifiedBy: { select: { name: true } },
      requirements: { select: { requirement: { select: { ref: true } } } },
    },
  });
  const now = Date.now();
  const d = (x: Date | null) => (x ? x.toISOString().slice(0, 10) : '');
  const active = (s: string) => s === 'OPEN' || s === 'IN_REMEDIATION' || s === 'READY_FOR_VERIFICATION';
  return rows.map((f) => ({
    id: f.id,
    title: f.title,
    audit: f.audit?.title ?? '',
    source: f.source,
    severity: SEVERITY_LABELS[f.severity],
    status: FINDING_STATUS_LABELS[f.status],
    owner: f.owner?.name ?? '',
    requirements: f.requirements.map((r) => r.requirement.ref).join('; '),
    remediationPlan: f.remediationPlan ?? '',
    raised: d(f.createdAt),
    remediationStarted: d(f.remediationStartedAt),
    readyForVerification: d(f.readyAt),
    dueDate: d(f.dueDate),
    completed: d(f.closedAt),
    verifiedBy: f.verifiedBy?.name ?? '',
    riskExpires: d(f.riskExpiresAt),
    overdue: active(f.status) && f.dueDate && f.dueDate.getTime() < now ? 'yes' : 'no',
    ageDays: Math.floor(((f.closedAt?.getTime() ?? now) - f.createdAt.getTime()) / 86_400_000),
  }));
}

/** The "audit tracking" table as CSV or XLSX; the export itself is recorded. */
export async function exportFindings(actor: Actor, input: ListFindingsQuery, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const rows = await trackingRows(actor, input);
  await db.$transaction((tx) =>
    recordEvent(tx, actor, { action: 'finding.tracking_exported', entityType: 'finding', changes: { format, rows: rows.length, filter: input } }),
  );
  if (format === 'csv') {
    const lines = [COLUMNS.map(([, label]) => csvCell(label)).join(',')];
    for (const r of rows) lines.push(COLUMNS.map(([k]) => csvCell(r[k])).join(','));
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
  }
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  const ws = wb.addWorksheet('Audit tracking', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map(([key, header]) => ({ key, header, width: key === 'title' || key === 'remediationPlan' ? 48 : 18 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    // Text that looks like a formula stays text in the sheet.
    ws.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v])));
  }
  ws.autoFilter = { from: 'A1', to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
