import 'server-only';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import Busboy from '@fastify/busboy';
import { AppError } from '@/lib/errors';

export type MultipartFile = { field: string; name: string; type: string; bytes: Buffer };
export type MultipartBody = {
  /** Text fields in the order sent; a repeated name appears once per value. */
  fields: [string, string][];
  files: MultipartFile[];
};
export type MultipartLimits = {
  /** All files together, in bytes: the request is refused while reading as soon as it passes this. */
  fileBytes: number;
  /** How the limit is named in the refusal ("Evidence files are limited to 25 MB"). */
  what?: string;
  files?: number;
  fields?: number;
  fieldBytes?: number;
};

const MB = 1024 * 1024;
// The other parts of a form (field names, headers, boundaries) around the files.
const FORM_OVERHEAD = 256 * 1024;

const sizeText = (n: number) => (n >= MB ? `${(n / MB).toFixed(n % MB ? 1 : 0)} MB` : `${Math.ceil(n / 1024)} KB`);

function tooLarge(limits: MultipartLimits): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `${limits.what ?? 'Uploads'} are limited to ${sizeText(limits.fileBytes)}.`, {
    fieldErrors: { file: [`The file is larger than ${sizeText(limits.fileBytes)}`] },
  });
}

/**
 * The one multipart/form-data reader. It parses the body as it streams in
 * and stops reading, with a 413, the moment the files pass their limit, so a
 * body is never buffered beyond what the limit allows. A declared
 * Content-Length above the limit is refused before reading anything.
 */
export async function readMultipart(req: Request, limits: MultipartLimits): Promise<MultipartBody> {
  const contentType = req.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().includes('multipart/form-data')) {
    throw new AppError('BAD_REQUEST', 'Send the upload as multipart/form-data.');
  }
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limits.fileBytes + FORM_OVERHEAD) throw tooLarge(limits);
  if (!req.body) throw new AppError('BAD_REQUEST', 'The upload is empty.');

  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { 'content-type': contentType },
      limits: {
        // One byte over lets the parser tell "exactly at the limit" from "over".
        fileSize: limits.fileBytes + 1,
        files: limits.files ?? 1,
        fields: limits.fields ?? 100,
        fieldSize: limits.fieldBytes ?? 64 * 1024,
        parts: (limits.files ?? 1) + (limits.fields ?? 100),
      },
    });
  } catch {
    throw new AppError('BAD_REQUEST', 'The upload could not be read as multipart/form-data (no boundary).');
  }

  const source = Readable.fromWeb(req.body as unknown as NodeWebStream<Uint8Array>);
  const fields: [string, string][] = [];
  const files: MultipartFile[] = [];
  let total = 0;

  return new Promise<MultipartBody>((resolve, reject) => {
    let settled = false;
    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      reject(error);
    };
    const pending: Promise<void>[] = [];

    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) return fail(new AppError('VALIDATION', `The field ${name} is too long.`, { fieldErrors: { [name]: ['Too long'] } }));
      fields.push([name, value]);
    });
    parser.on('file', (field, stream, filename, _encoding, mimeType) => {
      const chunks: Buffer[] = [];
      pending.push(
        new Promise<void>((done) => {
          stream.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > limits.fileBytes) {
              stream.resume();
              return fail(tooLarge(limits));
            }
            chunks.push(chunk);
          });
          stream.on('limit', () => fail(tooLarge(limits)));
          stream.on('end', () => {
            if (filename || chunks.length) files.push({ field, name: filename ?? '', type: mimeType, bytes: Buffer.concat(chunks) });
            done();
          });
          stream.on('error', () => fail(new AppError('BAD_REQUEST', 'The upload was interrupted.')));
        }),
      );
    });
    parser.on('filesLimit', () => fail(new AppError('VALIDATION', `Upload at most ${limits.files ?? 1} file${(limits.files ?? 1) > 1 ? 's' : ''} at once.`, { fieldErrors: { file: ['Too many files'] } })));
    parser.on('fieldsLimit', () => fail(new AppError('VALIDATION', 'The form has too many fields.')));
    parser.on('partsLimit', () => fail(new AppError('VALIDATION', 'The form has too many parts.')));
    parser.on('error', () => fail(new AppError('BAD_REQUEST', 'The upload could not be read as multipart/form-data.')));
    parser.on('finish', () => {
      void Promise.all(pending).then(() => {
        if (settled) return;
        settled = true;
        resolve({ fields, files });
      });
    });
    source.on('error', () => fail(new AppError('BAD_REQUEST', 'The upload was interrupted.')));
    source.pipe(parser);
  });
}

/** Fields as a plain object; repeated names become arrays. Built from entries, so "__proto__" stays an own key. */
export function multipartFields(body: MultipartBody): Record<string, string | string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of body.fields) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return Object.fromEntries([...grouped].map(([name, values]) => [name.endsWith('[]') ? name.slice(0, -2) : name, name.endsWith('[]') || values.length > 1 ? values : values[0]]));
}
