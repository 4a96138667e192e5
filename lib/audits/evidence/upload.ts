import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '@/lib/errors';
import { evidenceConfig } from './config';
import { checkUploadHead, formatBytes, SNIFF_BYTES, UploadProblem } from './file-type';
import { evidenceStore, type EvidenceStore, type StagedObject } from './storage';

/** A file streamed into storage, checked and hashed on the way, not yet published under its key. */
export type StagedFile = StagedObject & {
  id: string;
  name: string;
  storageKey: string;
  size: number;
  sha256: string;
  contentType: string;
};

const asAppError = (error: unknown) =>
  error instanceof UploadProblem ? new AppError(error.code, error.message, { fieldErrors: { file: [error.message] } }) : error;

/**
 * Streams an evidence file into storage. Its type is judged from its first
 * bytes before anything is written (a disguised or disallowed file stores
 * nothing); its SHA-256 and size are computed while it streams; a file
 * passing EVIDENCE_MAX_MB fails the stream, and the store removes what it
 * had written. A caller with narrower rules (a vendor's questionnaire
 * documents) passes its own types and size, within the evidence ones.
 */
export async function stageEvidenceFile(
  orgId: string,
  name: string,
  source: Readable,
  store: EvidenceStore = evidenceStore(),
  limits: { allowedTypes?: readonly string[]; maxBytes?: number } = {},
): Promise<StagedFile> {
  const base = evidenceConfig();
  const cfg = {
    allowedTypes: limits.allowedTypes ? limits.allowedTypes.filter((t) => base.allowedTypes.includes(t)) : base.allowedTypes,
    maxBytes: Math.min(limits.maxBytes ?? base.maxBytes, base.maxBytes),
  };
  const chunks = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  try {
    while (headBytes < SNIFF_BYTES) {
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value as Buffer);
      headBytes += (next.value as Buffer).length;
    }
  } catch (error) {
    throw asAppError(error);
  }
  let contentType: string;
  try {
    contentType = checkUploadHead(name, Buffer.concat(head), { complete: ended, allowed: cfg.allowedTypes }).contentType;
  } catch (error) {
    await chunks.return?.();
    throw asAppError(error);
  }

  const hash = createHash('sha256');
  let size = 0;
  const count = (chunk: Buffer) => {
    size += chunk.length;
    if (size > cfg.maxBytes) throw new UploadProblem(`The file is larger than ${formatBytes(cfg.maxBytes)}, the limit.`, 'PAYLOAD_TOO_LARGE');
    hash.update(chunk);
    return chunk;
  };
  // One stream from the bytes already read and the rest; a failure of the
  // source (the client gone, the request refused) fails it, and the store with it.
  const whole = Readable.from(
    (async function* () {
      for (const chunk of head) yield count(chunk);
      if (!ended) for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) yield count(chunk as Buffer);
    })(),
    { objectMode: false },
  );
  const id = `ev_${randomBytes(12).toString('hex')}`;
  const storageKey = `${orgId.replace(/[^a-z0-9]/gi, '')}/${id}`;
  let staged: StagedObject;
  try {
    staged = await store.stage(storageKey, whole, contentType);
  } catch (error) {
    whole.destroy();
    throw asAppError(error);
  }
  return { ...staged, id, name, storageKey, size, sha256: hash.digest('hex'), contentType };
}

/**
 * A file already published in evidence storage by another record (a vendor's
 * questionnaire document), handed to addEvidence as it is: not copied, and
 * left in place if the evidence is refused, since that record still owns it.
 */
export function storedEvidenceFile(file: { name: string; storageKey: string; size: number; sha256: string; contentType: string }): StagedFile {
  return { ...file, id: `ev_${randomBytes(12).toString('hex')}`, commit: async () => undefined, discard: async () => undefined };
}
