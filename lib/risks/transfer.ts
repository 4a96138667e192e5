import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize, can } from '@/lib/auth/gate';
import { multipartFields, readMultipart } from '@/lib/api/multipart';
import { assertSafeInput } from '@/lib/api/input-guard';
import { recordEvent } from '@/lib/audit/record';
import { parseCsv } from '@/lib/csv';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { readXlsxRows, tableCsv, tableXlsx, type TableSheet } from '@/lib/xlsx';
import { categoryLabel, findCategory } from './categories';
import { checkRiskData, insertRisk, lockRisk, nextRefs, rewriteRisk } from './mutations';
import { riskFilterWhere } from './queries';
import { scoreProblems } from './scale';
import { listRisksQuerySchema, riskRowSchema, type ListRisksQuery } from './schema';
import { treatmentProblem } from './rules';

// CSV and XLSX of the register, out and in. The import is all or nothing: every
// row is checked first, and one bad row means nothing is written and the
// report names it ({ row, ref, reason }, as the requirements import).

const MAX_ROWS = 50_000;
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5_000;

const COLUMNS = [
  { key: 'ref', header: 'ref', width: 10 },
  { key: 'title', header: 'title', width: 40 },
  { key: 'description', header: 'description', width: 60 },
  { key: 'category', header: 'category', width: 30 },
  { key: 'inherentLikelihood', header: 'inherent_likelihood' },
  { key: 'inherentImpact', header: 'inherent_impact' },
  { key: 'inherentScore', header: 'inherent_score' },
  { key: 'residualLikelihood', header: 'residual_likelihood' },
  { key: 'residualImpact', header: 'residual_impact' },
  { key: 'residualScore', header: 'residual_score' },
  { key: 'treatment', header: 'treatment' },
  { key: 'treatmentPlan', header: 'treatment_plan', width: 40 },
  { key: 'status', header: 'status' },
  { key: 'owner', header: 'owner_email', width: 28 },
  { key: 'reviewCadenceDays', header: 'review_cadence_days' },
  { key: 'nextReviewAt', header: 'next_review' },
  { key: 'acceptanceExpiresAt', header: 'acceptance_expires' },
  { key: 'systems', header: 'ai_systems', width: 30 },
  { key: 'controls', header: 'controls', width: 30 },
];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export async function exportRisks(actor: Actor, input: ListRisksQuery, format: 'csv' | 'xlsx'): Promise<Buffer> {
  authorize(actor, 'risks:read');
  const q = listRisksQuerySchema.parse(input);
  const where = riskFilterWhere(actor, q);
  const total = await db.risk.count({ where });
  if (total > MAX_ROWS) throw new AppError('VALIDATION', `${total} risks match; narrow the filters to at most ${MAX_ROWS} for an export.`);
  const rows = await db.risk.findMany({
    where,
    orderBy: { ref: 'asc' },
    select: {
      ref: true, title: true, description: true, category: true, inherentLikelihood: true, inherentImpact: true, inherentScore: true,
      residualLikelihood: true, residualImpact: true, residualScore: true, treatment: true, treatmentPlan: true, status: true,
      reviewCadenceDays: true, nextReviewAt: true, acceptanceExpiresAt: true,
      owner: { select: { email: true } },
      systems: { select: { system: { select: { name: true } } } },
      controls: { select: { control: { select: { key: true } } } },
    },
  });
  const now = Date.now();
  const sheet: TableSheet = {
    name: 'Risk register',
    columns: COLUMNS,
    frozenColumns: 2,
    rows: rows.map((r) => ({
      ...r,
      category: categoryLabel(r.category),
      treatmentPlan: r.treatmentPlan ?? '',
      status: r.status === 'ACCEPTED' && r.acceptanceExpiresAt && r.acceptanceExpiresAt.getTime() <= now ? 'OPEN' : r.status,
      owner: r.owner.email,
      nextReviewAt: day(r.nextReviewAt),
      acceptanceExpiresAt: day(r.acceptanceExpiresAt),
      systems: r.systems.map((s) => s.system.name).join('; '),
      controls: r.controls.map((c) => c.control.key).join('; '),
    })),
  };
  await db.$transaction((tx) => recordEvent(tx, actor, { action: 'risk.register_exported', entityType: 'risk', changes: { format, rows: rows.length, filter: input } }));
  return format === 'csv' ? tableCsv(sheet) : tableXlsx([sheet]);
}

export type InvalidRow = { row: number; ref: string | null; reason: string };
export type RiskImportResult = { ok: true; created: number; updated: number };

/** The uploaded file of a multipart request (field "file"), as rows of text. */
export async function readRiskUpload(req: Request): Promise<string[][]> {
  const body = await readMultipart(req, { fileBytes: IMPORT_MAX_BYTES, files: 1, what: 'Risk imports' });
  assertSafeInput({ ...multipartFields(body), file: body.files.map((f) => f.name) }, 'upload');
  const file = body.files.find((f) => f.field === 'file');
  if (!file) throw new AppError('VALIDATION', 'Choose a file to import.', { fieldErrors: { file: ['Choose a file'] } });
  if (!file.bytes.length) throw new AppError('VALIDATION', 'The file is empty.', { fieldErrors: { file: ['The file is empty'] } });
  return parseRiskFile(file.name, file.bytes);
}

export async function parseRiskFile(name: string, bytes: Buffer): Promise<string[][]> {
  const xlsx = name.toLowerCase().endsWith('.xlsx') || (bytes[0] === 0x50 && bytes[1] === 0x4b);
  try {
    return xlsx ? await readXlsxRows(bytes) : parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('VALIDATION', `The file could not be read: ${(e as Error).message}`, { fieldErrors: { file: ['Unreadable file'] } });
  }
}

const REQUIRED = ['title', 'description', 'category', 'inherent_likelihood', 'inherent_impact', 'owner_email'];

/**
 * Imports risks from rows (first row: headers as in the export). A row with
 * a known `ref` rewrites that risk; one without creates a new risk. Nothing is
 * written unless every row is valid: otherwise a 422 whose `details.invalid`
 * lists every bad row.
 */
export async function importRisks(actor: Actor, rows: string[][]): Promise<RiskImportResult> {
  authorize(actor, 'risks:manage');
  if (!can(actor, 'risks:manage')) throw new AppError('FORBIDDEN', 'Only compliance imports risks.');
  if (rows.length < 2) throw new AppError('VALIDATION', 'The file needs a header row and at least one risk.', { fieldErrors: { file: ['No risks in the file'] } });
  if (rows.length - 1 > IMPORT_MAX_ROWS) throw new AppError('VALIDATION', `At most ${IMPORT_MAX_ROWS} risks per import.`, { fieldErrors: { file: ['Too many rows'] } });
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new AppError('VALIDATION', `Missing columns: ${missing.join(', ')}.`, { fieldErrors: { file: [`Missing columns: ${missing.join(', ')}`] } });
  assertSafeInput(rows, 'file');
  const col = (r: string[], name: string) => (header.includes(name) ? (r[header.indexOf(name)] ?? '').trim() : '');

  const orgId = actor.orgId;
  const [users, systems, controls, existing] = await Promise.all([
    db.user.findMany({ where: { orgId, active: true }, select: { id: true, email: true } }),
    db.aISystem.findMany({ where: { orgId }, select: { id: true, name: true } }),
    db.control.findMany({ where: { orgId }, select: { id: true, key: true } }),
    db.risk.findMany({ where: { orgId, ref: { in: rows.slice(1).map((r) => col(r, 'ref')).filter(Boolean) } }, select: { id: true, ref: true, status: true, treatment: true } }),
  ]);
  const userBy = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const systemBy = new Map(systems.map((s) => [s.name.toLowerCase(), s.id]));
  const controlBy = new Map(controls.map((c) => [c.key.toLowerCase(), c.id]));
  const riskBy = new Map(existing.map((r) => [r.ref, r]));

  const invalid: InvalidRow[] = [];
  const plan: { ref: string | null; id: string | null; data: ReturnType<typeof riskRowSchema.parse> }[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((r, i) => {
    const rowNo = i + 2;
    const ref = col(r, 'ref') || null;
    const fail = (reason: string) => invalid.push({ row: rowNo, ref, reason });
    if (ref) {
      if (seen.has(ref)) return fail(`Duplicate ref "${ref}" (also on row ${seen.get(ref)})`);
      seen.set(ref, rowNo);
      const have = riskBy.get(ref);
      if (!have) return fail(`No risk with ref "${ref}" (leave ref empty to create one)`);
      if (have.status === 'CLOSED') return fail(`Risk ${ref} is closed and cannot change`);
    }
    const category = findCategory(col(r, 'category'));
    if (!category) return fail(`Unknown category "${col(r, 'category')}"`);
    const ownerId = userBy.get(col(r, 'owner_email').toLowerCase());
    if (!ownerId) return fail(`No active user with the e-mail "${col(r, 'owner_email')}"`);
    const names = (v: string) => v.split(';').map((x) => x.trim()).filter(Boolean);
    const systemNames = names(col(r, 'ai_systems'));
    const unknownSystem = systemNames.find((n) => !systemBy.has(n.toLowerCase()));
    if (unknownSystem) return fail(`Unknown AI system "${unknownSystem}"`);
    const controlKeys = names(col(r, 'controls'));
    const unknownControl = controlKeys.find((k) => !controlBy.has(k.toLowerCase()));
    if (unknownControl) return fail(`Unknown control "${unknownControl}"`);
    const parsed = riskRowSchema.safeParse({
      title: col(r, 'title'),
      description: col(r, 'description'),
      category: category.key,
      inherentLikelihood: col(r, 'inherent_likelihood'),
      inherentImpact: col(r, 'inherent_impact'),
      residualLikelihood: col(r, 'residual_likelihood'),
      residualImpact: col(r, 'residual_impact'),
      treatment: col(r, 'treatment').toUpperCase() || undefined,
      treatmentPlan: col(r, 'treatment_plan'),
      ownerId,
      reviewCadenceDays: col(r, 'review_cadence_days'),
      systemIds: systemNames.map((n) => systemBy.get(n.toLowerCase())!),
      controlIds: controlKeys.map((k) => controlBy.get(k.toLowerCase())!),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(`${String(issue.path[0] ?? 'row')}: ${issue.message}`);
    }
    const acceptProblem = treatmentProblem(parsed.data.treatment, ref ? riskBy.get(ref)!.treatment : null);
    if (acceptProblem) return fail(`treatment: ${acceptProblem}`);
    const problems = scoreProblems(parsed.data, parsed.data.treatment, parsed.data.controlIds.length);
    const first = Object.entries(problems)[0];
    if (first) return fail(`${first[0]}: ${first[1][0]}`);
    plan.push({ ref, id: ref ? riskBy.get(ref)!.id : null, data: parsed.data });
  });
  if (invalid.length) {
    const lines = invalid.slice(0, 20).map((x) => `Row ${x.row}${x.ref ? ` (${x.ref})` : ''}: ${x.reason}`);
    throw new AppError('VALIDATION', `${invalid.length} row${invalid.length === 1 ? ' is' : 's are'} invalid; nothing was imported. ${lines.slice(0, 3).join('. ')}${invalid.length > 3 ? ' …' : ''}`, {
      fieldErrors: { file: lines },
      details: { invalid },
    });
  }

  return db.$transaction(
    async (tx) => {
      const creates = plan.filter((p) => !p.id);
      const refs = await nextRefs(tx, orgId, creates.length);
      let updated = 0;
      for (const [i, p] of creates.entries()) {
        await checkRiskData(tx, orgId, p.data);
        await insertRisk(tx, actor, p.data, refs[i]);
      }
      for (const p of plan.filter((x) => x.id)) {
        const locked = await lockRisk(tx, actor, p.id!);
        // The import carries systems and controls; the other links stay as they are.
        const data = { ...p.data, modelIds: locked.models.map((m) => m.modelId), datasetIds: locked.datasets.map((d) => d.datasetId), requirementIds: locked.requirements.map((q) => q.requirementId) };
        await checkRiskData(tx, orgId, data);
        await rewriteRisk(tx, actor, locked, data, 'risk.imported');
        updated += 1;
      }
      await recordEvent(tx, actor, { action: 'risk.register_imported', entityType: 'risk', changes: { created: creates.length, updated } });
      return { ok: true as const, created: creates.length, updated };
    },
    { timeout: 120_000 },
  );
}
