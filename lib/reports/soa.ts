import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { statusFromControls, type Status } from '@/lib/requirements/schema';
import { tableCsv, tableXlsx, type TableSheet } from '@/lib/xlsx';
import { authorizeOrgExport } from './access';
import { documentHash, type ReportDocument, type Section } from './document';
import { recordExport, renderAndRecord } from './exports';
import { SOA_FRAMEWORKS, type SoaFrameworkKey } from './soa-schema';

/**
 * The Statement of Applicability of ISO/IEC 27001 and ISO/IEC 42001: every
 * Annex A control of the loaded framework, included or excluded with a
 * justification, its implementation status and its evidence.
 *
 * - Applicability: the organisation's decision (SoaEntry) when one is
 *   recorded; otherwise excluded when every matrix cell of the control is
 *   assessed not applicable, included otherwise.
 * - Implementation: from the mapped controls' statuses when the control has
 *   any, else from its matrix cells (the matrix's own roll-up,
 *   `statusFromControls`); excluded controls are not applicable.
 * - Evidence: current (not withdrawn) evidence linked to the requirement,
 *   its matrix cells or its mapped controls, and the cells' evidence links.
 */
export const IMPLEMENTATION_LABEL: Record<Status, string> = {
  COMPLIANT: 'Implemented',
  PARTIALLY_COMPLIANT: 'Partially implemented',
  NON_COMPLIANT: 'Not implemented',
  NOT_ASSESSED: 'Not assessed',
  NOT_APPLICABLE: 'Not applicable',
};

export type SoaRow = {
  requirementId: string;
  ref: string;
  title: string;
  group: string;
  included: boolean;
  justification: string;
  /** Whether the decision was recorded (else derived from the matrix). */
  decided: boolean;
  implementation: Status;
  controls: string[];
  evidence: string[];
};

type Ev = { evidence: { id: string; title: string; withdrawnAt: Date | null } };
const current = (links: Ev[]) => links.filter((l) => !l.evidence.withdrawnAt).map((l) => l.evidence.title);

async function frameworkFor(actor: Actor, key: SoaFrameworkKey) {
  const fw = await db.framework.findFirst({ where: { orgId: actor.orgId, key }, select: { id: true, name: true, version: true } });
  if (!fw) throw notFound(`The framework ${SOA_FRAMEWORKS[key]} (load it from the regulation library first)`);
  return fw;
}

async function liveRows(frameworkId: string): Promise<SoaRow[]> {
  const evidence = { select: { evidence: { select: { id: true, title: true, withdrawnAt: true } } } };
  const reqs = await db.requirement.findMany({
    where: { frameworkId },
    orderBy: [{ position: 'asc' }, { ref: 'asc' }],
    select: {
      id: true,
      ref: true,
      title: true,
      group: true,
      soaEntry: { select: { included: true, justification: true } },
      evidenceLinks: evidence,
      cells: { select: { status: true, justification: true, evidenceUrl: true, system: { select: { name: true } }, evidenceLinks: evidence } },
      controlMappings: { select: { control: { select: { key: true, name: true, status: true, evidenceLinks: evidence } } } },
    },
  });
  return reqs.map((r) => {
    const cellStatuses = r.cells.map((c) => c.status as Status);
    const allNotApplicable = cellStatuses.length > 0 && cellStatuses.every((s) => s === 'NOT_APPLICABLE');
    const included = r.soaEntry ? r.soaEntry.included : !allNotApplicable;
    const derivedJustification = allNotApplicable
      ? `Assessed not applicable for every AI system${r.cells.some((c) => c.justification) ? `: ${[...new Set(r.cells.map((c) => c.justification).filter(Boolean))].join('; ')}` : '.'}`
      : r.cells.length
        ? `Applies to ${r.cells.filter((c) => c.status !== 'NOT_APPLICABLE').map((c) => c.system.name).join(', ')}.`
        : 'Included by default; no AI system has been assessed against it yet.';
    const controls = r.controlMappings.map((m) => m.control);
    const implementation: Status = !included ? 'NOT_APPLICABLE' : controls.length ? statusFromControls(controls.map((c) => c.status as Status)) : statusFromControls(cellStatuses);
    const evidenceTitles = [...current(r.evidenceLinks), ...r.cells.flatMap((c) => current(c.evidenceLinks)), ...controls.flatMap((c) => current(c.evidenceLinks)), ...r.cells.map((c) => c.evidenceUrl).filter((u): u is string => Boolean(u))];
    return {
      requirementId: r.id,
      ref: r.ref,
      title: r.title,
      group: r.group ?? 'Other',
      included,
      justification: r.soaEntry?.justification ?? derivedJustification,
      decided: Boolean(r.soaEntry),
      implementation,
      controls: controls.map((c) => `${c.key} ${c.name}`),
      evidence: [...new Set(evidenceTitles)],
    };
  });
}

function summaryOf(rows: SoaRow[]) {
  const by = (s: Status) => rows.filter((r) => r.implementation === s).length;
  return {
    controls: rows.length,
    included: rows.filter((r) => r.included).length,
    excluded: rows.filter((r) => !r.included).length,
    implemented: by('COMPLIANT'),
    partial: by('PARTIALLY_COMPLIANT'),
    notImplemented: by('NON_COMPLIANT'),
    notAssessed: by('NOT_ASSESSED'),
    withEvidence: rows.filter((r) => r.included && r.evidence.length > 0).length,
  };
}

/** The statement as the screen shows it: the live rows, their summary and the approved versions. */
export async function getStatementOfApplicability(actor: Actor, key: SoaFrameworkKey) {
  authorizeOrgExport(actor);
  const fw = await frameworkFor(actor, key);
  const [rows, versions] = await Promise.all([
    liveRows(fw.id),
    db.soaVersion.findMany({ where: { frameworkId: fw.id }, orderBy: { version: 'desc' }, take: 50, select: { version: true, contentSha256: true, approvedAt: true, approvedById: true } }),
  ]);
  const approvers = await db.user.findMany({ where: { id: { in: versions.map((v) => v.approvedById).filter((x): x is string => Boolean(x)) } }, select: { id: true, name: true } });
  return {
    framework: { key, id: fw.id, name: fw.name, version: fw.version, title: SOA_FRAMEWORKS[key] },
    rows,
    summary: summaryOf(rows),
    versions: versions.map((v) => ({ version: v.version, contentSha256: v.contentSha256, approvedAt: v.approvedAt.toISOString(), approvedBy: approvers.find((a) => a.id === v.approvedById)?.name ?? '—' })),
    capabilities: { canManage: can(actor, 'reports:manage') },
  };
}

export function soaDocument(input: { orgName: string; title: string; frameworkName: string; version: number | null; rows: SoaRow[] }, opts: { now: Date; locale: { tag: string; timeZone?: string } }): ReportDocument {
  const s = summaryOf(input.rows);
  const groups = [...new Set(input.rows.map((r) => r.group))];
  const sections: Section[] = [
    {
      title: 'Summary',
      level: 1,
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Framework', input.frameworkName],
            ['Statement version', input.version ? `Approved version ${input.version}` : 'Working draft (not approved)'],
            ['Annex A controls', String(s.controls)],
            ['Included', String(s.included)],
            ['Excluded', String(s.excluded)],
            ['Implemented', String(s.implemented)],
            ['Partially implemented', String(s.partial)],
            ['Not implemented', String(s.notImplemented)],
            ['Not assessed', String(s.notAssessed)],
            ['Included controls with evidence', String(s.withEvidence)],
          ],
        },
      ],
    },
    ...groups.map<Section>((g) => ({
      title: g,
      level: 1,
      blocks: [
        {
          kind: 'table',
          caption: g,
          columns: ['Control', 'Title', 'Applicability', 'Justification', 'Implementation', 'Evidence'],
          widths: [0.8, 2, 1, 3, 1.3, 2],
          rows: input.rows.filter((r) => r.group === g).map((r) => [r.ref, r.title, r.included ? 'Included' : 'Excluded', r.justification, IMPLEMENTATION_LABEL[r.implementation], r.evidence.join('; ') || '—']),
        },
      ],
    })),
  ];
  return { kind: 'soa', title: input.title, subtitle: input.version ? `Approved version ${input.version}` : 'Working draft', orgName: input.orgName, generatedAt: opts.now, locale: opts.locale, toc: true, sections };
}

export function soaSheet(rows: SoaRow[]): TableSheet {
  return {
    name: 'Statement of Applicability',
    frozenColumns: 1,
    columns: [
      { key: 'ref', header: 'Control', width: 10 },
      { key: 'title', header: 'Title', width: 40 },
      { key: 'group', header: 'Group', width: 28 },
      { key: 'applicability', header: 'Applicability', width: 12 },
      { key: 'justification', header: 'Justification', width: 60 },
      { key: 'source', header: 'Justification source', width: 18 },
      { key: 'implementation', header: 'Implementation', width: 20 },
      { key: 'controls', header: 'Controls', width: 40 },
      { key: 'evidence', header: 'Evidence', width: 50 },
    ],
    rows: rows.map((r) => ({
      ref: r.ref,
      title: r.title,
      group: r.group,
      applicability: r.included ? 'Included' : 'Excluded',
      justification: r.justification,
      source: r.decided ? 'Recorded' : 'From the matrix',
      implementation: IMPLEMENTATION_LABEL[r.implementation],
      controls: r.controls.join('; '),
      evidence: r.evidence.join('; '),
    })),
  };
}

export type SoaExportFormat = 'pdf' | 'docx' | 'xlsx' | 'csv';

/** The live statement, or an approved version's frozen rows, as PDF, DOCX, XLSX or CSV; the export is recorded with its content hash. */
export async function exportStatementOfApplicability(actor: Actor, key: SoaFrameworkKey, opts: { format: SoaExportFormat; locale: string; tz: string; version?: number }, now = new Date()) {
  authorizeOrgExport(actor);
  const fw = await frameworkFor(actor, key);
  let rows: SoaRow[];
  if (opts.version) {
    const v = await db.soaVersion.findUnique({ where: { frameworkId_version: { frameworkId: fw.id, version: opts.version } }, select: { rows: true } });
    if (!v) throw notFound(`Version ${opts.version} of the statement`);
    rows = v.rows as SoaRow[];
  } else rows = await liveRows(fw.id);
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } });
  const doc = soaDocument({ orgName: org.name, title: `Statement of Applicability — ${SOA_FRAMEWORKS[key]}`, frameworkName: `${fw.name} (${fw.version})`, version: opts.version ?? null, rows }, { now, locale: { tag: opts.locale, timeZone: opts.tz } });
  const subject = { entityType: 'framework', entityId: fw.id };
  if (opts.format === 'pdf' || opts.format === 'docx') return renderAndRecord(actor, doc, opts.format, subject);
  const sheet = soaSheet(rows);
  const bytes = opts.format === 'xlsx' ? await tableXlsx([sheet], org.name) : tableCsv(sheet);
  const contentType = opts.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
  return recordExport(actor, doc, { format: opts.format, hash: documentHash(doc), bytes, contentType }, subject);
}

/** Records the organisation's decision on one control (included or excluded, and why). */
export async function setSoaEntry(actor: Actor, input: { requirementId: string; included: boolean; justification: string }) {
  authorize(actor, 'reports:manage');
  const req = await db.requirement.findFirst({ where: { id: input.requirementId, orgId: actor.orgId, framework: { key: { in: Object.keys(SOA_FRAMEWORKS) } } }, select: { id: true, ref: true, soaEntry: { select: { included: true, justification: true } } } });
  if (!req) throw notFound('The Annex A control');
  return db.$transaction(async (tx) => {
    const row = await tx.soaEntry.upsert({
      where: { requirementId: req.id },
      create: { orgId: actor.orgId, requirementId: req.id, included: input.included, justification: input.justification, updatedById: actor.userId },
      update: { included: input.included, justification: input.justification, updatedById: actor.userId },
      select: { id: true, included: true, justification: true },
    });
    await recordEvent(tx, actor, { action: 'soa.entry.updated', entityType: 'requirement', entityId: req.id, before: req.soaEntry ?? undefined, after: { included: row.included, justification: row.justification } });
    return { requirementId: req.id, ref: req.ref, included: row.included };
  });
}

/** Freezes the statement as it stands: the next version number, its rows and their content hash. */
export async function approveStatementOfApplicability(actor: Actor, key: SoaFrameworkKey, now = new Date()) {
  authorize(actor, 'reports:manage');
  const fw = await frameworkFor(actor, key);
  const rows = await liveRows(fw.id);
  if (rows.length === 0) throw new AppError('VALIDATION', 'The framework has no Annex A controls to approve.');
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { name: true } });
  return db.$transaction(async (tx) => {
    const last = await tx.soaVersion.findFirst({ where: { frameworkId: fw.id }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const doc = soaDocument({ orgName: org.name, title: `Statement of Applicability — ${SOA_FRAMEWORKS[key]}`, frameworkName: `${fw.name} (${fw.version})`, version, rows }, { now, locale: { tag: 'en-GB', timeZone: 'UTC' } });
    const contentSha256 = documentHash(doc);
    await tx.soaVersion.create({ data: { orgId: actor.orgId, frameworkId: fw.id, version, contentSha256, rows, approvedById: actor.userId, approvedAt: now } });
    await recordEvent(tx, actor, { action: 'soa.version.approved', entityType: 'framework', entityId: fw.id, changes: { framework: key, version, contentSha256, controls: rows.length } });
    return { version, contentSha256 };
  });
}
