import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signRequest } from './sigv4';
import { S3Store } from './storage';
import { recorded } from './testdata/s3-responses';

// The S3 driver against a loopback server that plays S3: it checks every
// request's SigV4 signature and payload hash as S3 does, keeps the parts, and
// answers with S3's recorded responses. No network beyond 127.0.0.1.

const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'eu-west-1' };
const BUCKET = 'evidence-bucket';
const PART = 5 * 1024 * 1024;
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

type Seen = { method: string; path: string; query: Record<string, string>; headers: IncomingMessage['headers']; bytes: number; signatureOk: boolean; hashOk: boolean };
let server: Server;
let endpoint: string;
let seen: Seen[] = [];
const objects = new Map<string, Buffer>();
const parts = new Map<string, Buffer>();
let failPart: number | null = null;
let completeFails = false;

function verifySignature(req: IncomingMessage, url: URL): boolean {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth || auth[1] !== creds.accessKeyId || auth[3] !== creds.region) return false;
  const signed = auth[4].split(';');
  if (!['host', 'x-amz-content-sha256', 'x-amz-date'].every((h) => signed.includes(h))) return false;
  const amzDate = String(req.headers['x-amz-date']);
  const date = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const headers = Object.fromEntries(signed.filter((h) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(h)).map((h) => [h, String(req.headers[h])]));
  // What S3 recomputes: the canonical request from the request as received.
  const expected = signRequest(creds, { method: req.method!, url, headers, payloadHash: String(req.headers['x-amz-content-sha256']), date });
  return expected.authorization === req.headers.authorization;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url!, `http://${req.headers.host}`);
      const query = Object.fromEntries(url.searchParams);
      const key = decodeURIComponent(url.pathname.replace(`/${BUCKET}/`, ''));
      const signatureOk = verifySignature(req, url);
      const hashOk = req.headers['x-amz-content-sha256'] === sha(body);
      seen.push({ method: req.method!, path: url.pathname, query, headers: req.headers, bytes: body.length, signatureOk, hashOk });
      const xml = (status: number, text: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': '4442587FB7D0A2F9', ...headers });
        res.end(text);
      };
      if (!signatureOk || !hashOk) return xml(403, recorded.signatureDoesNotMatch);
      if (req.method === 'POST' && 'uploads' in query) return xml(200, recorded.initiate(BUCKET, key, recorded.uploadId));
      if (req.method === 'PUT' && query.partNumber) {
        if (query.uploadId !== recorded.uploadId) return xml(404, recorded.noSuchUpload);
        if (Number(query.partNumber) === failPart) return xml(500, recorded.internalError);
        parts.set(`${key}#${query.partNumber}`, body);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"`, 'content-length': '0' });
        return res.end();
      }
      if (req.method === 'POST' && query.uploadId) {
        if (completeFails) return xml(200, recorded.completeFailedIn200);
        const listed = [...body.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber><ETag>([^<]+)<\/ETag>/g)];
        const whole = Buffer.concat(listed.map(([, n, etag]) => {
          const part = parts.get(`${key}#${n}`)!;
          expect(etag.replace(/&quot;/g, '"')).toBe(`"${createHash('md5').update(part).digest('hex')}"`);
          return part;
        }));
        objects.set(key, whole);
        return xml(200, recorded.complete(BUCKET, key, `${sha(whole).slice(0, 32)}-${listed.length}`));
      }
      if (req.method === 'DELETE' && query.uploadId) {
        for (const k of [...parts.keys()]) if (k.startsWith(`${key}#`)) parts.delete(k);
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'PUT') {
        objects.set(key, body);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"`, 'content-length': '0' });
        return res.end();
      }
      if (req.method === 'GET') {
        const obj = objects.get(key);
        if (!obj) return xml(404, '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(obj.length) });
        return res.end(obj);
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204);
        return res.end();
      }
      xml(400, '<Error><Code>InvalidRequest</Code></Error>');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  seen = [];
  failPart = null;
  completeFails = false;
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
    failPart = 2;
    await expect(store().stage('org1/ev_part_fails', fileStream(3 * PART), 'application/pdf')).rejects.toThrow(/S3 PUT org1\/ev_part_fails failed: 500 InternalError/);
    expect(seen.at(-1)).toMatchObject({ method: 'DELETE', query: { uploadId: recorded.uploadId }, signatureOk: true });
    expect([...parts.keys()].filter((k) => k.startsWith('org1/ev_part_fails'))).toEqual([]);
    expect(objects.has('org1/ev_part_fails')).toBe(false);
  });

  it('treats an error inside a 200 answer to CompleteMultipartUpload as a failure', async () => {
    completeFails = true;
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
