import 'server-only';
import { PassThrough, Readable } from 'node:stream';
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

/** A file part as it streams in; the reader counts its bytes and destroys it with a 413 when the limit is passed. */
export type MultipartFileStream = { field: string; name: string; type: string; stream: Readable };
/**
 * Where file parts go while the body is read. `accept` consumes the stream
 * (to storage, say) and resolves with what it made; `discard` undoes that
 * when the request is refused afterwards (a later part too large, a field
 * too long, the client gone), so a refused request leaves nothing behind.
 */
export type MultipartSink<T> = { accept(file: MultipartFileStream): Promise<T>; discard(made: T): Promise<void> };
export type StreamedMultipartBody<T> = { fields: [string, string][]; files: T[] };

const bufferingSink: MultipartSink<MultipartFile> = {
  async accept({ field, name, type, stream }) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { field, name, type, bytes: Buffer.concat(chunks) };
  },
  async discard() {},
};

/**
 * The one multipart/form-data reader, buffering its files (bounded by the
 * limit). Large uploads use readMultipartStream with a sink instead.
 */
export async function readMultipart(req: Request, limits: MultipartLimits): Promise<MultipartBody> {
  const body = await readMultipartStream(req, limits, bufferingSink);
  return { fields: body.fields, files: body.files.filter((f) => f.name || f.bytes.length) };
}

/**
 * Parses multipart/form-data as it streams in and hands each file part to
 * the sink as a stream, so no file is held in memory. It stops reading, with
 * a 413, the moment the files pass their limit (and a declared
 * Content-Length above it is refused before reading anything). Whatever the
 * reason for a refusal, every file the sink accepted is discarded, and the
 * refusal is only answered once the sink has finished cleaning up.
 */
export async function readMultipartStream<T>(req: Request, limits: MultipartLimits, sink: MultipartSink<T>): Promise<StreamedMultipartBody<T>> {
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
  const accepted: Promise<{ index: number; made: T }>[] = [];
  const streams: PassThrough[] = [];
  let total = 0;

  return new Promise<StreamedMultipartBody<T>>((resolve, reject) => {
    let settled = false;
    const cleanUpThenReject = async (error: unknown) => {
      const results = await Promise.allSettled(accepted);
      await Promise.allSettled(results.flatMap((r) => (r.status === 'fulfilled' ? [sink.discard(r.value.made)] : [])));
      reject(error);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.destroy();
      for (const s of streams) if (!s.destroyed) s.destroy(error instanceof Error ? error : new Error(String(error)));
      void cleanUpThenReject(error);
    };

    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) return fail(new AppError('VALIDATION', `The field ${name} is too long.`, { fieldErrors: { [name]: ['Too long'] } }));
      fields.push([name, value]);
    });
    parser.on('file', (field, stream, filename, _encoding, mimeType) => {
      // The sink reads this copy; the count happens before it sees a byte.
      const metered = new PassThrough();
      // fail() destroys this copy with the refusal; a sink that already
      // stopped reading must not turn that into an uncaught 'error' event.
      metered.on('error', () => undefined);
      streams.push(metered);
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        total += chunk.length;
        if (total > limits.fileBytes) return fail(tooLarge(limits));
        if (!metered.write(chunk)) {
          stream.pause();
          metered.once('drain', () => stream.resume());
        }
      });
      stream.on('limit', () => fail(tooLarge(limits)));
      stream.on('end', () => metered.end());
      stream.on('error', () => fail(new AppError('BAD_REQUEST', 'The upload was interrupted.')));
      const index = accepted.length;
      const made = sink.accept({ field, name: filename ?? '', type: mimeType, stream: metered }).then((m) => ({ index, made: m }));
      // A sink's refusal (a disguised file, say) ends the whole request at once.
      made.catch((error: unknown) => {
        stream.resume();
        fail(error);
      });
      accepted.push(made);
    });
    parser.on('filesLimit', () => fail(new AppError('VALIDATION', `Upload at most ${limits.files ?? 1} file${(limits.files ?? 1) > 1 ? 's' : ''} at once.`, { fieldErrors: { file: ['Too many files'] } })));
    parser.on('fieldsLimit', () => fail(new AppError('VALIDATION', 'The form has too many fields.')));
    parser.on('partsLimit', () => fail(new AppError('VALIDATION', 'The form has too many parts.')));
    parser.on('error', () => fail(new AppError('BAD_REQUEST', 'The upload could not be read as multipart/form-data.')));
    parser.on('finish', () => {
      void Promise.all(accepted).then(
        (made) => {
          if (settled) return;
          settled = true;
          resolve({ fields, files: made.sort((a, b) => a.index - b.index).map((m) => m.made) });
        },
        () => undefined,
      );
    });
    source.on('error', () => fail(new AppError('BAD_REQUEST', 'The upload was interrupted.')));
    source.pipe(parser);
  });
}

/** Fields as a plain object; repeated names become arrays. Built from entries, so "__proto__" stays an own key. */
export function multipartFields(body: { fields: [string, string][] }): Record<string, string | string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of body.fields) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return Object.fromEntries([...grouped].map(([name, values]) => [name.endsWith('[]') ? name.slice(0, -2) : name, name.endsWith('[]') || values.length > 1 ? values : values[0]]));
}
