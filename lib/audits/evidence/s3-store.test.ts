import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3Store } from './storage';
import { recorded } from './testdata/s3-responses';
import { startS3Server, type S3TestServer } from './testdata/s3-server';

// The S3 driver against a loopback server that plays S3 (./testdata/s3-server.ts):
// it checks every request's SigV4 signature and payload hash as S3 does, keeps
// the parts, and answers with S3's documented responses. No network beyond 127.0.0.1.

const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'eu-west-1' };
const BUCKET = 'evidence-bucket';
const PART = 5 * 1024 * 1024;
let s3: S3TestServer;
let endpoint: string;
let objects: Map<string, Buffer>;
let parts: Map<string, Buffer>;
let seen: S3TestServer['seen'];

beforeAll(async () => {
  s3 = await startS3Server({ creds, bucket: BUCKET });
  endpoint = s3.endpoint;
  objects = s3.objects;
  parts = s3.parts;
});

afterAll(() => s3.close());

beforeEach(() => {
  s3.reset();
  seen = s3.seen;
});

const store = (secret = creds.secretAccessKey) => new S3Store({ endpoint, bucket: BUCKET, region: creds.region, accessKeyId: creds.accessKeyId, secretAccessKey: secret, pathStyle: true });

/** A file of `size` bytes as a stream of 64 KB chunks, made as it is read. */
function fileStream(size: number, seed = 7) {
  let sent = 0;
  return Readable.from(
    (function* () {
      while (sent < size) {
        const n = Math.min(64 * 1024, size - sent);
        const chunk = Buffer.alloc(n);
        for (let i = 0; i < n; i++) chunk[i] = (sent + i + seed) % 251;
        sent += n;
        yield chunk;
      }
    })(),
  );
}
const fileBytes = async (size: number, seed = 7) => Buffer.concat(await fileStream(size, seed).toArray());

describe('the S3 evidence store', () => {
  it('sends a file that fits in one part as a single signed PUT with its payload hash', async () => {
    const s = store();
    const staged = await s.stage('org1/ev_small', fileStream(300_000), 'application/pdf');
    await staged.commit();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'PUT', path: `/${BUCKET}/org1/ev_small`, signatureOk: true, hashOk: true, bytes: 300_000 });
    expect(seen[0].headers['content-type']).toBe('application/pdf');
    expect(objects.get('org1/ev_small')!.equals(await fileBytes(300_000))).toBe(true);
    expect((await s.get('org1/ev_small')).equals(await fileBytes(300_000))).toBe(true);
  });

  it('streams a larger file as a multipart upload, one part in memory at a time, every request signed', async () => {
    const size = 2 * PART + 1_234_567;
    const staged = await store().stage('org1/ev_large', fileStream(size), 'application/pdf');
    await staged.commit();
    expect(seen.map((r) => `${r.method} ${Object.keys(r.query).join(',')}`)).toEqual([
      'POST uploads',
      'PUT partNumber,uploadId',
      'PUT partNumber,uploadId',
      'PUT partNumber,uploadId',
      'POST uploadId',
    ]);
    expect(seen.every((r) => r.signatureOk && r.hashOk)).toBe(true);
    const partSizes = seen.filter((r) => r.query.partNumber).map((r) => r.bytes);
    expect(partSizes.reduce((a, b) => a + b, 0)).toBe(size);
    // No part is bigger than the part size plus one incoming chunk.
    expect(Math.max(...partSizes)).toBeLessThanOrEqual(PART + 64 * 1024);
    expect(objects.get('org1/ev_large')!.equals(await fileBytes(size))).toBe(true);
  });

  it('aborts the multipart upload when a part fails, so no parts are left', async () => {
    s3.failPart = 2;
    await expect(store().stage('org1/ev_part_fails', fileStream(3 * PART), 'application/pdf')).rejects.toThrow(/S3 PUT org1\/ev_part_fails failed: 500 InternalError/);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', query: { uploadId: recorded.uploadId }, signatureOk: true });
    expect([...parts.keys()].filter((k) => k.startsWith('org1/ev_part_fails'))).toEqual([]);
    expect(objects.has('org1/ev_part_fails')).toBe(false);
  });

  it('treats an error inside a 200 answer to CompleteMultipartUpload as a failure', async () => {
    s3.completeFails = true;
    await expect(store().stage('org1/ev_complete_fails', fileStream(PART + 10), 'application/pdf')).rejects.toThrow(/could not complete the upload of org1\/ev_complete_fails: InternalError/);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', query: { uploadId: recorded.uploadId } });
  });

  it('aborts when the upload stream itself fails (the client went away)', async () => {
    const source = fileStream(3 * PART);
    let read = 0;
    const failing = Readable.from(
      (async function* () {
        for await (const chunk of source) {
          read += (chunk as Buffer).length;
          if (read > PART + 100_000) throw new Error('client went away');
          yield chunk as Buffer;
        }
      })(),
    );
    await expect(store().stage('org1/ev_aborted', failing, 'application/pdf')).rejects.toThrow('client went away');
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', query: { uploadId: recorded.uploadId } });
    expect(objects.has('org1/ev_aborted')).toBe(false);
  });

  it('says what S3 answered when the signature is refused', async () => {
    await expect(store('wrong-secret').stage('org1/ev_badsig', fileStream(10), 'text/plain')).rejects.toThrow(/403 SignatureDoesNotMatch The request signature we calculated does not match/);
  });

  it('discard removes a stored object', async () => {
    const s = store();
    const staged = await s.stage('org1/ev_discarded', fileStream(1000), 'text/plain');
    await staged.discard();
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', path: `/${BUCKET}/org1/ev_discarded`, signatureOk: true });
    expect(objects.has('org1/ev_discarded')).toBe(false);
  });
});
