import 'server-only';
import { isDeepStrictEqual } from 'node:util';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { recordEvent } from '@/lib/audit/record';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { assertSafeCsv, assertSafeInput } from '@/lib/api/input-guard';
import { readMultipart } from '@/lib/api/multipart';
import { AppError } from '@/lib/errors';
import { AREA_LABELS, AREAS, frameworkKeySchema, REQUIREMENT_TITLE_MAX, type Area } from './library-schema';
import { nextDue } from './logic/rules';
import { parseCsv, unescapeFormula } from '@/lib/csv';
import { OSCAL_IMPORT_MAX_BYTES, OSCAL_MAX_DEPTH, OscalError, parseOscalUpload, type OscalFile, type StatementNode } from './logic/oscal';
import { CSV_OPTIONAL_COLUMNS, CSV_REQUIRED_COLUMNS, CSV_STATUS_PREFIX, IMPORT_MAX_BYTES } from './schema/imports';
import { REQUIREMENT_SUMMARY_MAX } from './schema/library';
import { DEFAULT_REVIEW_CADENCE_DAYS, STATUS_LABELS, STATUSES, type Status } from './schema/vocabulary';

export type InvalidRow = { row: number; ref: string | null; reason: string };
type ReqData = { title: string; summary: string; statement?: StatementNode | null; group: string | null; area: Area; aiSpecific: boolean; ownerId?: string | null; reviewCadenceDays?: number };
type PlanCreate = ReqData & { frameworkKey: string; ref: string };
type PlanChange = { id: string; frameworkKey: string; ref: string; data: Partial<ReqData>; before: Partial<ReqData>; textChanged: boolean };
type PlanCell = { frameworkKey: string; ref: string; systemId: string; systemName: string; from: Status; to: Status };
type Plan = { newFramework: { key: string; name: string; version: string; jurisdiction: string; sourceRef: string } | null; creates: PlanCreate[]; changes: PlanChange[]; cells: PlanCell[] };
export type ImportSummary = {
  kind: 'csv' | 'oscal';
  fileName: string;
  frameworkKey: string;
  newFramework: string | null;
  rows: number;
  creates: { frameworkKey: string; ref: string; title: string }[];
  changes: { frameworkKey: string; ref: string; fields: string[] }[];
  cellChanges: { frameworkKey: string; ref: string; system: string; from: Status; to: Status }[];
  unchanged: number;
  invalid: InvalidRow[];
  /** What the import read but does not apply (e.g. a profile's alterations). */
  notes: string[];
};

const MB = 1024 * 1024;
const sizeText = (n: number) => `${(n / MB).toFixed(1)} MB`;

/**
 * Reads the uploaded file(s) from a multipart request, refusing anything over
 * the limit before buffering it. An OSCAL profile comes with its catalog, so
 * the "file" field may repeat.
 */
export async function readImportUpload(req: Request): Promise<{ fileName: string; text: string; files: OscalFile[]; fields: Record<string, string> }> {
  const body = await readMultipart(req, { fileBytes: OSCAL_IMPORT_MAX_BYTES, files: 8, what: 'Imports' }).catch((error: unknown) => {
    // The body is refused before its fields are read, so the kind is not known yet: name both limits.
    if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', `CSV imports are limited to ${sizeText(IMPORT_MAX_BYTES)} and OSCAL imports to ${sizeText(OSCAL_IMPORT_MAX_BYTES)} in all. Split the file and import it in parts.`, { fieldErrors: error.fieldErrors });
    }
    throw error;
  });
  const blobs = body.files.filter((f) => f.field === 'file');
  if (!blobs.length) throw new AppError('VALIDATION', 'Choose a file to import.', { fieldErrors: { file: ['Choose a file'] } });
  const fields: Record<string, string> = Object.fromEntries(body.fields);
  const total = blobs.reduce((n, b) => n + b.bytes.length, 0);
  const limit = fields.kind === 'csv' ? IMPORT_MAX_BYTES : OSCAL_IMPORT_MAX_BYTES;
  if (total > limit) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The upload is ${sizeText(total)}; ${fields.kind === 'csv' ? 'CSV' : 'OSCAL'} imports are limited to ${sizeText(limit)}. Split the file and import it in parts.`);
  }
  const empty = blobs.find((b) => b.bytes.length === 0);
  if (empty) throw new AppError('VALIDATION', `The file ${empty.name || ''} is empty.`.replace('  ', ' '), { fieldErrors: { file: ['The file is empty'] } });
  assertSafeInput({ ...fields, file: blobs.map((b) => b.name) }, 'upload');
  const files = blobs.map((b, i) => ({ fileName: (b.name || `upload-${i + 1}`).slice(0, 200), text: b.bytes.toString('utf8') }));
  return { fileName: files.map((f) => f.fileName).join(' + ').slice(0, 200), text: files[0].text, files, fields };
}

function parseArea(v: string): Area | null {
  const t = v.trim();
  if ((AREAS as readonly string[]).includes(t.toUpperCase())) return t.toUpperCase() as Area;
  const byLabel = (Object.entries(AREA_LABELS) as [Area, string][]).find(([, l]) => l.toLowerCase() === t.toLowerCase());
  return byLabel ? byLabel[0] : null;
}

function parseBool(v: string): boolean | null {
  const t = v.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(t)) return true;
  if (['false', 'no', 'n', '0', ''].includes(t)) return false;
  return null;
}

function parseStatus(v: string): Status | null {
  const t = v.trim();
  if (t === '') return 'NOT_ASSESSED';
  if ((STATUSES as readonly string[]).includes(t.toUpperCase())) return t.toUpperCase() as Status;
  const byLabel = (Object.entries(STATUS_LABELS) as [Status, string][]).find(([, l]) => l.toLowerCase() === t.toLowerCase());
  return byLabel ? byLabel[0] : null;
}

type Existing = { id: string; ref: string; title: string; summary: string; statement: unknown; group: string | null; area: Area; aiSpecific: boolean; ownerId: string | null; reviewCadenceDays: number; statusFromControls: boolean };

async function existingRequirements(orgId: string, frameworkIds: string[]) {
  const rows = await db.requirement.findMany({
    where: { orgId, frameworkId: { in: frameworkIds } },
    select: { id: true, ref: true, title: true, summary: true, statement: true, group: true, area: true, aiSpecific: true, ownerId: true, reviewCadenceDays: true, statusFromControls: true, framework: { select: { key: true } } },
  });
  return new Map(rows.map((r) => [`${r.framework.key}::${r.ref}`, r as Existing & { framework: { key: string } }]));
}

function diff(have: Existing, want: ReqData): { data: Partial<ReqData>; before: Partial<ReqData>; textChanged: boolean } {
  const data: Partial<ReqData> = {};
  const before: Partial<ReqData> = {};
  let textChanged = false;
  for (const k of ['title', 'summary', 'statement', 'group', 'area', 'aiSpecific', 'ownerId', 'reviewCadenceDays'] as const) {
    if (want[k] === undefined) continue;
    // JSONB does not keep key order, so the statement is compared structurally.
    const same = k === 'statement' ? isDeepStrictEqual(have[k] ?? null, want[k] ?? null) : (have[k] ?? null) === (want[k] ?? null);
    if (!same) {
      (data as Record<string, unknown>)[k] = want[k];
      (before as Record<string, unknown>)[k] = have[k];
      if (k !== 'ownerId' && k !== 'reviewCadenceDays') textChanged = true;
    }
  }
  return { data, before, textChanged };
}

async function planCsv(actor: Actor, text: string) {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    throw new AppError('VALIDATION', `The CSV could not be read: ${(e as Error).message}`);
  }
  assertSafeCsv(rows);
  if (rows.length === 0) throw new AppError('VALIDATION', 'The CSV is empty: it needs a header row and at least one requirement.');
  const header = rows[0].map((h) => h.trim());
  const missing = CSV_REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const systems = await db.aISystem.findMany({ where: { orgId: actor.orgId }, select: { id: true, name: true } });
  const systemByName = new Map(systems.map((s) => [s.name, s]));
  const unknown = header.filter((h) => !(CSV_REQUIRED_COLUMNS as readonly string[]).includes(h) && !(CSV_OPTIONAL_COLUMNS as readonly string[]).includes(h) && !(h.startsWith(CSV_STATUS_PREFIX) && systemByName.has(h.slice(CSV_STATUS_PREFIX.length))));
  if (missing.length || unknown.length) {
    const parts = [
      missing.length ? `missing the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}` : null,
      unknown.length ? `has unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `"${m}"`).join(', ')}` : null,
    ].filter(Boolean);
    throw new AppError('VALIDATION', `The CSV is ${parts.join(' and ')}. Expected columns: ${[...CSV_REQUIRED_COLUMNS, ...CSV_OPTIONAL_COLUMNS].join(', ')}, and optionally "${CSV_STATUS_PREFIX}<AI system name>" for each system.`);
  }
  const col = (name: string) => header.indexOf(name);
  const statusCols = header.map((h, i) => ({ h, i })).filter(({ h }) => h.startsWith(CSV_STATUS_PREFIX)).map(({ h, i }) => ({ i, system: systemByName.get(h.slice(CSV_STATUS_PREFIX.length))! }));
  const frameworks = await db.framework.findMany({ where: { orgId: actor.orgId }, select: { id: true, key: true } });
  const fwByKey = new Map(frameworks.map((f) => [f.key, f]));
  const users = await db.user.findMany({ where: { orgId: actor.orgId, active: true }, select: { id: true, email: true } });
  const userByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const existing = await existingRequirements(actor.orgId, frameworks.map((f) => f.id));
  const cellRows = statusCols.length
    ? await db.matrixCell.findMany({ where: { orgId: actor.orgId, systemId: { in: statusCols.map((s) => s.system.id) } }, select: { requirementId: true, systemId: true, status: true, justification: true } })
    : [];
  const cellMap = new Map(cellRows.map((c) => [`${c.requirementId}|${c.systemId}`, c]));

  const plan: Plan = { newFramework: null, creates: [], changes: [], cells: [] };
  const invalid: InvalidRow[] = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  const keys = new Set<string>();
  rows.slice(1).forEach((cells, idx) => {
    const rowNo = idx + 2;
    const get = (name: string) => {
      const i = col(name);
      return i < 0 ? undefined : unescapeFormula((cells[i] ?? '').trim());
    };
    const ref = get('ref') || null;
    const fail = (reason: string) => invalid.push({ row: rowNo, ref, reason });
    if (cells.length !== header.length) return fail(`Has ${cells.length} fields; the header has ${header.length}`);
    const fwKey = get('framework') ?? '';
    if (!frameworkKeySchema.safeParse(fwKey).success || !fwByKey.has(fwKey)) return fail(`Unknown framework key "${fwKey}"`);
    if (!ref) return fail('The reference (ref) is empty');
    if (ref.length > 80) return fail('The reference is longer than 80 characters');
    const id = `${fwKey}::${ref}`;
    if (seen.has(id)) return fail(`Duplicate reference "${ref}" in ${fwKey} (also on row ${seen.get(id)})`);
    seen.set(id, rowNo);
    const title = get('title') ?? '';
    const summary = get('summary') ?? '';
    if (!title || title.length > REQUIREMENT_TITLE_MAX) return fail(title ? `The title is longer than ${REQUIREMENT_TITLE_MAX} characters` : 'The title is empty');
    if (!summary || summary.length > REQUIREMENT_SUMMARY_MAX) return fail(summary ? `The summary is longer than ${REQUIREMENT_SUMMARY_MAX.toLocaleString('en')} characters` : 'The summary is empty');
    const area = parseArea(get('area') ?? '');
    if (!area) return fail(`Unknown area "${get('area')}" (use one of ${AREAS.join(', ')})`);
    const ai = parseBool(get('aiSpecific') ?? '');
    if (ai === null) return fail(`aiSpecific must be true or false, not "${get('aiSpecific')}"`);
    const group = get('group');
    if (group && group.length > 120) return fail('The group is longer than 120 characters');
    const want: ReqData = { title, summary, group: group === undefined ? (undefined as unknown as null) : group || null, area, aiSpecific: ai };
    if (group === undefined) delete (want as Partial<ReqData>).group;
    const owner = get('owner');
    if (owner !== undefined) {
      if (owner === '') want.ownerId = null;
      else if (userByEmail.has(owner.toLowerCase())) want.ownerId = userByEmail.get(owner.toLowerCase())!;
      else return fail(`The owner "${owner}" is not an active user of this organisation`);
    }
    const cadence = get('reviewCadenceDays');
    if (cadence !== undefined && cadence !== '') {
      const n = Number(cadence);
      if (!Number.isInteger(n) || n < 7 || n > 730) return fail(`reviewCadenceDays must be a whole number of days between 7 and 730, not "${cadence}"`);
      want.reviewCadenceDays = n;
    }
    const have = existing.get(id);
    const rowCells: PlanCell[] = [];
    for (const sc of statusCols) {
      const to = parseStatus(cells[sc.i] ?? '');
      if (!to) return fail(`Unknown status "${cells[sc.i]}" for ${sc.system.name}`);
      if (have?.statusFromControls) continue; // exported from the controls; not a cell value
      const current = have ? cellMap.get(`${have.id}|${sc.system.id}`) : undefined;
      const from = (current?.status as Status | undefined) ?? 'NOT_ASSESSED';
      if (from === to) continue;
      if (to === 'NOT_APPLICABLE' && !current?.justification) return fail(`“Not applicable” for ${sc.system.name} needs a justification: set it in the matrix`);
      rowCells.push({ frameworkKey: fwKey, ref, systemId: sc.system.id, systemName: sc.system.name, from, to });
    }
    keys.add(fwKey);
    plan.cells.push(...rowCells);
    if (!have) {
      plan.creates.push({ ...want, group: want.group ?? null, frameworkKey: fwKey, ref });
      return;
    }
    const d = diff(have, want);
    if (Object.keys(d.data).length) plan.changes.push({ id: have.id, frameworkKey: fwKey, ref, ...d });
    else if (!rowCells.length) unchanged++;
  });
  return { plan, invalid, unchanged, rows: rows.length - 1, frameworkKey: [...keys].join(', ') || '—' };
}

function slug(s: string) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '') || 'imported-catalog';
}

async function planOscal(actor: Actor, files: OscalFile[], frameworkKeyInput?: string) {
  let parsed: ReturnType<typeof parseOscalUpload>;
  try {
    // Control characters and unsafe keys are refused in every parsed file, as at every other input edge.
    parsed = parseOscalUpload(files, (doc, fileName) => assertSafeInput(doc, `OSCAL file ${fileName}`, { maxDepth: OSCAL_MAX_DEPTH }));
  } catch (e) {
    if (e instanceof OscalError) throw new AppError('VALIDATION', e.message, { fieldErrors: { file: [e.message] } });
    throw e;
  }
  if (parsed.controls.length === 0 && parsed.problems.length === 0) throw new AppError('VALIDATION', `The OSCAL ${parsed.kind} has no controls to import.`);
  const key = frameworkKeyInput?.trim() || slug(parsed.title);
  if (!frameworkKeySchema.safeParse(key).success) throw new AppError('VALIDATION', `"${key}" is not a valid framework key: use lower-case words joined by hyphens.`, { fieldErrors: { frameworkKey: ['Use lower-case words joined by hyphens'] } });
  const fw = await db.framework.findUnique({ where: { orgId_key: { orgId: actor.orgId, key } }, select: { id: true } });
  const existing = fw ? await existingRequirements(actor.orgId, [fw.id]) : new Map<string, Existing>();
  const plan: Plan = {
    newFramework: fw
      ? null
      : { key, name: parsed.title.slice(0, 160), version: (parsed.version ?? '1').slice(0, 80), jurisdiction: (parsed.jurisdiction ?? 'Not stated').slice(0, 80), sourceRef: parsed.sourceRef.slice(0, 1000) },
    creates: [],
    changes: [],
    cells: [],
  };
  const invalid: InvalidRow[] = parsed.problems.map((p, i) => ({ row: i + 1, ref: null, reason: p }));
  const seen = new Set<string>();
  let unchanged = 0;
  parsed.controls.forEach((c, i) => {
    if (seen.has(c.ref)) {
      invalid.push({ row: i + 1, ref: c.ref, reason: `Duplicate reference "${c.ref}" in the catalog` });
      return;
    }
    seen.add(c.ref);
    const want: ReqData = { title: c.title, summary: c.summary, statement: c.statement, group: c.group, area: c.area, aiSpecific: c.aiSpecific };
    const have = existing.get(`${key}::${c.ref}`);
    if (!have) plan.creates.push({ ...want, frameworkKey: key, ref: c.ref });
    else {
      // Area and AI flag: keep what the organisation set.
      const d = diff(have, { ...want, area: have.area, aiSpecific: have.aiSpecific });
      if (Object.keys(d.data).length) plan.changes.push({ id: have.id, frameworkKey: key, ref: c.ref, ...d });
      else unchanged++;
    }
  });
  return { plan, invalid, unchanged, rows: parsed.controls.length, frameworkKey: key, notes: parsed.notes };
}

/**
 * Step one of an import: parse and validate the whole file, store the plan
 * and return what would be created, changed and refused. Writes nothing
 * to the library.
 */
export async function previewImport(actor: Actor, input: { kind: 'csv' | 'oscal'; fileName: string; text: string; files?: OscalFile[]; frameworkKey?: string }) {
  authorize(actor, 'library:manage');
  const files = input.files?.length ? input.files : [{ fileName: input.fileName, text: input.text }];
  const limit = input.kind === 'csv' ? IMPORT_MAX_BYTES : OSCAL_IMPORT_MAX_BYTES;
  if (files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) > limit) throw new AppError('PAYLOAD_TOO_LARGE', `The upload is larger than ${sizeText(limit)}.`);
  const { plan, invalid, unchanged, rows, frameworkKey, notes } =
    input.kind === 'csv' ? { ...(await planCsv(actor, files[0].text)), notes: [] as string[] } : await planOscal(actor, files, input.frameworkKey);
  if (plan.cells.length) authorize(actor, 'matrix:edit');
  const summary: ImportSummary = {
    kind: input.kind,
    fileName: input.fileName,
    frameworkKey,
    newFramework: plan.newFramework?.name ?? null,
    rows,
    creates: plan.creates.map((c) => ({ frameworkKey: c.frameworkKey, ref: c.ref, title: c.title })),
    changes: plan.changes.map((c) => ({ frameworkKey: c.frameworkKey, ref: c.ref, fields: Object.keys(c.data) })),
    cellChanges: plan.cells.map((c) => ({ frameworkKey: c.frameworkKey, ref: c.ref, system: c.systemName, from: c.from, to: c.to })),
    unchanged,
    invalid,
    notes,
  };
  const batch = await db.importBatch.create({
    data: { orgId: actor.orgId, createdById: actor.userId, kind: input.kind, fileName: input.fileName, frameworkKey, plan: plan as unknown as Prisma.InputJsonValue, summary: summary as unknown as Prisma.InputJsonValue },
    select: { id: true },
  });
  return { id: batch.id, ...summary };
}

/** Step two: applies a previewed plan in one transaction, or nothing at all. */
export async function confirmImport(actor: Actor, id: string) {
  authorize(actor, 'library:manage');
  return db.$transaction(
    async (tx) => {
      // Lock the batch row so a double submit applies once.
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ImportBatch" WHERE "id" = ${id} AND "orgId" = ${actor.orgId} FOR UPDATE`;
      if (!locked.length) throw new AppError('NOT_FOUND', 'The import preview was not found.');
      const batch = await tx.importBatch.findUniqueOrThrow({ where: { id }, select: { status: true, plan: true, summary: true, kind: true, fileName: true } });
      if (batch.status !== 'PREVIEWED') throw new AppError('CONFLICT', 'This import was already applied. Preview the file again to import it once more.');
      const summary = batch.summary as unknown as ImportSummary;
      if (summary.invalid.length) throw new AppError('VALIDATION', `The file has ${summary.invalid.length} invalid row${summary.invalid.length > 1 ? 's' : ''}; fix them and preview again. Nothing was imported.`);
      const plan = batch.plan as unknown as Plan;
      if (plan.cells.length) authorize(actor, 'matrix:edit');
      if (plan.newFramework) {
        const clash = await tx.framework.findUnique({ where: { orgId_key: { orgId: actor.orgId, key: plan.newFramework.key } }, select: { id: true } });
        if (clash) throw new AppError('CONFLICT', `A framework "${plan.newFramework.key}" was created since the preview. Preview again.`);
        const f = await tx.framework.create({ data: { orgId: actor.orgId, key: plan.newFramework.key, name: plan.newFramework.name, kind: 'STANDARD', jurisdiction: plan.newFramework.jurisdiction ?? 'Not stated', version: plan.newFramework.version, sourceRef: plan.newFramework.sourceRef, isCustom: true }, select: { id: true } });
        await recordEvent(tx, actor, { action: 'framework.created', entityType: 'framework', entityId: f.id, after: { ...plan.newFramework, source: batch.fileName } });
      }
      const frameworks = await tx.framework.findMany({ where: { orgId: actor.orgId }, select: { id: true, key: true } });
      const fwId = new Map(frameworks.map((f) => [f.key, f.id]));
      const due = nextDue(new Date(), DEFAULT_REVIEW_CADENCE_DAYS);
      // New rows go after the framework's existing ones, in file order.
      const maxRows = await tx.requirement.groupBy({ by: ['frameworkId'], where: { orgId: actor.orgId }, _max: { position: true } });
      const keyOf = new Map(frameworks.map((f) => [f.id, f.key]));
      const maxPosition = new Map(maxRows.map((r) => [keyOf.get(r.frameworkId)!, r._max.position ?? 0]));
      if (plan.creates.length) {
        try {
          await tx.requirement.createMany({
            data: plan.creates.map((c, i) => ({
              orgId: actor.orgId, frameworkId: fwId.get(c.frameworkKey)!, ref: c.ref, title: c.title, summary: c.summary, statement: c.statement ?? Prisma.DbNull, group: c.group, area: c.area, aiSpecific: c.aiSpecific,
              position: (maxPosition.get(c.frameworkKey) ?? 0) + i + 1, ownerId: c.ownerId ?? null, reviewCadenceDays: c.reviewCadenceDays ?? DEFAULT_REVIEW_CADENCE_DAYS, nextReviewDue: c.reviewCadenceDays ? nextDue(new Date(), c.reviewCadenceDays) : due,
            })),
          });
        } catch {
          throw new AppError('CONFLICT', 'Some requirements were added by someone else since the preview. Preview the file again. Nothing was imported.');
        }
      }
      for (const c of plan.changes) {
        const { statement, ...rest } = c.data;
        const data = { ...rest, ...(statement !== undefined ? { statement: statement ?? Prisma.DbNull } : {}) };
        const res = await tx.requirement.updateMany({ where: { id: c.id, orgId: actor.orgId }, data: { ...data, ...(c.textChanged ? { customised: true, editedAt: new Date() } : {}) } });
        if (res.count !== 1) throw new AppError('CONFLICT', `${c.frameworkKey} ${c.ref} was removed since the preview. Preview again. Nothing was imported.`);
        // The structured statement repeats the summary's text: the event keeps the summary.
        const { statement: _before, ...before } = c.before;
        await recordEvent(tx, actor, { action: 'requirement.updated', entityType: 'requirement', entityId: c.id, before, after: rest, reason: `Import of ${batch.fileName}` });
      }
      if (plan.cells.length) {
        const reqs = await tx.requirement.findMany({ where: { orgId: actor.orgId, OR: plan.cells.map((c) => ({ frameworkId: fwId.get(c.frameworkKey), ref: c.ref })) }, select: { id: true, ref: true, frameworkId: true } });
        const reqId = new Map(reqs.map((r) => [`${r.frameworkId}::${r.ref}`, r.id]));
        for (const c of plan.cells) {
          const requirementId = reqId.get(`${fwId.get(c.frameworkKey)}::${c.ref}`)!;
          const cell = await tx.matrixCell.upsert({
            where: { requirementId_systemId: { requirementId, systemId: c.systemId } },
            create: { orgId: actor.orgId, requirementId, systemId: c.systemId, status: c.to, assessedById: actor.userId, assessedAt: new Date() },
            update: { status: c.to, assessedById: actor.userId, assessedAt: new Date() },
            select: { id: true },
          });
          await recordEvent(tx, actor, { action: 'matrix_cell.updated', entityType: 'matrix_cell', entityId: cell.id, changes: { status: { from: c.from, to: c.to } }, reason: `Import of ${batch.fileName}` });
        }
      }
      await tx.importBatch.update({ where: { id }, data: { status: 'APPLIED', appliedAt: new Date() } });
      await recordEvent(tx, actor, {
        action: 'import.applied',
        entityType: 'import',
        entityId: id,
        changes: { kind: batch.kind, file: batch.fileName, created: plan.creates.length, changed: plan.changes.length, cells: plan.cells.length, newFramework: plan.newFramework?.key ?? null },
      });
      return { id, created: plan.creates.length, changed: plan.changes.length, cellsChanged: plan.cells.length, frameworkKey: summary.frameworkKey };
    },
    { timeout: 120_000 },
  );
}
