import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { authorize } from '@/lib/auth/gate';
import { readMultipart } from '@/lib/api/multipart';
import { assertSafeInput } from '@/lib/api/input-guard';
import { AppError } from '@/lib/errors';
import { crosswalkCsv, crosswalkOscal, parseCrosswalkCsv, parseCrosswalkOscal } from './logic/crosswalk-io';
import { jsonDepth, OSCAL_MAX_DEPTH } from './logic/oscal';
import { importCrosswalk } from './mutations/crosswalk';
import { crosswalkExportRows } from './queries/crosswalk';
import { IMPORT_MAX_BYTES } from './schema/imports';

// Crosswalk files over HTTP: the export a route streams and the upload it reads.

export async function exportCrosswalk(actor: Actor, input: { format?: 'csv' | 'oscal'; framework?: string }) {
  authorize(actor, 'requirements:read');
  const { rows, frameworkNames } = await crosswalkExportRows(actor, { framework: input.framework });
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `crosswalk${input.framework ? `-${input.framework}` : ''}-${stamp}`;
  if (input.format === 'oscal') {
    const doc = crosswalkOscal(rows, { title: `Crosswalk${input.framework ? ` of ${frameworkNames[input.framework] ?? input.framework}` : ''}`, frameworkNames });
    return { body: JSON.stringify(doc, null, 2), contentType: 'application/json; charset=utf-8', fileName: `${base}.oscal-mapping.json` };
  }
  return { body: crosswalkCsv(rows), contentType: 'text/csv; charset=utf-8', fileName: `${base}.csv` };
}

/** Parses an uploaded crosswalk file (CSV, or OSCAL JSON by its .json name or leading brace) and imports it all or nothing. */
export async function importCrosswalkFile(actor: Actor, file: { fileName: string; text: string }) {
  authorize(actor, 'library:manage');
  const isJson = /\.json$/i.test(file.fileName) || file.text.trimStart().startsWith('{');
  let parsed;
  if (isJson) {
    if (jsonDepth(file.text) > OSCAL_MAX_DEPTH) throw new AppError('VALIDATION', `The file is nested more than ${OSCAL_MAX_DEPTH} levels deep.`, { fieldErrors: { file: ['Nested too deeply'] } });
    let doc: unknown;
    try {
      doc = JSON.parse(file.text);
    } catch {
      throw new AppError('VALIDATION', `${file.fileName} is not valid JSON.`, { fieldErrors: { file: ['Not valid JSON'] } });
    }
    parsed = parseCrosswalkOscal(doc);
  } else {
    parsed = parseCrosswalkCsv(file.text);
  }
  if (!parsed.rows.length && !parsed.problems.length) throw new AppError('VALIDATION', 'The file has no mappings.', { fieldErrors: { file: ['No mappings in the file'] } });
  return importCrosswalk(actor, { fileName: file.fileName, ...parsed });
}

export async function importCrosswalkUpload(actor: Actor, req: Request) {
  authorize(actor, 'library:manage');
  const body = await readMultipart(req, { fileBytes: IMPORT_MAX_BYTES, files: 1, what: 'Crosswalk imports' });
  // Every field is checked as the other imports check theirs (control
  // characters, "__proto__" and other forbidden keys are refused by name).
  assertSafeInput({ ...Object.fromEntries(body.fields), file: body.files.map((f) => f.name) }, 'upload');
  const blob = body.files.find((f) => f.field === 'file');
  if (!blob) throw new AppError('VALIDATION', 'Choose a file to import.', { fieldErrors: { file: ['Choose a file'] } });
  if (!blob.bytes.length) throw new AppError('VALIDATION', 'The file is empty.', { fieldErrors: { file: ['The file is empty'] } });
  return importCrosswalkFile(actor, { fileName: (blob.name || 'crosswalk').slice(0, 200), text: blob.bytes.toString('utf8') });
}
