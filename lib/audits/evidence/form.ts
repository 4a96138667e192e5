import 'server-only';
import { formDataToObject } from '@/lib/api/action';
import { assertSafeInput } from '@/lib/api/input-guard';
import { AppError } from '@/lib/errors';
import { evidenceConfig } from './config';
import type { UploadedFile } from './mutations';

// Headroom for the other multipart fields around the file.
const FORM_OVERHEAD = 256 * 1024;

/** Parses a multipart evidence upload: the metadata fields and one optional file. */
export async function readEvidenceForm(req: Request): Promise<{ meta: Record<string, unknown>; file: UploadedFile | null }> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.includes('multipart/form-data')) throw new AppError('BAD_REQUEST', 'Send evidence as multipart/form-data (a "file" field, or a "url" field for a link).');
  const limit = evidenceConfig().maxBytes;
  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > limit + FORM_OVERHEAD) throw new AppError('PAYLOAD_TOO_LARGE', `The upload is larger than the ${Math.round(limit / 1024 / 1024)} MB limit.`);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new AppError('BAD_REQUEST', 'The multipart body could not be read.');
  }
  return formEvidence(form);
}

export async function formEvidence(form: FormData): Promise<{ meta: Record<string, unknown>; file: UploadedFile | null }> {
  const raw = form.get('file');
  form.delete('file');
  const meta = formDataToObject(form);
  assertSafeInput(meta, 'upload');
  if (raw && typeof raw !== 'string' && (raw.name || raw.size)) {
    assertSafeInput({ file: raw.name }, 'file name');
    return { meta, file: { name: raw.name || 'upload', bytes: Buffer.from(await raw.arrayBuffer()) } };
  }
  return { meta, file: null };
}
