import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Readable } from 'node:stream';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuditWorkspace, setupAuditTestEnv } from '../test-fixture';

// The upload path end to end in-process: POST /api/v1/evidence with a body
// that streams in, through the multipart reader and the staging into the
// local store. The limit here is the production default.
const { evidenceDir } = await setupAuditTestEnv('evidence-upload');
process.env.EVIDENCE_MAX_MB = '25';
const LIMIT = 25 * 1024 * 1024;
const { db } = await import('@/lib/db');
const { POST } = await import('@/app/api/v1/evidence/route');
const { createToken } = await import('@/lib/tokens/mutations');
const { LocalDiskStore } = await import('./storage');

const BOUNDARY = '----evidence-upload-test';
let authorization: string;

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A multipart body produced lazily in 64 KB chunks: a PDF of `size` bytes. `sent` counts what has been handed out. */
function multipartBody(size: number, opts: { title?: string; failAfter?: number } = {}) {
  const progress = { sent: 0 };
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\n${opts.title ?? 'Streamed upload'}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const pdfStart = Buffer.from('%PDF-1.7\n');
  const CHUNK = 64 * 1024;
  let fileSent = 0;
  let stage: 'head' | 'file' | 'tail' | 'done' = 'head';
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === 'head') {
        stage = 'file';
        progress.sent += head.length;
        return controller.enqueue(head);
      }
      if (stage === 'file') {
        if (opts.failAfter !== undefined && fileSent >= opts.failAfter) return controller.error(new Error('client went away'));
        const n = Math.min(CHUNK, size - fileSent);
        const chunk = Buffer.alloc(n, 0x20);
        if (fileSent === 0) pdfStart.copy(chunk);
        fileSent += n;
        progress.sent += n;
        if (fileSent >= size) stage = 'tail';
        return controller.enqueue(chunk);
      }
      if (stage === 'tail') {
        stage = 'done';
        progress.sent += tail.length;
        return controller.enqueue(tail);
      }
      controller.close();
    },
  });
  return { stream, progress };
}

function upload(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const req = new NextRequest('http://portal.test/api/v1/evidence', {
    method: 'POST',
    headers: { authorization, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, host: 'portal.test', ...headers },
    body,
    duplex: 'half',
  } as ConstructorParameters<typeof NextRequest>[1]);
  return POST(req, { params: Promise.resolve({}) });
}

beforeAll(async () => {
  const { actors } = await createAuditWorkspace();
  const token = await createToken(actors.ADMIN, { name: 'Uploads', scopes: ['audits:read', 'evidence:write'], expiresInDays: 1 });
  authorization = `Bearer ${token.secret}`;
});

describe('evidence uploads stream to storage', () => {
  it('stores a file of exactly EVIDENCE_MAX_MB whole, hashed while it streamed, the store reading it before the body had arrived', async () => {
    const original = LocalDiskStore.prototype.stage;
    const { stream, progress } = multipartBody(LIMIT);
    let sentWhenStoreStarted = -1;
    let largestChunk = 0;
    const stage = vi.spyOn(LocalDiskStore.prototype, 'stage').mockImplementationOnce(function (this: InstanceType<typeof LocalDiskStore>, key: string, body: Readable) {
      const observed = Readable.from(
        (async function* () {
          for await (const chunk of body) {
            if (sentWhenStoreStarted < 0) sentWhenStoreStarted = progress.sent;
            largestChunk = Math.max(largestChunk, (chunk as Buffer).length);
            yield chunk as Buffer;
          }
        })(),
      );
      return original.call(this, key, observed);
    });
    const res = await upload(stream);
    stage.mockRestore();
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { id: string; size: number; sha256: string };
    expect(created.size).toBe(LIMIT);
    // The store was writing while most of the body was still to come.
    expect(sentWhenStoreStarted).toBeGreaterThan(0);
    expect(sentWhenStoreStarted).toBeLessThan(LIMIT / 10);
    expect(largestChunk).toBeLessThanOrEqual(256 * 1024);
    const stored = await db.evidence.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.size).toBe(LIMIT);
    const expected = createHash('sha256').update(pdfOf(LIMIT)).digest('hex');
    expect(created.sha256).toBe(expected);
    const files = await filesIn(evidenceDir);
    expect(files).toEqual([path.join(evidenceDir, stored.storageKey!)]);
    await db.evidence.delete({ where: { id: created.id } });
    await rm(files[0]);
  }, 60_000);

  it('refuses one byte over the limit with a 413 naming it, while streaming: nothing stored, no temporary file left', async () => {
    const before = await db.evidence.count();
    const res = await upload(multipartBody(LIMIT + 1, { title: 'One byte over' }).stream);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Evidence files are limited to 25 MB.');
    expect(await db.evidence.count()).toBe(before);
    expect(await filesIn(evidenceDir)).toEqual([]);
  }, 60_000);

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const { stream, progress } = multipartBody(LIMIT + 1);
    const res = await upload(stream, { 'content-length': String(LIMIT + 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(progress.sent).toBeLessThan(1024 * 1024);
    expect(await filesIn(evidenceDir)).toEqual([]);
  });

  it('leaves nothing when the client goes away half way', async () => {
    const before = await db.evidence.count();
    const res = await upload(multipartBody(LIMIT, { failAfter: 5 * 1024 * 1024 }).stream);
    expect(res.status).toBe(400);
    expect(await db.evidence.count()).toBe(before);
    expect(await filesIn(evidenceDir)).toEqual([]);
  }, 60_000);

  it('judges the type from the first bytes and stores nothing of a disguised file', async () => {
    const stage = vi.spyOn(LocalDiskStore.prototype, 'stage');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300 * 1024, 1)]);
    const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nInvoice\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="invoice.pdf"\r\n\r\n`;
    const res = await upload(new Blob([body, exe, `\r\n--${BOUNDARY}--\r\n`]).stream());
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('application/x-msdownload');
    expect(stage).not.toHaveBeenCalled();
    stage.mockRestore();
    expect(await filesIn(evidenceDir)).toEqual([]);
  });

  it('discards a staged file when the record is refused after the upload (fields after the file)', async () => {
    const before = await db.evidence.count();
    const body =
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="policy.pdf"\r\n\r\n%PDF-1.4 policy\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nPolicy\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="requirementIds"\r\n\r\nno-such-requirement\r\n--${BOUNDARY}--\r\n`;
    const res = await upload(new Blob([body]).stream());
    expect(res.status).toBe(422);
    expect(await db.evidence.count()).toBe(before);
    expect(await filesIn(evidenceDir)).toEqual([]);
  });

  it('holds about the same memory for a 25 MB upload as for a 2.5 MB one', async () => {
    // Live memory, not garbage: collected at fixed points while the store is writing.
    v8.setFlagsFromString('--expose_gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const original = LocalDiskStore.prototype.stage;
    async function retainedDuring(size: number) {
      const base = live();
      let peak = 0;
      vi.spyOn(LocalDiskStore.prototype, 'stage').mockImplementationOnce(function (this: InstanceType<typeof LocalDiskStore>, key: string, body: Readable) {
        let bytes = 0;
        const checkpoints = [0.25, 0.5, 0.75, 0.95].map((f) => Math.floor(size * f));
        const observed = Readable.from(
          (async function* () {
            for await (const chunk of body) {
              bytes += (chunk as Buffer).length;
              while (checkpoints.length && bytes >= checkpoints[0]) {
                checkpoints.shift();
                const held = live() - base;
                if (process.env.UPLOAD_MEMORY_TRACE) console.log(`${size} at ${bytes}: ${(held / 1048576).toFixed(1)} MB`);
                peak = Math.max(peak, held);
              }
              yield chunk as Buffer;
            }
          })(),
        );
        return original.call(this, key, observed);
      });
      const res = await upload(multipartBody(size).stream);
      expect(res.status).toBe(201);
      return peak;
    }
    const small = await retainedDuring(LIMIT / 10);
    const large = await retainedDuring(LIMIT);
    console.log(`memory held during upload: ${(small / 1048576).toFixed(1)} MB for 2.5 MB, ${(large / 1048576).toFixed(1)} MB for 25 MB`);
    // Buffering would hold at least what had arrived: 12.5 MB by the second
    // checkpoint, 24 MB by the last. Streaming holds a few chunks (under load
    // a few MB of unrelated allocations come and go, never growing with size).
    expect(large).toBeLessThan(LIMIT / 3);
  }, 60_000);
});

function pdfOf(size: number) {
  const b = Buffer.alloc(size, 0x20);
  Buffer.from('%PDF-1.7\n').copy(b);
  return b;
}
