// Content type from the file's own bytes, never from its name. Pure, so it
// is unit-tested directly and usable by the offline CLI.

export type Detected = { type: string; ext: string[] };

const startsWith = (buf: Uint8Array, sig: number[], offset = 0) => sig.every((b, i) => buf[offset + i] === b);

function asciiIncludes(buf: Uint8Array, needle: string, limit = 4096): boolean {
  return Buffer.from(buf.subarray(0, Math.min(buf.length, limit))).toString('latin1').includes(needle);
}

function isUtf8Text(buf: Uint8Array, complete: boolean): boolean {
  const sample = buf.subarray(0, Math.min(buf.length, 64 * 1024));
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < buf.length || !complete ? trimPartialUtf8(sample) : sample);
    return true;
  } catch {
    return false;
  }
}

/** A sample cut mid-character is still text: drop the last incomplete sequence. */
function trimPartialUtf8(buf: Uint8Array): Uint8Array {
  const end = buf.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = buf[end - i];
    if ((b & 0xc0) === 0xc0) return buf.subarray(0, end - i);
    if ((b & 0x80) === 0) break;
  }
  return buf;
}

/** How many leading bytes decide a file's type; a streamed upload is judged on these before it is stored. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * `complete` is false when `buf` is only the first SNIFF_BYTES of a longer
 * file: text that starts like JSON cannot then be parsed whole, so it is
 * text that may carry a .json name.
 */
export function detectFileType(buf: Uint8Array, complete = true): Detected {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { type: 'application/pdf', ext: ['pdf'] };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { type: 'image/png', ext: ['png'] };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { type: 'image/jpeg', ext: ['jpg', 'jpeg'] };
  if (startsWith(buf, [0x47, 0x49, 0x46, 0x38])) return { type: 'image/gif', ext: ['gif'] };
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) return { type: 'image/webp', ext: ['webp'] };
  if (startsWith(buf, [0x4d, 0x5a])) return { type: 'application/x-msdownload', ext: ['exe', 'dll'] };
  if (startsWith(buf, [0x7f, 0x45, 0x4c, 0x46])) return { type: 'application/x-executable', ext: [] };
  if (startsWith(buf, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(buf, [0xca, 0xfe, 0xba, 0xbe])) return { type: 'application/x-mach-binary', ext: [] };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML files are ZIPs; their first entries name the part folders.
    if (asciiIncludes(buf, 'word/')) return { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: ['docx'] };
    if (asciiIncludes(buf, 'xl/')) return { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: ['xlsx'] };
    if (asciiIncludes(buf, 'ppt/')) return { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: ['pptx'] };
    return { type: 'application/zip', ext: ['zip'] };
  }
  if (startsWith(buf, [0x1f, 0x8b])) return { type: 'application/gzip', ext: ['gz', 'tgz'] };
  if (buf.length && isUtf8Text(buf, complete)) {
    const head = Buffer.from(buf.subarray(0, 512)).toString('utf8').trimStart();
    if (head.startsWith('#!')) return { type: 'text/x-script', ext: ['sh'] };
    if (/^<(!doctype html|html|script)/i.test(head)) return { type: 'text/html', ext: ['html', 'htm'] };
    if (/^<svg|^<\?xml[^>]*>\s*<svg/i.test(head)) return { type: 'image/svg+xml', ext: ['svg'] };
    if (head.startsWith('{') || head.startsWith('[')) {
      if (!complete) return { type: 'text/plain', ext: ['json', 'txt', 'csv', 'md', 'log'] };
      try {
        JSON.parse(Buffer.from(buf).toString('utf8'));
        return { type: 'application/json', ext: ['json'] };
      } catch {
        /* plain text that happens to start with a bracket */
      }
    }
    return { type: 'text/plain', ext: ['txt', 'csv', 'md', 'log'] };
  }
  return { type: 'application/octet-stream', ext: [] };
}

export const DEFAULT_ALLOWED_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'application/json',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
];

/**
 * The upload verdict: the detected type must be allowed, and a name whose
 * extension promises another type is refused (a disguised file).
 */
export function checkUpload(name: string, bytes: Uint8Array, opts: { maxBytes: number; allowed: readonly string[] }): { contentType: string } {
  if (bytes.length > opts.maxBytes) throw new UploadProblem(`The file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(opts.maxBytes)}.`, 'PAYLOAD_TOO_LARGE');
  return checkUploadHead(name, bytes, { complete: true, allowed: opts.allowed });
}

/**
 * The same verdict on the first SNIFF_BYTES of a file that is still
 * streaming in (`complete: false`); its size is counted as it streams.
 */
export function checkUploadHead(name: string, head: Uint8Array, opts: { complete: boolean; allowed: readonly string[] }): { contentType: string } {
  if (head.length === 0) throw new UploadProblem('The file is empty.');
  const detected = detectFileType(head, opts.complete);
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase();
  // A long JSON file is only known as text from its start; its name decides.
  if (!opts.complete && ext === 'json' && detected.type === 'text/plain' && detected.ext.includes('json')) {
    return opts.allowed.includes('application/json') ? { contentType: 'application/json' } : refuse(name, 'application/json');
  }
  if (!opts.allowed.includes(detected.type)) {
    throw new UploadProblem(`"${name}" is ${detected.type} by its content, which is not an allowed evidence type.`);
  }
  if (ext && !detected.ext.includes(ext)) {
    throw new UploadProblem(`"${name}" is named .${ext} but its content is ${detected.type}.`);
  }
  return { contentType: detected.type };
}

function refuse(name: string, type: string): never {
  throw new UploadProblem(`"${name}" is ${type} by its content, which is not an allowed evidence type.`);
}

export class UploadProblem extends Error {
  constructor(
    message: string,
    readonly code: 'VALIDATION' | 'PAYLOAD_TOO_LARGE' = 'VALIDATION',
  ) {
    super(message);
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
