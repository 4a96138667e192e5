import 'server-only';
import { assertSafeInput } from '@/lib/api/input-guard';
import { multipartFields, readMultipartStream, type MultipartSink } from '@/lib/api/multipart';
import type { Actor } from '@/lib/auth/actor';
import { evidenceConfig } from './config';
import { stageEvidenceFile, type StagedFile } from './upload';

/**
 * The multipart sink of an evidence file: the part named `file` streams into
 * storage (typed by its content, hashed on the way) and comes back staged;
 * other parts are skipped; an empty, nameless part (a form sent with no file
 * chosen) is none. Shared by every upload that lands in the evidence store.
 */
export function evidenceFileSink(orgId: string, fallbackName: string, limits?: Parameters<typeof stageEvidenceFile>[4]): MultipartSink<StagedFile | null> {
  return {
    async accept({ field, name, stream }) {
      if (field !== 'file') {
        stream.resume();
        return null;
      }
      assertSafeInput({ file: name }, 'file name');
      // A form sent with no file chosen still carries an empty, nameless part.
      if (!name) {
        let bytes = 0;
        for await (const chunk of stream) bytes += (chunk as Buffer).length;
        if (!bytes) return null;
      }
      return stageEvidenceFile(orgId, name || fallbackName, stream, undefined, limits);
    },
    discard: async (staged) => {
      await staged?.discard();
    },
  };
}

/**
 * Parses a multipart evidence upload: the metadata fields and one optional
 * file, within EVIDENCE_MAX_MB. The file streams into storage while the body
 * is read (never whole in memory) and comes back staged, for addEvidence to
 * publish or discard; any refusal while reading discards it.
 */
export async function readEvidenceForm(req: Request, actor: Actor): Promise<{ meta: Record<string, unknown>; file: StagedFile | null }> {
  const sink = evidenceFileSink(actor.orgId, 'upload');
  const body = await readMultipartStream(req, { fileBytes: evidenceConfig().maxBytes, files: 1, what: 'Evidence files' }, sink);
  const file = body.files.find(Boolean) ?? null;
  try {
    const meta = multipartFields(body);
    assertSafeInput(meta, 'upload');
    return { meta, file };
  } catch (error) {
    await file?.discard().catch(() => undefined);
    throw error;
  }
}
