import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { evidenceConfig, type EvidenceConfig } from './config';
import { sha256Hex, signRequest } from './sigv4';

/** Where evidence bytes live. Keys are opaque ("<org>/<id>"), never user input. */
export interface EvidenceStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_-]{0,200}$/i;

function assertKey(key: string) {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key ${key}`);
}

export class LocalDiskStore implements EvidenceStore {
  constructor(private readonly root: string) {}

  private file(key: string) {
    assertKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Buffer) {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves half a file under the key.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, file);
  }

  get(key: string) {
    return readFile(this.file(key));
  }

  async delete(key: string) {
    await rm(this.file(key), { force: true });
  }
}

/** Any S3-compatible store through its REST API, signed with SigV4. */
export class S3Store implements EvidenceStore {
  constructor(
    private readonly cfg: NonNullable<EvidenceConfig['s3']>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  url(key: string): URL {
    assertKey(key);
    const base = new URL(this.cfg.endpoint);
    if (this.cfg.pathStyle) return new URL(`${base.origin}/${this.cfg.bucket}/${key}`);
    return new URL(`${base.protocol}//${this.cfg.bucket}.${base.host}/${key}`);
  }

  private async send(method: string, key: string, body?: Buffer, extra: Record<string, string> = {}) {
    const url = this.url(key);
    const headers = signRequest(this.cfg, { method, url, headers: extra, payloadHash: sha256Hex(body ?? ''), date: new Date() });
    const res = await this.fetchImpl(url, { method, headers, body: body ? new Uint8Array(body) : undefined });
    if (!res.ok && !(method === 'DELETE' && res.status === 404)) {
      throw new Error(`S3 ${method} ${key} failed: ${res.status} ${(await res.text()).slice(0, 200)}`);
    }
    return res;
  }

  async put(key: string, bytes: Buffer, contentType: string) {
    await this.send('PUT', key, bytes, { 'content-type': contentType, 'content-length': String(bytes.length) });
  }

  async get(key: string) {
    const res = await this.send('GET', key);
    return Buffer.from(await res.arrayBuffer());
  }

  async delete(key: string) {
    await this.send('DELETE', key);
  }
}

let store: EvidenceStore | undefined;

export function evidenceStore(): EvidenceStore {
  if (store) return store;
  const cfg = evidenceConfig();
  store = cfg.driver === 's3' ? new S3Store(cfg.s3!) : new LocalDiskStore(cfg.dir);
  return store;
}
