import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { evidenceConfig, type S3Config } from './config';
import { sha256Hex, signRequest } from './sigv4';

/**
 * An upload written to storage but not yet published under its key: commit()
 * publishes it, discard() removes every trace of it (before or after commit).
 */
export interface StagedObject {
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Where evidence bytes live. Keys are opaque ("<org>/<id>"), never user input. */
export interface EvidenceStore {
  /** Writes the stream as it arrives; never holds the whole file in memory. Rejects (leaving nothing) if the stream fails. */
  stage(key: string, body: Readable, contentType: string): Promise<StagedObject>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/._-]{0,200}$/i;

function assertKey(key: string) {
  // No empty, "." or ".." segment: a URL or a path would fold it into another key.
  if (!SAFE_KEY.test(key) || key.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) throw new Error(`unsafe storage key ${key}`);
}

export class LocalDiskStore implements EvidenceStore {
  constructor(private readonly root: string) {}

  private file(key: string) {
    assertKey(key);
    return path.join(this.root, key);
  }

  async stage(key: string, body: Readable): Promise<StagedObject> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // A temporary name beside the final one, renamed into place on commit, so
    // a crash or a refusal never leaves half a file (or any file) under the key.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await pipeline(body, createWriteStream(tmp, { mode: 0o600, flags: 'wx' }));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    let committed = false;
    return {
      commit: async () => {
        await rename(tmp, file);
        committed = true;
      },
      discard: async () => {
        await rm(committed ? file : tmp, { force: true });
      },
    };
  }

  get(key: string) {
    return readFile(this.file(key));
  }

  async delete(key: string) {
    await rm(this.file(key), { force: true });
  }
}

/** S3's smallest part but the last; also the most one upload holds in memory. */
export const S3_PART_BYTES = 5 * 1024 * 1024;

/** What an S3-compatible store answered when it refused a request (status, S3's error code). */
export class S3Error extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

const xmlText = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Any S3-compatible store through its REST API, signed with SigV4 (every
 * payload hashed and signed). A file that fits in one part is a single PUT;
 * a larger one streams as a multipart upload, one part in memory at a time,
 * and is aborted on any failure so no parts are left behind.
 */
export class S3Store implements EvidenceStore {
  constructor(
    private readonly cfg: S3Config,
    private readonly fetchImpl: typeof fetch = fetch,
    private readonly partBytes = S3_PART_BYTES,
  ) {}

  url(key: string, query: Record<string, string> = {}): URL {
    assertKey(key);
    const base = new URL(this.cfg.endpoint);
    const url = this.cfg.pathStyle ? new URL(`${base.origin}/${this.cfg.bucket}/${key}`) : new URL(`${base.protocol}//${this.cfg.bucket}.${base.host}/${key}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url;
  }

  private async send(method: string, key: string, opts: { body?: Uint8Array; headers?: Record<string, string>; query?: Record<string, string>; okStatus?: number[] } = {}) {
    const url = this.url(key, opts.query);
    const headers = signRequest(this.cfg, { method, url, headers: opts.headers ?? {}, payloadHash: sha256Hex(opts.body ?? ''), date: new Date() });
    const res = await this.fetchImpl(url, { method, headers, body: opts.body ? new Uint8Array(opts.body) : undefined });
    if (!res.ok && !opts.okStatus?.includes(res.status)) {
      const text = await res.text();
      const code = xmlText(text, 'Code') ?? null;
      throw new S3Error(`S3 ${method} ${key} failed: ${res.status} ${code ?? ''} ${xmlText(text, 'Message') ?? text.slice(0, 200)}`.trim(), res.status, code);
    }
    return res;
  }

  /** One signed PutObject of bytes held in memory; resolves with the ETag S3 answered (null if none). */
  async putObject(key: string, bytes: Uint8Array, contentType: string): Promise<{ etag: string | null }> {
    const res = await this.send('PUT', key, { body: bytes, headers: { 'content-type': contentType, 'content-length': String(bytes.length) } });
    await res.arrayBuffer();
    return { etag: res.headers.get('etag') };
  }

  async stage(key: string, body: Readable, contentType: string): Promise<StagedObject> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let uploadId: string | null = null;
    const parts: { n: number; etag: string }[] = [];
    const take = () => {
      const part = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      return part;
    };
    const uploadPart = async (part: Buffer) => {
      if (!uploadId) {
        const res = await this.send('POST', key, { query: { uploads: '' }, headers: { 'content-type': contentType } });
        uploadId = xmlText(await res.text(), 'UploadId') ?? null;
        if (!uploadId) throw new Error(`S3 POST ${key}?uploads answered without an UploadId`);
      }
      const n = parts.length + 1;
      const res = await this.send('PUT', key, { body: part, query: { partNumber: String(n), uploadId }, headers: { 'content-length': String(part.length) } });
      const etag = res.headers.get('etag');
      if (!etag) throw new Error(`S3 part ${n} of ${key} answered without an ETag`);
      parts.push({ n, etag });
    };
    try {
      for await (const chunk of body) {
        pending.push(chunk as Buffer);
        pendingBytes += (chunk as Buffer).length;
        // The loop waits for each part, so the stream (and the client) waits too.
        if (pendingBytes >= this.partBytes) await uploadPart(take());
      }
      if (!uploadId) {
        await this.putObject(key, take(), contentType);
      } else {
        if (pendingBytes) await uploadPart(take());
        const xml = `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.n}</PartNumber><ETag>${xmlEscape(p.etag)}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
        const res = await this.send('POST', key, { body: Buffer.from(xml), query: { uploadId }, headers: { 'content-type': 'application/xml' } });
        // S3 may answer 200 and still report a failure in the body.
        const text = await res.text();
        if (/<Error>/.test(text)) throw new Error(`S3 could not complete the upload of ${key}: ${xmlText(text, 'Code') ?? ''} ${xmlText(text, 'Message') ?? ''}`.trim());
      }
    } catch (error) {
      const id = uploadId as string | null;
      if (id) await this.send('DELETE', key, { query: { uploadId: id }, okStatus: [404] }).catch(() => undefined);
      throw error;
    }
    return {
      // The object is in place once the last request succeeds; discard deletes it.
      commit: async () => undefined,
      discard: () => this.delete(key),
    };
  }

  async get(key: string) {
    const res = await this.send('GET', key);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string) {
    await this.send('DELETE', key, { okStatus: [404] });
  }
}

let store: EvidenceStore | undefined;

export function evidenceStore(): EvidenceStore {
  if (store) return store;
  const cfg = evidenceConfig();
  store = cfg.driver === 's3' ? new S3Store(cfg.s3!) : new LocalDiskStore(cfg.dir);
  return store;
}
