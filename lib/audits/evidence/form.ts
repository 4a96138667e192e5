import 'server-only';
import { assertSafeInput } from '@/lib/api/input-guard';
import { multipartFields, readMultipart } from '@/lib/api/multipart';
import { evidenceConfig } from './config';
import type { UploadedFile } from './mutations';

/** Parses a multipart evidence upload: the metadata fields and one optional file, within EVIDENCE_MAX_MB. */
export async function readEvidenceForm(req: Request): Promise<{ meta: Record<string, unknown>; file: UploadedFile | null }> {
  const body = await readMultipart(req, { fileBytes: evidenceConfig().maxBytes, files: 1, what: 'Evidence files' });
  const meta = multipartFields(body);
  assertSafeInput(meta, 'upload');
  const raw = body.files.find((f) => f.field === 'file');
  if (raw && (raw.name || raw.bytes.length)) {
    assertSafeInput({ file: raw.name }, 'file name');
    return { meta, file: { name: raw.name || 'upload', bytes: raw.bytes } };
  }
  return { meta, file: null };
}
